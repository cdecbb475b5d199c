package main

import (
	"context"
	"runtime"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

type converted struct {
	doc *markdown.Doc
	err error
}

// convert turns every page into a Doc, in parallel across cores. Pages
// found in cache (which may be nil) are not converted again.
// With eager (which may be nil), each page is written as soon as it is
// converted. Once ctx is done no more pages are started, so a cancelled
// preview rebuild waits for at most one page per core; those not started
// are missing from the result.
func convert(ctx context.Context, md *markdown.Converter, pages []*content.Page, cache *docCache, eager *eager) map[*content.Page]converted {
	out := make(map[*content.Page]converted, len(pages))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan *content.Page)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				if cache != nil {
					if doc := cache.get(p); doc != nil {
						mu.Lock()
						out[p] = converted{doc, nil}
						mu.Unlock()
						continue
					}
				}
				doc, err := md.Convert(p)
				if cache != nil && err == nil {
					cache.put(p, doc)
				}
				if eager != nil {
					p.Body = nil // a one-shot build has no more use for it
					if err == nil {
						eager.page(p, doc)
					}
				}
				mu.Lock()
				out[p] = converted{doc, err}
				mu.Unlock()
			}
		})
	}
feed:
	for _, p := range pages {
		select {
		case next <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return out
}

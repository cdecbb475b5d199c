package main

import (
	"runtime"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

type converted struct {
	doc *markdown.Doc
	err error
}

// convert turns every page into a Doc, in parallel across cores.
func convert(md *markdown.Converter, pages []*content.Page) map[*content.Page]converted {
	out := make(map[*content.Page]converted, len(pages))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan *content.Page)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				doc, err := md.Convert(p)
				mu.Lock()
				out[p] = converted{doc, err}
				mu.Unlock()
			}
		})
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	return out
}

package site

import (
	"context"
	"errors"
	"maps"
	"runtime"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// convertAll converts every page. The glossary goes first, so links to its
// terms elsewhere can carry the definition as a tooltip. Once ctx is done
// it converts no more pages, and leaves the rest without a Doc.
func convertAll(ctx context.Context, tree *nav.Tree, pages []*content.Page, memo *Memo, st *stream) (map[*content.Page]*markdown.Doc, error) {
	md := markdown.New(tree.Resolve)
	known := memo.convertedBefore(pages)
	terms := map[*content.Page]converted{} // read while the others are converted into docs
	docs := make(map[*content.Page]converted, len(pages))
	var glossary, others []*content.Page
	for i, p := range pages {
		switch {
		case p.Meta.Kind == content.KindGlossary && known[i] != nil:
			terms[p] = converted{doc: known[i]}
		case p.Meta.Kind == content.KindGlossary:
			glossary = append(glossary, p)
		case known[i] != nil:
			docs[p] = converted{doc: known[i]}
		default:
			others = append(others, p)
		}
	}
	convert(ctx, md, glossary, memo, st, terms)
	md.SetDefinitions(definitions(tree, terms))
	convert(ctx, md, others, memo, st, docs)
	maps.Copy(docs, terms)
	out := make(map[*content.Page]*markdown.Doc, len(docs))
	var errs []error
	for i, p := range pages {
		c := docs[p]
		out[p] = c.doc
		if c.err != nil {
			errs = append(errs, c.err)
			c.doc = nil // not to be reused: its problems are reported again
		}
		known[i] = c.doc
	}
	memo.keepConverted(pages, known)
	return out, errors.Join(errs...)
}

type converted struct {
	doc *markdown.Doc
	err error
}

// convert turns every page into a Doc, in parallel across cores, into
// out; convertAll has taken the pages the memo holds already, as handing
// each to a worker cost more than finding it. A stream writes each page
// as soon as it is converted. Once ctx is done no more pages are started,
// so a cancelled preview rebuild waits for at most one page per core;
// those not started are missing from out.
func convert(ctx context.Context, md *markdown.Converter, pages []*content.Page, memo *Memo, st *stream, out map[*content.Page]converted) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan *content.Page)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				c := converted{doc: memo.get(p)}
				if c.doc == nil {
					c.doc, c.err = md.Convert(p)
					if c.err == nil {
						memo.put(p, c.doc)
						st.page(p, c.doc)
					}
				}
				mu.Lock()
				out[p] = c
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
}

// definitions finds the definition of the glossary term a link names.
func definitions(tree *nav.Tree, docs map[*content.Page]converted) markdown.Definitions {
	return func(from *content.Page, dest string) (string, bool) {
		t, err := nav.ParseTarget(from.Dir(), dest)
		if err != nil || t.Fragment == "" || t.External {
			return "", false
		}
		n := tree.Find(t)
		if n == nil || n.Page.Meta.Kind != content.KindGlossary || docs[n.Page].doc == nil {
			return "", false
		}
		def := docs[n.Page].doc.Terms[t.Fragment]
		return def, def != ""
	}
}

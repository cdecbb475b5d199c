package main

import (
	"html/template"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/search"
)

// eager writes each page as soon as it is converted, for a one-shot build
// of a large site, and drops its HTML at once, rather than hold the HTML
// of every page until all are converted and their links checked: at
// 10,000 pages that HTML is most of what the build holds. Writing early
// publishes nothing early: pages go into the staging folder, which is
// thrown away if the build then fails.
type eager struct {
	set  *layout.Set
	site layout.Site
	put  func(name string, data []byte) error

	pages     *layout.Pages
	nodes     map[*content.Page]*nav.Node
	timelines map[*content.Page]template.HTML
	index     *search.Stream // indexes each page as it is converted
	closed    chan struct{}  // closed once the index is written; nil before finish
	closeErr  error          // what closing the index returned, once closed is

	failed layout.Failures
	mu     sync.Mutex
	done   map[*content.Page]bool
}

func newEager(set *layout.Set, site layout.Site, put func(string, []byte) error) *eager {
	return &eager{set: set, site: site, put: put, done: map[*content.Page]bool{}}
}

// start readies e for the pages of tree, once it is built; converted are
// the pages that will be converted, which the tree may add sections to.
// Pages in held are made from the whole site, not from their own
// Markdown, so they wait, and are given with made.
func (e *eager) start(tree *nav.Tree, timelines map[*content.Page]template.HTML, converted []*content.Page, held ...*content.Page) {
	e.pages = e.set.Pages(tree, e.site)
	e.timelines = timelines
	e.index = search.NewStream(tree, e.put, held...)
	e.nodes = make(map[*content.Page]*nav.Node, len(tree.Order))
	conv := make(map[*content.Page]bool, len(converted))
	for _, p := range converted {
		conv[p] = true
	}
	for _, n := range tree.Order {
		if !conv[n.Page] { // a section the tree made up
			e.index.Add(n.Page, nil)
		}
		e.nodes[n.Page] = n
	}
	for _, p := range held {
		delete(e.nodes, p)
	}
}

// page indexes p, just converted to doc, and writes it unless it must
// wait: the glossary, whose HTML the search index reads, and pages the
// tree does not hold. It is safe for concurrent use.
func (e *eager) page(p *content.Page, doc *markdown.Doc) {
	if e.pages == nil {
		return
	}
	e.index.Add(p, doc)
	n := e.nodes[p]
	if n != nil {
		doc.Text = nil // only the index reads it
	}
	if n == nil || p.Meta.Kind == content.KindGlossary {
		return
	}
	if err := e.pages.Write(n, doc, e.timelines[p], e.put); err != nil {
		e.failed.Add(err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	doc.HTML = ""
	e.done[p] = true
}

// made indexes p, one of the pages start was told to hold, once the whole
// site has made it.
func (e *eager) made(p *content.Page, doc *markdown.Doc) {
	if e != nil && e.index != nil {
		e.index.Made(p, doc)
	}
}

// finish makes last, the last held page, with build (which may read the
// docs but must not change them), gives it to the index and closes the
// index, on a goroutine of its own, so the caller can check the site
// meanwhile. It returns the page once made; indexed waits for the rest.
func (e *eager) finish(last *content.Page, build func() *markdown.Doc) <-chan *markdown.Doc {
	made := make(chan *markdown.Doc, 1)
	e.closed = make(chan struct{})
	go func() {
		defer close(e.closed)
		doc := build()
		made <- doc
		e.made(last, doc)
		e.closeErr = e.index.Close()
	}()
	return made
}

// indexed waits until finish has written the index, if it was called, and
// returns its error. It may be called any number of times.
func (e *eager) indexed() error {
	if e == nil || e.closed == nil {
		return nil
	}
	<-e.closed
	return e.closeErr
}

// written reports whether p has been written.
func (e *eager) written(p *content.Page) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.done[p]
}

func (e *eager) err() error { return e.failed.Err() }

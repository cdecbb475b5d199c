package site

import (
	"html/template"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/search"
)

// stream writes each page as soon as it is converted, for a one-shot
// build of a site too large for a whole-handbook page (printLimit), and
// drops its HTML at once, rather than hold the HTML of every page until
// all are converted and their links checked: at 10,000 pages that HTML is
// most of what the build holds. It indexes each page for search as it
// goes, too, and makes the progress page and closes the index on the
// other core while the links are checked and the last pages laid out.
// Writing early publishes nothing early: pages go into the staging
// folder, which is thrown away if the build then fails.
//
// A nil *stream is the plain strategy: every method does nothing, and
// the build makes the index and writes the pages once all are checked.
type stream struct {
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

// newStream returns the stream of a one-shot build whose layouts loaded,
// or nil: a preview keeps every page's HTML, for its memo, and a build
// that cannot render writes nothing.
func newStream(set *layout.Set, layoutErr error, opt Options, put func(string, []byte) error) *stream {
	if layoutErr != nil || opt.Memo != nil {
		return nil
	}
	return &stream{set: set, site: opt.Site, put: put, done: map[*content.Page]bool{}}
}

// start readies e for the pages of tree, once it is built, and returns
// it; or nil for a site with a whole-handbook page, which needs every
// page's HTML at once. converted are the pages that will be converted,
// which the tree may add sections to. The skills map and progress pages
// are made from the whole site, not from their own Markdown, so they
// wait, and are given with made.
func (e *stream) start(tree *nav.Tree, timelines map[*content.Page]template.HTML, converted []*content.Page, gen generated) *stream {
	if e == nil || gen.print != nil {
		return nil
	}
	var held []*content.Page
	if gen.skillsMap != nil {
		held = append(held, gen.skillsMap)
	}
	held = append(held, gen.progress)
	e.pages = e.set.Pages(tree, e.site, layout.Plan{FullSidebar: fullSidebar})
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
	return e
}

// page indexes p, just converted to doc, lets go of its Markdown, and
// writes it unless it must wait: the glossary, whose HTML the search
// index reads, and pages the tree does not hold. It is safe for
// concurrent use.
func (e *stream) page(p *content.Page, doc *markdown.Doc) {
	if e == nil {
		return
	}
	p.Body = nil // a one-shot build has no more use for it
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
func (e *stream) made(p *content.Page, doc *markdown.Doc) {
	if e != nil {
		e.index.Made(p, doc)
	}
}

// progress returns the function that gives the progress page's Doc, made
// from every other page's. The plain strategy makes it when that is
// called, once the site is checked and the whole-handbook page (which it
// lists too) made. A stream makes it at once, on the other core while
// the caller checks the links (0.15 s of a 10,000-page build that
// otherwise ran on one core), then gives it to the index, the last page
// the index needs, and closes the index; the caller must not change docs
// until the function has returned.
func (e *stream) progress(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, page *content.Page, memo *layout.ProgressMemo) func() *markdown.Doc {
	build := func() *markdown.Doc { return layout.Progress(tree, docs, page, memo) }
	if e == nil {
		return build
	}
	made := e.finish(page, build)
	return func() *markdown.Doc { return <-made }
}

// finish makes last, the last held page, with build (which may read the
// docs but must not change them), gives it to the index and closes the
// index, on a goroutine of its own, so the caller can check the site
// meanwhile. It returns the page once made; indexed waits for the rest.
func (e *stream) finish(last *content.Page, build func() *markdown.Doc) <-chan *markdown.Doc {
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
func (e *stream) indexed() error {
	if e == nil || e.closed == nil {
		return nil
	}
	<-e.closed
	return e.closeErr
}

// written reports whether p has been written.
func (e *stream) written(p *content.Page) bool {
	if e == nil {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.done[p]
}

// err is every distinct error of the pages written so far.
func (e *stream) err() error {
	if e == nil {
		return nil
	}
	return e.failed.Err()
}

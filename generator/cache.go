package main

import (
	"crypto/sha256"
	"html/template"
	"strconv"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/search"
)

// docCache is what serve remembers from one rebuild to the next, so that
// an edit to one page reads, converts and renders one page. Each part is a
// memo of a pure result, the kind STYLE.md asks for instead of dependency
// tracking:
//
//   - pages: only the files the watcher named are read again
//     (content.Update);
//   - docs: a Doc depends only on its page's bytes and on which pages and
//     files exist (links are resolved against them), so the cache is emptied
//     whenever that set changes, or the glossary does;
//   - links: a page's links are checked again only when its Doc, or the
//     Doc of a page it links into, has changed (links.Memo);
//   - rendered: a page's HTML depends on its file's bytes, its Doc, its
//     timeline and the shape of the tree (every title, order, description
//     and skills list, which the sidebar and neighbours show), so a page
//     whose inputs are all the same as last time is not rendered again.
//     It is keyed by the page's path, not its *content.Page: the generated
//     pages (progress, skills map) are made afresh on every rebuild, and
//     the progress page of a 10,000-page site is 2.5 MB of HTML that
//     rarely changes;
//   - search: a page's entries and terms depend on its Doc, title,
//     description and file (search.Memo), and the progress page on each
//     page's title and self-check count (layout.ProgressMemo).
type docCache struct {
	mu   sync.Mutex
	site [32]byte // hash of every page and file path
	docs map[cacheKey]*markdown.Doc

	known    content.Known        // the content folder as the site on disk was made from it
	since    []string             // files the watcher has named since then
	rendered map[string]renderKey // by page path, as now on disk
	pending  map[string]renderKey // by page path, from this rebuild, once it is on disk
	search   *search.Memo         // the search index, to update
	progress layout.ProgressMemo  // the progress page, to reuse
	links    *links.Memo          // each page's checked links
	sidebars layout.SidebarMemo   // a large site's sidebar scripts
}

// renderKey is everything a page's HTML is made from.
type renderKey struct {
	file     [32]byte // content.Page.Hash: front matter the shape leaves out, such as sources
	doc      *markdown.Doc
	timeline template.HTML
	shape    [32]byte
}

type cacheKey struct {
	path string
	hash [32]byte
}

func newDocCache() *docCache {
	return &docCache{docs: map[cacheKey]*markdown.Doc{}, rendered: map[string]renderKey{}, search: search.NewMemo(), links: links.NewMemo()}
}

// unchanged reports whether the page at path would render exactly as it
// did last time: whether what it is rendered from now is what it was.
func (c *docCache) unchanged(path string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.rendered[path]
	return ok && old == c.pending[path]
}

// settle records a rebuild that is now on disk: its pages to reuse and
// what each was rendered from.
func (c *docCache) settle(loaded content.Known) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered, c.pending = c.pending, nil
	c.known, c.since = loaded, nil
}

// forget drops the rendered pages, when the layouts change.
func (c *docCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered = map[string]renderKey{}
}

// shapeOf hashes what every page's sidebar, breadcrumbs, neighbours and
// lists show of the others.
func shapeOf(tree *nav.Tree) [32]byte {
	h := sha256.New()
	var b []byte
	for _, n := range tree.Order {
		m := n.Page.Meta
		b = b[:0]
		for _, s := range []string{n.Page.Path, n.Page.URL, m.Title, m.Description, string(m.Kind)} {
			b = append(append(b, s...), 0)
		}
		b = strconv.AppendInt(b, int64(m.Weight), 10)
		for _, s := range m.Skills {
			b = append(append(b, 0), s...)
		}
		b = append(b, 1)
		b = strconv.AppendInt(b, int64(len(n.Children)), 10)
		h.Write(append(b, 2))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// reset empties the cache if the set of pages and files has changed.
func (c *docCache) reset(pages []*content.Page, files []content.File) {
	h := sha256.New()
	for _, p := range pages {
		h.Write([]byte(p.Path + "\x00"))
		if p.Meta.Kind == content.KindGlossary {
			h.Write(p.Hash[:]) // its definitions are in other pages' tooltips
		}
	}
	h.Write([]byte{1})
	for _, f := range files {
		h.Write([]byte(f.Path + "\x00"))
	}
	var site [32]byte
	copy(site[:], h.Sum(nil))
	c.mu.Lock()
	defer c.mu.Unlock()
	if site != c.site {
		c.site = site
		c.docs = map[cacheKey]*markdown.Doc{}
		c.links.Forget()
	}
}

func (c *docCache) get(p *content.Page) *markdown.Doc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[cacheKey{p.Path, p.Hash}]
}

func (c *docCache) put(p *content.Page, doc *markdown.Doc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[cacheKey{p.Path, p.Hash}] = doc
}

func hashOf(b []byte) [32]byte { return sha256.Sum256(b) }

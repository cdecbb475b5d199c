package site

import (
	"context"
	"crypto/sha256"
	"html/template"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/search"
)

// Memo is what a preview remembers from one build to the next, so that
// an edit to one page reads, converts and renders one page. Each part is a
// memo of a pure result, the kind STYLE.md asks for instead of dependency
// tracking:
//
//   - pages: only the files the watcher named are read again
//     (content.Update; the preview names them with Changed);
//   - docs: a Doc depends only on its page's bytes and on which pages and
//     files exist (links are resolved against them), so the cache is emptied
//     whenever that set changes, or the glossary does, and trimmed to the
//     current pages' Docs when old versions pile up;
//   - links: a page's links are checked again only when its Doc, or the
//     Doc of a page it links into, has changed (links.Memo);
//   - output: the site's recorder lists the pages handed over unchanged
//     rather than map them, and the search memo hands over as nil the
//     files it knows are on disk as they are (Settle tells it which);
//   - rendered: a page's HTML depends on its file's bytes, its Doc, its
//     timeline and the shape of the tree (every title, order, description
//     and skills list, which the sidebar and neighbours show, as
//     layout.Shape hashes it), so a page
//     whose inputs are all the same as last time is not rendered again.
//     It is keyed by the page's path, not its *content.Page: the generated
//     pages (progress, skills map) are made afresh on every rebuild, and
//     the progress page of a 10,000-page site is 2.5 MB of HTML that
//     rarely changes. What each page was rendered from is kept in
//     reading order (rendering), and compared place by place;
//   - search: a page's entries and terms depend on its Doc, title,
//     description and file (search.Memo), and the progress page on each
//     page's title and self-check count (layout.ProgressMemo);
//   - layouts: the parsed templates and minified assets depend only on
//     the layouts folder and the built-in layouts, so they are loaded
//     again only after LayoutsChanged (minifying the scripts and style
//     sheets was a fifth of a one-page rebuild of the handbook);
//   - timelines: a page's waiting-time clocks and their figure depend only
//     on its front matter, so they are drawn again only when its file
//     changed (drawing every scenario's was a tenth of a one-page rebuild
//     of the handbook);
//   - tree: the tree depends only on each page's place (path, address,
//     weight, title, kind, skills) and on which files exist, so when no
//     page's place changed the last tree is kept, with the new pages put
//     into its nodes (nav.Tree.Reuse);
//   - print: each page's part of the whole-handbook page depends on its
//     HTML, timeline, address and title, and on every page's address
//     (layout.PrintMemo).
type Memo struct {
	mu   sync.Mutex
	site [32]byte // hash of every page and file path
	docs map[cacheKey]*markdown.Doc
	// converted are the pages of the last build and their Docs, in the
	// same order (nil where it failed): a page read again is a new
	// *content.Page, so one that is the page in its place last time has
	// the Doc in its place, found with no lookup.
	converted struct {
		pages []*content.Page
		docs  []*markdown.Doc
	}

	known     content.Known             // the content folder as the site on disk was made from it
	since     []string                  // files the watcher has named since then
	rendered  rendering                 // as now on disk
	pending   rendering                 // from this rebuild, once it is on disk
	same      []bool                    // by page in reading order: rendered as it is on disk
	search    *search.Memo              // the search index, to update
	progress  layout.ProgressMemo       // the progress page, to reuse
	links     *links.Memo               // each page's checked links
	sidebars  layout.SidebarMemo        // a large site's sidebar scripts
	files     int                       // output files the last build made
	layouts   *layout.Set               // loaded without a problem; nil to load them again
	print     layout.PrintMemo          // the whole-handbook page's parts
	timelines map[fileKey]template.HTML // drawn without a problem, by the file they were drawn from
	tree      *nav.Tree                 // the last build's, to reuse when no page moved
}

// fileKey is a content file as it was read: its name and its bytes' hash.
type fileKey struct {
	file string
	hash [32]byte
}

// drawing is the timelines of the build before, to reuse, and those of
// this build, to keep; both nil without a memo.
type drawing struct{ old, now map[fileKey]template.HTML }

func (c *Memo) drawn() drawing {
	if c == nil {
		return drawing{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return drawing{c.timelines, make(map[fileKey]template.HTML, len(c.timelines))}
}

func (c *Memo) setDrawn(now map[fileKey]template.HTML) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timelines = now
}

// rendering is what each page of a build was rendered from, in reading
// order. Kept as lists rather than a map by path: an edit seldom moves a
// page, so each page is compared with the one in its place last time,
// which on a 10,000-page site cost a tenth of what the map did.
type rendering struct {
	paths []string    // page paths
	keys  []renderKey // by page
	at    map[string]int
}

// find returns what the page at path was rendered from.
func (r *rendering) find(path string) (renderKey, bool) {
	if r.at == nil {
		r.at = make(map[string]int, len(r.paths))
		for i, p := range r.paths {
			r.at[p] = i
		}
	}
	i, ok := r.at[path]
	if !ok {
		return renderKey{}, false
	}
	return r.keys[i], true
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

// NewMemo returns an empty memo: the first build with it makes everything.
func NewMemo() *Memo {
	return &Memo{docs: map[cacheKey]*markdown.Doc{}, search: search.NewMemo(), links: links.NewMemo()}
}

// unchanged reports whether page i in reading order would render exactly
// as it did last time: whether what it is rendered from now is what it
// was. Without a memo, nothing was rendered before.
func (c *Memo) unchanged(i int) bool {
	return c != nil && c.same[i]
}

// Changed notes files the watcher named since the last build, which the
// next build reads again.
func (c *Memo) Changed(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.since = append(c.since, paths...)
}

// Settle records a build that is now on disk: its pages to reuse and
// what each was rendered from. A build that did not reach the disk is
// not settled, and the next build starts from the one before it.
func (c *Memo) Settle(r *Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered, c.pending = c.pending, rendering{}
	c.known, c.since = r.loaded, nil
	c.files = r.files
	c.search.Settle()
}

// recorder returns the recorder of a build's output files, sized as
// the last build settled.
func (c *Memo) recorder(ctx context.Context, out Sink) *recorder {
	if c == nil {
		return newRecorder(ctx, out, 0)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return newPreviewRecorder(ctx, out, c.files)
}

// ForgetRendered makes the next build lay out every page again, as when
// the layouts change or the output folder is to be written whole.
func (c *Memo) ForgetRendered() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rendered = rendering{}
	c.search.Unsettle()
}

// LayoutsChanged makes the next build load the layouts again and lay out
// every page with them: a file in the layouts folder changed.
func (c *Memo) LayoutsChanged() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.layouts = nil
	c.rendered = rendering{}
}

// loadLayouts loads the layouts of src, or for a preview returns those it
// loaded before, unless they changed since. Layouts with problems are
// loaded again every time, so the problems are reported every time.
func (c *Memo) loadLayouts(src Sources) (*layout.Set, error) {
	if c == nil {
		return layout.Load(src.LayoutFiles())
	}
	c.mu.Lock()
	set := c.layouts
	c.mu.Unlock()
	if set != nil {
		return set, nil
	}
	set, err := layout.Load(src.LayoutFiles())
	if err == nil {
		c.mu.Lock()
		c.layouts = set
		c.mu.Unlock()
	}
	return set, err
}

// Converted is how many converted pages the memo holds.
func (c *Memo) Converted() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.docs)
}

// load reads the content folder: every page and file, or for a preview
// only the files named since the last build, reusing the rest.
func (c *Memo) load(dir string) content.Known {
	var k content.Known
	if c == nil {
		k.Pages, k.Files, k.Err = content.Load(dir)
	} else {
		k.Pages, k.Files, k.Err = content.Update(dir, c.known, c.since)
	}
	return k
}

// reset empties the cache if the set of pages and files has changed.
func (c *Memo) reset(pages []*content.Page, files []content.File) {
	if c == nil {
		return
	}
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
		c.converted.pages, c.converted.docs = nil, nil
		c.links.Forget()
	}
}

// convertedBefore returns the Docs of pages converted before from the same bytes,
// by page, nil where there is none.
func (c *Memo) convertedBefore(pages []*content.Page) []*markdown.Doc {
	docs := make([]*markdown.Doc, len(pages))
	if c == nil {
		return docs
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	last := c.converted
	for i, p := range pages {
		if i < len(last.pages) && last.pages[i] == p {
			docs[i] = last.docs[i]
		} else {
			docs[i] = c.docs[cacheKey{p.Path, p.Hash}]
		}
	}
	return docs
}

// keepConverted notes the pages of this build and their Docs, for
// convertedBefore. Every save of a page adds a Doc for its new bytes, so
// once the cache holds twice as many Docs as there are pages it keeps
// only this build's: an editing session would otherwise keep every
// version of every page it touched, while an undo just after an edit
// still finds its Doc. Emptying it at twice the pages costs one pass over
// them per as many saves, nothing a save would notice.
func (c *Memo) keepConverted(pages []*content.Page, docs []*markdown.Doc) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.converted.pages, c.converted.docs = pages, docs
	if len(c.docs) > 2*len(pages) {
		c.docs = make(map[cacheKey]*markdown.Doc, len(pages))
		for i, p := range pages {
			if docs[i] != nil {
				c.docs[cacheKey{p.Path, p.Hash}] = docs[i]
			}
		}
	}
}

// get returns p's Doc as converted before from the same bytes, or nil.
func (c *Memo) get(p *content.Page) *markdown.Doc {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[cacheKey{p.Path, p.Hash}]
}

// put keeps p's Doc for the next build.
func (c *Memo) put(p *content.Page, doc *markdown.Doc) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[cacheKey{p.Path, p.Hash}] = doc
}

// plan notes what each page is rendered from, so that unchanged can
// compare it with last time, to settle once the build is on disk; and
// returns the sidebar scripts' memo, for the same shape.
func (c *Memo) plan(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, timelines map[*content.Page]template.HTML) *layout.SidebarMemo {
	if c == nil {
		return nil
	}
	shape := layout.Shape(tree)
	pending := rendering{paths: make([]string, len(tree.Order)), keys: make([]renderKey, len(tree.Order))}
	same := make([]bool, len(tree.Order))
	c.mu.Lock()
	defer c.mu.Unlock()
	last := &c.rendered
	aligned := len(last.paths) == len(tree.Order)
	for i, n := range tree.Order {
		p := n.Page
		k := renderKey{p.Hash, docs[p], timelines[p], shape}
		pending.paths[i], pending.keys[i] = p.Path, k
		if aligned && last.paths[i] == p.Path {
			same[i] = last.keys[i] == k
		} else if old, ok := last.find(p.Path); ok {
			same[i] = old == k
		}
	}
	c.pending, c.same = pending, same
	c.sidebars.Shape = shape
	return &c.sidebars
}

// linkMemo, searchMemo and progressMemo are the memos of the stages that
// keep their own, or nil without a Memo.
func (c *Memo) linkMemo() *links.Memo {
	if c == nil {
		return nil
	}
	return c.links
}

func (c *Memo) searchMemo() *search.Memo {
	if c == nil {
		return nil
	}
	return c.search
}

func (c *Memo) progressMemo() *layout.ProgressMemo {
	if c == nil {
		return nil
	}
	return &c.progress
}

func (c *Memo) printMemo() *layout.PrintMemo {
	if c == nil {
		return nil
	}
	return &c.print
}

// treeOf returns the tree of pages and files: for a preview, the last
// build's, when no page moved.
func (c *Memo) treeOf(pages []*content.Page, files []content.File) *nav.Tree {
	if c == nil {
		return nav.Build(pages, files)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tree == nil || !c.tree.Reuse(pages, files) {
		c.tree = nav.Build(pages, files)
	}
	return c.tree
}

// Package nav arranges pages into the handbook's tree: sections (folders),
// their pages in order, the reading order used for previous/next, and lookup
// of pages by source path for link resolution.
//
// Order within a section is by weight, then title; pages without a weight
// come after weighted ones, so an educator only numbers what they care about.
// A folder with pages but no index.md still gets a section page, listing its
// pages, so every breadcrumb leads somewhere.
package nav

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"ppchandbook/generator/content"
)

// Node is a page in the tree.
type Node struct {
	Page     *content.Page
	Parent   *Node
	Children []*Node // for sections, in reading order
	Index    int     // position in Tree.Order
}

// Tree is the whole handbook.
type Tree struct {
	Root   *Node
	Order  []*Node                   // reading order: depth first, parents before children
	byPath map[string]*Node          // by content path, "skills/communication.md"
	byURL  map[string]*Node          // by URL, "skills/"
	files  map[string]bool           // non-Markdown content paths
	byPage map[*content.Page]*Node   // for templates
	Slugs  map[content.Kind][]string // page slugs by kind, for "did you mean" on relations
	rel    relations
	pages  []*content.Page // as given to Build, or as Reuse last put them

	// Drafts are the pages left out of the tree because they have draft:
	// true, by content path, set by the caller, so a link to one can say
	// why it is broken.
	Drafts map[string]*content.Page

	// Unread are the Markdown files that could not be read as pages (no
	// closing ---, say), file as shown by content path, set by the
	// caller, so a link to one says so rather than suggest another page.
	Unread map[string]string
}

// Build makes the tree from pages sorted by path. Drafts must already be
// removed. Sections without an index page get a generated one. files are
// the other files of the content folder, which links may name too.
func Build(pages []*content.Page, files []content.File) *Tree {
	// The maps are sized at once: a preview builds the tree again on every
	// save, and growing them was a tenth of a one-page rebuild.
	size := len(pages)
	t := &Tree{byPath: make(map[string]*Node, size), byURL: make(map[string]*Node, size), files: make(map[string]bool, len(files)),
		byPage: make(map[*content.Page]*Node, size), Slugs: map[content.Kind][]string{}}
	sections := sections{}
	for _, p := range pages {
		if !p.Section {
			continue
		}
		n := sections.of(p.URL)
		n.Page = p
	}
	for _, p := range pages {
		if p.Section {
			continue
		}
		parent := sections.of(parentURL(p.URL))
		n := &Node{Page: p, Parent: parent}
		parent.Children = append(parent.Children, n)
	}
	for _, f := range files {
		t.files[f.Path] = true
	}
	t.Root = sections.of("")
	t.add(t.Root)
	t.indexRelations()
	t.pages = slices.Clone(pages)
	return t
}

// sections are the tree's section nodes by URL, as Build makes them.
type sections map[string]*Node

// of returns the section node for url, making it and the sections above
// it if need be, each with a generated page until its own is found.
func (s sections) of(url string) *Node {
	if n, ok := s[url]; ok {
		return n
	}
	n := &Node{Page: sectionPage(url)}
	s[url] = n
	if url != "" {
		parent := s.of(parentURL(url))
		n.Parent = parent
		parent.Children = append(parent.Children, n)
	}
	return n
}

// sectionPage is the page generated for a section without an index page,
// titled after its folder.
func sectionPage(url string) *content.Page {
	p := &content.Page{URL: url, Section: true, Path: strings.TrimSuffix(url, "/") + "/_index.md", Line: 1,
		Meta: content.Meta{Kind: content.KindPage, Lines: map[string]int{}}}
	if url == "" {
		p.Path, p.Meta.Title = "_index.md", "Home"
	} else {
		name := path.Base(strings.TrimSuffix(url, "/"))
		name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
		r, size := utf8.DecodeRuneInString(name)
		p.Meta.Title = string(unicode.ToUpper(r)) + name[size:]
	}
	return p
}

// add puts n and the nodes under it into the tree's reading order and
// lookups, sorting each node's children first.
func (t *Tree) add(n *Node) {
	slices.SortStableFunc(n.Children, compare)
	n.Index = len(t.Order)
	t.Order = append(t.Order, n)
	t.byPage[n.Page] = n
	t.byURL[n.Page.URL] = n
	if n.Page.File != "" { // generated sections have no file to link to
		t.byPath[n.Page.Path] = n
	}
	if n.Page.URL != "" {
		t.Slugs[n.Page.Meta.Kind] = append(t.Slugs[n.Page.Meta.Kind], n.Page.Slug())
	}
	for _, c := range n.Children {
		c.Parent = n
		t.add(c)
	}
}

func parentURL(url string) string {
	dir := path.Dir(strings.TrimSuffix(url, "/"))
	if dir == "." || dir == "/" {
		return ""
	}
	return dir + "/"
}

func compare(a, b *Node) int {
	wa, wb := a.Page.Meta.Weight, b.Page.Meta.Weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(wa, wb); c != 0 {
		return c
	}
	return cmp.Or(
		cmp.Compare(strings.ToLower(a.Page.Meta.Title), strings.ToLower(b.Page.Meta.Title)),
		cmp.Compare(a.Page.Path, b.Page.Path))
}

// Lookup finds a page by its content path ("skills/communication.md").
func (t *Tree) Lookup(contentPath string) *Node { return t.byPath[contentPath] }

// Node returns the tree node of p.
func (t *Tree) Node(p *content.Page) *Node { return t.byPage[p] }

// Paths lists every linkable content path, for suggestions.
func (t *Tree) Paths() []string {
	out := make([]string, 0, len(t.byPath))
	for p := range t.byPath {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Prev and Next are the neighbours in reading order, or nil.
func (t *Tree) Prev(n *Node) *Node {
	if n.Index > 0 {
		return t.Order[n.Index-1]
	}
	return nil
}

func (t *Tree) Next(n *Node) *Node {
	if n.Index+1 < len(t.Order) {
		return t.Order[n.Index+1]
	}
	return nil
}

// Ancestors lists n's parents from the root down, excluding n.
func (n *Node) Ancestors() []*Node {
	var out []*Node
	for p := n.Parent; p != nil; p = p.Parent {
		out = append(out, p)
	}
	slices.Reverse(out)
	return out
}

// Href is the link from page `from` to page `to`, relative so the site works
// from a file share as well as from any web server path. It names
// index.html explicitly because browsers opening file:// URLs do not look
// for one.
func Href(from, to *content.Page) string {
	return Root(from) + FileOf(to)
}

// FileOf is the output file of a page, relative to the site root.
func FileOf(p *content.Page) string {
	return escapePath(p.URL) + "index.html"
}

// Root is the relative path from p's folder to the site root: "" or "../../".
func Root(p *content.Page) string {
	return strings.Repeat("../", strings.Count(p.URL, "/"))
}

func escapePath(u string) string {
	if !strings.ContainsAny(u, " %?#\"'<>:") {
		return u
	}
	parts := strings.Split(u, "/")
	for i, s := range parts {
		parts[i] = strings.NewReplacer("%", "%25", " ", "%20", "?", "%3F", "#", "%23", "\"", "%22", "'", "%27", "<", "%3C", ">", "%3E", ":", "%3A").Replace(s)
	}
	return strings.Join(parts, "/")
}

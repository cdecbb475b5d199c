// Package markdown converts a page's Markdown body to HTML, once, with
// goldmark and chroma configured for the handbook.
//
// The dialect is GitHub's: tables, task lists, strikethrough, autolinks,
// footnotes and alert callouts (> [!NOTE], [!TIP], [!IMPORTANT], [!WARNING],
// [!CAUTION]), plus definition lists and typographic quotes and dashes. Its
// parser options are package dialect's, which content (for titles) and
// check parse with too; callouts and quizzes are read from that syntax here.
// Headings get the IDs GitHub gives them (headingid.go), unique on the
// page, and a visible anchor link; the terms of a definition list get IDs
// too, which is how glossary entries become link targets. The "# Title"
// a page opens with (also after a comment, a logo or badges) is dropped
// because the layout prints the page title as the page's only h1, with
// the title's ID (Doc.TitleID).
//
// Raw HTML is published as GitHub publishes it: HTML comments are dropped
// (they are editors' notes), and the rest passes through an allow-list
// close to GitHub's (see newPolicy), so <details>, <br>, <sup>, <kbd> and
// <a name> work while scripts, styles, frames, event handlers and
// javascript: or data: addresses never do. A page that sets raw_html: true
// keeps its HTML as written, less comments and links that run code. Links
// and images in raw HTML are rewritten and checked like Markdown ones, and
// its id and name attributes are link targets.
//
// Links and images are rewritten through a Resolver, which turns a relative
// path to a Markdown file into the relative URL of its page. Every link is
// recorded in the Doc with its line and column, for the link checker.
package markdown

import (
	"bytes"
	"errors"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown/dialect"
)

// Resolver rewrites a link destination written on page from into the href
// to emit. ok is false when the destination names nothing in the site; the
// destination is then left as written and the link checker reports it.
type Resolver func(from *content.Page, dest string) (href string, ok bool)

// Doc is a converted page.
type Doc struct {
	HTML     string            // a string, so the page template takes it without a copy
	TitleID  string            // the ID of the "# Title" the page opened with, for the layout's h1; "" if none
	Headings []Heading         // h2 and below, in order
	IDs      map[string]int    // every element id on the page → its line, for #anchor checks
	Links    []Link            // every link and image, in order
	Text     []Section         // the page's words by heading section, for search
	Terms    map[string]string // definition-list term id → its definition, for glossary tooltips
	Tasks    int               // task-list boxes: a page's self-check items
	Removed  []Removal         // what the sanitiser took out of the page's raw HTML, for check
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int // in the source file
}

// Link is one link or image as written in the Markdown.
type Link struct {
	Dest  string // as written
	Line  int    // in the source file
	Col   int
	Image bool
}

// Section is the plain text under one heading ("" ID for the text before the
// first heading).
type Section struct {
	ID, Heading string
	Text        string
}

// Converter holds the goldmark setups; it is safe for concurrent use.
type Converter struct {
	safe, unsafe goldmark.Markdown
	policy       *bluemonday.Policy // for raw HTML in pages without raw_html: true
	resolve      Resolver
	defs         Definitions
	bufs         sync.Pool
}

// SetDefinitions gives the converter the glossary, once the glossary
// pages themselves have been converted; links to terms converted after
// this get a tooltip.
func (c *Converter) SetDefinitions(d Definitions) { c.defs = d }

// New assembles a Converter that rewrites links with resolve.
func New(resolve Resolver) *Converter {
	return &Converter{
		safe:    newGoldmark(false),
		unsafe:  newGoldmark(true),
		policy:  newPolicy(),
		resolve: resolve,
		bufs:    sync.Pool{New: func() any { return new(bytes.Buffer) }},
	}
}

func newGoldmark(rawHTML bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(&headingRenderer{}, 100),
			util.Prioritized(&calloutRenderer{}, 100),
			util.Prioritized(newCodeRenderer(), 100),
			util.Prioritized(&tableWrapRenderer{}, 100),
		),
	}
	if rawHTML {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(newLinkRenderer(html.WithUnsafe()), 100)))
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(newLinkRenderer(), 100)))
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{}, 100)))
	if rawHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe()) // autolinks as written; defuse empties those that run code
	}
	return goldmark.New(append(dialect.Options(), goldmark.WithRendererOptions(rendererOpts...))...)
}

// Convert parses p's body once and returns its HTML and what later stages
// need to know about it.
func (c *Converter) Convert(p *content.Page) (*Doc, error) {
	md := c.safe
	if p.Meta.RawHTML {
		md = c.unsafe
	}
	src := p.Body
	ids := newIDs()
	root := md.Parser().Parse(text.NewReader(src))
	w := walker{page: p, src: src, lines: newLineIndex(src, p.Line), ids: ids, resolve: c.resolve, policy: c.policy, kind: p.Meta.Kind,
		defs: c.defs, termSeen: map[string]bool{}}
	doc := w.walk(root)

	buf := c.bufs.Get().(*bytes.Buffer)
	defer c.bufs.Put(buf)
	buf.Reset()
	if err := md.Renderer().Render(buf, src, root); err != nil {
		return doc, errors.Join(append(w.errs, content.Errorf(p.File, p.Line, 0, "the Markdown could not be turned into HTML: %v", err))...)
	}
	doc.HTML = buf.String()
	if p.Meta.RawHTML {
		doc.HTML = w.defuseRaw(doc.HTML)
	}
	w.highlightWarnings()
	return doc, errors.Join(w.errs...)
}

// lineIndex turns byte offsets in the body into file lines and columns.
type lineIndex struct {
	starts []int // offset of each line start in the body
	first  int   // file line of the body's first line
}

func newLineIndex(src []byte, first int) lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, first: first}
}

// at returns the file line and 1-based column (in characters) of offset.
func (l lineIndex) at(src []byte, offset int) (line, col int) {
	lo, hi := 0, len(l.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := l.starts[lo]
	offset = min(offset, len(src))
	return l.first + lo, len([]rune(string(src[start:offset]))) + 1
}

// blockStart is the offset where a block node's text begins, or -1.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return -1
}

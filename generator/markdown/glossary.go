package markdown

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
)

// Definitions looks up the definition of the glossary term a link names,
// for the tooltip shown on the link. ok is false for links to anything
// other than a glossary term.
type Definitions func(from *content.Page, dest string) (definition string, ok bool)

// kindTermTip is the tooltip that follows the first link to each glossary
// term on a page: the definition, available on hover, on keyboard focus and
// to screen readers through aria-describedby, so a trainee never meets an
// unexplained acronym.
var kindTermTip = ast.NewNodeKind("TermTip")

type termTip struct {
	ast.BaseInline
	id, text string
}

func (n *termTip) Kind() ast.NodeKind            { return kindTermTip }
func (n *termTip) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func newTermTip(id, text string) *termTip        { return &termTip{id: id, text: text} }

// glossaryTerm marks link n as the first use of a term and puts the
// tooltip after it.
func (w *walker) glossaryTerm(n *ast.Link, dest string) {
	if w.defs == nil {
		return
	}
	def, ok := w.defs(w.page, dest)
	if !ok || w.termSeen[dest] {
		return
	}
	w.termSeen[dest] = true
	id := string(w.ids.Generate([]byte("term "+dest[strings.LastIndexByte(dest, '#')+1:]), kindTermTip))
	n.SetAttributeString("data-term", []byte(id))
	if p := n.Parent(); p != nil {
		p.InsertAfter(p, n, newTermTip(id, def))
	}
}

// termDefinition is the plain text of the description after term dt,
// shortened to its first sentence or two for a tooltip.
func termDefinition(dt *east.DefinitionTerm, src []byte) string {
	dd, ok := dt.NextSibling().(*east.DefinitionDescription)
	if !ok {
		return ""
	}
	text := squash(content.PlainText(dd, src))
	const limit = 220
	if len([]rune(text)) <= limit {
		return text
	}
	cut := string([]rune(text)[:limit])
	if i := strings.LastIndex(cut, ". "); i > 60 {
		return cut[:i+1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}

// linkRenderer renders links as goldmark does, adding the tooltip's
// aria-describedby to marked glossary links.
type linkRenderer struct {
	plain renderer.NodeRendererFunc
}

func newLinkRenderer(opts ...html.Option) *linkRenderer {
	c := &capture{kind: ast.KindLink}
	html.NewRenderer(opts...).RegisterFuncs(c)
	return &linkRenderer{plain: c.fn}
}

// capture picks one node kind's function out of a renderer's registrations.
type capture struct {
	kind ast.NodeKind
	fn   renderer.NodeRendererFunc
}

func (c *capture) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) {
	if k == c.kind {
		c.fn = fn
	}
}

func (r *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.render)
	reg.Register(kindTermTip, r.tip)
}

func (r *linkRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	id, marked := n.AttributeString("data-term")
	if !marked || !entering {
		return r.plain(w, src, n, entering)
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	status, err := r.plain(bw, src, n, entering)
	bw.Flush()
	tag := bytes.TrimSuffix(buf.Bytes(), []byte(">"))
	w.Write(tag)
	w.WriteString(` class="term" aria-describedby="`)
	w.Write(util.EscapeHTML(id.([]byte)))
	w.WriteString(`">`)
	return status, err
}

func (r *linkRenderer) tip(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*termTip)
		w.WriteString(`<span class="term-tip" role="tooltip" id="`)
		w.Write(util.EscapeHTML([]byte(n.id)))
		w.WriteString(`">`)
		w.Write(util.EscapeHTML([]byte(n.text)))
		w.WriteString(`</span>`)
	}
	return ast.WalkSkipChildren, nil
}

package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapedHTMLRenderer shows raw HTML as the text the educator typed, rather
// than dropping it silently (goldmark's default) or letting it run.
type escapedHTMLRenderer struct{}

func (r *escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.block)
	reg.Register(ast.KindRawHTML, r.inline)
}

func (r *escapedHTMLRenderer) block(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	w.WriteString("<p>")
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		w.Write(util.EscapeHTML(seg.Value(src)))
	}
	if n.HasClosure() {
		w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
	}
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (r *escapedHTMLRenderer) inline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.RawHTML)
	if entering {
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			w.Write(util.EscapeHTML(seg.Value(src)))
		}
	}
	return ast.WalkSkipChildren, nil
}

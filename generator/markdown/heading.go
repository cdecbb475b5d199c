package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer adds a visible anchor link to every heading, so a trainee
// can copy a link to any section and keyboard users can reach it.
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + strconv.Itoa(n.Level)
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		id = string(util.EscapeHTML(v.([]byte)))
	}
	if entering {
		w.WriteString("<" + tag)
		if id != "" {
			w.WriteString(` id="` + id + `"`)
		}
		w.WriteString(">")
		return ast.WalkContinue, nil
	}
	if id != "" {
		// The visible "#" is hidden from speech; the link is announced by
		// its hidden text instead.
		w.WriteString(` <a class="anchor" href="#` + id + `"><span aria-hidden="true">#</span><span class="visually-hidden">Link to this section</span></a>`)
	}
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

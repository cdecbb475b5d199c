package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
)

// calloutTitles are GitHub's alert kinds and the words shown for them.
var calloutTitles = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

// calloutFrom turns a blockquote whose first line is "[!NOTE]" (or another
// alert kind) into a callout: it marks the quote and removes the marker, so
// the same Markdown renders as an alert here and on GitHub. It returns a
// marker of a kind there is not ("[!TIPS]"), which stays a plain quote.
func calloutFrom(q *ast.Blockquote, src []byte) (unknown string) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return ""
	}
	first := p.Lines().At(0)
	marker := strings.TrimSpace(string(first.Value(src)))
	if !strings.HasPrefix(marker, "[!") || !strings.HasSuffix(marker, "]") {
		return ""
	}
	kind := strings.ToLower(marker[2 : len(marker)-1])
	if _, ok := calloutTitles[kind]; !ok {
		return marker
	}
	q.SetAttributeString("data-callout", []byte(kind))
	// Drop the inline nodes of the marker line, up to its line break.
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, isText := c.(*ast.Text)
		if isText && t.Segment.Start >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		if isText && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
		c = next
	}
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	return ""
}

// unknownCallout is the warning for a callout marker of no known kind.
func unknownCallout(marker string) string {
	kinds := []string{"note", "tip", "important", "warning", "caution"}
	msg := fmt.Sprintf("callout %s is not one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], so it shows as a plain quote", marker)
	if hint := content.Suggest(strings.ToLower(marker[2:len(marker)-1]), kinds); hint != "" {
		msg += fmt.Sprintf(" (did you mean [!%s]?)", strings.ToUpper(hint))
	}
	return msg
}

// calloutRenderer renders marked blockquotes as callouts and others as
// ordinary quotes.
type calloutRenderer struct{}

func (r *calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindBlockquote, r.render)
}

func (r *calloutRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	v, ok := n.AttributeString("data-callout")
	if !ok {
		if entering {
			w.WriteString("<blockquote>\n")
		} else {
			w.WriteString("</blockquote>\n")
		}
		return ast.WalkContinue, nil
	}
	kind := string(v.([]byte))
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	// role="note" with a visible title: screen readers announce the kind,
	// and no landmark is added, so many callouts on a page stay valid.
	w.WriteString(`<div class="callout callout-` + kind + `" role="note">` + "\n")
	w.WriteString(`<p class="callout-title"><span class="callout-icon" aria-hidden="true"></span>`)
	w.Write(util.EscapeHTML([]byte(calloutTitles[kind])))
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// tableWrapRenderer puts each table in a scrolling box, so a wide table on a
// phone scrolls by itself instead of the whole page; the box is focusable so
// keyboard users can scroll it too.
type tableWrapRenderer struct{}

func (r *tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, r.render)
}

func (r *tableWrapRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	label, _ := n.AttributeString("aria-label")
	lb, _ := label.([]byte)
	w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
	w.Write(util.EscapeHTML(lb))
	w.WriteString("\">\n<table")
	if id, ok := n.AttributeString("id"); ok {
		w.WriteString(` id="`)
		w.Write(util.EscapeHTML(id.([]byte)))
		w.WriteString(`"`)
	}
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// tableLabel names a table for assistive technology from its header row,
// which is what a sighted reader scans first.
func tableLabel(n ast.Node, src []byte, number int) string {
	var b bytes.Buffer
	b.WriteString("Table ")
	b.WriteString(strconv.Itoa(number))
	if head := n.FirstChild(); head != nil {
		if t := content.PlainText(head.FirstChild(), src); t != "" {
			b.WriteString(": ")
			b.WriteString(t)
		}
	}
	return b.String()
}

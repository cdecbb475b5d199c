package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleHeading returns the "# Title" that opens the page, or nil. It is
// the first block, or the first after blocks that show no words: an HTML
// comment, a logo, a row of badges, as many GitHub READMEs open. The
// layout prints the title as the page's h1, so this heading is not shown
// again.
func titleHeading(root ast.Node, src []byte) *ast.Heading {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			return h
		}
		if !wordless(n, src) {
			return nil
		}
	}
	return nil
}

// wordless reports whether block n shows no words: only comments,
// pictures, links around pictures, and white space.
func wordless(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *ast.LinkReferenceDefinition:
		return true // "[logo]: logo.png", shown nowhere
	case *ast.HTMLBlock:
		return wordlessHTML(fragmentOf(n, src).text)
	case *ast.Paragraph:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Image:
			case *ast.Link:
				for l := c.FirstChild(); l != nil; l = l.NextSibling() {
					if _, ok := l.(*ast.Image); !ok {
						return false
					}
				}
			case *ast.Text:
				if len(bytes.TrimSpace(c.Value(src))) > 0 {
					return false
				}
			case *ast.RawHTML:
				if !wordlessHTML(fragmentOf(c, src).text) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return false
}

// wordlessHTML reports whether a piece of raw HTML holds only comments,
// white space and the tags that frame a picture.
func wordlessHTML(b []byte) bool {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true
		case html.CommentToken:
		case html.TextToken:
			if len(bytes.TrimSpace(z.Text())) > 0 {
				return false
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Img, atom.A, atom.P, atom.Div, atom.Picture, atom.Source, atom.Br, atom.Span:
			default:
				return false
			}
		default:
			return false
		}
	}
}

// titleID keeps the ID of the title heading h for the layout's h1, so a
// contents list written for GitHub that links to "#page-title" still works.
func (w *walker) titleID(h *ast.Heading) {
	v, ok := h.AttributeString("id")
	if !ok {
		return
	}
	b, _ := v.([]byte)
	w.doc.TitleID = string(b)
	line, _ := w.lines.at(w.src, max(blockStart(h), 0))
	w.doc.IDs[w.doc.TitleID] = line
}

package check

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown/dialect"
)

// Markup warns about links with no text, which a screen reader announces
// as an address. (Images with no alt text are warned of by the build, so
// build and check say the same.) It parses each page's Markdown again rather
// than asking package markdown to keep more: check is not on the build's
// path, and goldmark's node positions give the exact column of each "[".
// It parses in the dialect conversion uses, so it sees the links the build
// sees, in tables, footnotes and definitions alike.
func Markup(pages []*content.Page) error {
	var errs []error
	for _, p := range pages {
		root := dialect.Parse(p.Body)
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Link:
				if content.PlainText(n, p.Body) == "" && !hasImage(n) {
					line, col := position(p, n.Pos())
					errs = append(errs, warnf(p.File, line, col,
						"put the words to click between the square brackets: [what the link leads to]("+string(n.Destination)+")",
						"link to %q has no text, so there is nothing to click and screen readers read out the address", n.Destination))
				}
			}
			return ast.WalkContinue, nil
		})
	}
	return errors.Join(errs...)
}

func hasImage(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Image); ok {
			return true
		}
	}
	return false
}

// position turns an offset in p's body into a line of the file and a
// 1-based column counted in characters, as editors count them.
func position(p *content.Page, offset int) (line, col int) {
	if offset < 0 {
		return p.Line, 0
	}
	before := p.Body[:min(offset, len(p.Body))]
	start := bytes.LastIndexByte(before, '\n') + 1
	return p.Line + bytes.Count(before, []byte("\n")), utf8.RuneCount(before[start:]) + 1
}

package markdown

import (
	"html"
	"net/url"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"ppchandbook/generator/nav"
)

// Heading IDs are made as GitHub makes them, so that anchors written
// against a page on GitHub (a README's own contents list, a link from
// another repository) work here unchanged. GitHub documents the rule:
// the heading's text as shown (entities decoded, inline HTML and Markdown
// marks gone), in lower case, with every character that is not a letter,
// a mark, a digit, an underscore, a hyphen or a space removed, and each
// space then a hyphen; a repeat gets -1, -2, … The text is the text as
// written, before the typographer turns "--" into a dash, since GitHub
// has no typographer.

// GitHubSlug applies GitHub's rule to a heading's text as shown:
// "Fish & Chips" → "fish--chips", "Q&A" → "qa", "1. Clock starts" →
// "1-clock-starts". Marks of any kind are kept, so the vowel signs of
// Indic scripts stay with their letters.
func GitHubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) ||
			unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// typographed maps what goldmark's typographer writes back to what was
// typed; quotes map to nothing, as GitHub's rule drops them anyway.
var typographed = map[string]string{
	"&ndash;": "--", "&mdash;": "---", "&hellip;": "...", "&laquo;": "<<", "&raquo;": ">>",
	"&lsquo;": "", "&rsquo;": "", "&ldquo;": "", "&rdquo;": "", "&apos;": "", "&quot;": "",
}

// shownText is the text of a heading as GitHub shows it: the text of its
// inline nodes with entities decoded, raw HTML tags and images left out,
// code spans as typed.
func shownText(h ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.WriteString(html.UnescapeString(string(n.Value(src))))
			if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if typed, ok := typographed[string(n.Value)]; ok && n.IsCode() {
				b.WriteString(typed)
			} else {
				b.WriteString(html.UnescapeString(string(n.Value)))
			}
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingIDs gives every heading written without an {#id} its GitHub ID,
// in page order, once every hand-written ID is known: a hand-written ID
// keeps its name, and an automatic one that would repeat it is numbered.
func (w *walker) headingIDs(root ast.Node) {
	var auto []*ast.Heading
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				w.ids.Put(b)
			}
		} else {
			auto = append(auto, h)
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range auto {
		h.SetAttributeString("id", []byte(w.ids.unique(GitHubSlug(shownText(h, w.src)))))
	}
}

// fragmentLink is a link to a heading of the same page, as written, and
// how to change its href.
type fragmentLink struct {
	dest string
	set  func(string)
}

// mendCase points a link to this page's heading whose fragment differs
// from the ID only in capital letters ("#Setup" for "setup") at the ID,
// as GitHub finds it; the link checker warns of the spelling.
func (w *walker) mendCase() {
	for _, l := range w.samePage {
		t, err := nav.ParseTarget("", l.dest)
		if err != nil || t.Fragment == "" {
			continue
		}
		if _, ok := w.doc.IDs[t.Fragment]; ok {
			continue
		}
		for id := range w.doc.IDs {
			if strings.EqualFold(id, t.Fragment) {
				l.set("#" + url.PathEscape(id))
				break
			}
		}
	}
}

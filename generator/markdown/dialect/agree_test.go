package dialect_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"ppchandbook/generator/check"
	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// TestReadersAgree reads bodies whose meaning depends on the dialect
// through each reader of a page's Markdown: content's title from the
// first "# Title", check's warnings about links with no text, and
// conversion. They must see the same headings and the same links; a
// reader that parsed with other extensions (goldmark's defaults, say)
// would take a table row or a footnote for something else, and fail here.
func TestReadersAgree(t *testing.T) {
	tests := []struct {
		name, body string
		wantTitle  string // "" when the body has no level-1 heading, so the title comes from the file name
	}{
		{"atx", "# Handover\n", "Handover"},
		{"closing hashes", "# Handover ##\n", "Handover"},
		{"heading id", "# Handover {#top}\n", "Handover"},
		{"typographer", "# Don't -- wait...\n", "Don’t – wait…"},
		{"entity", "# Q&amp;A\n", "Q&A"},
		{"setext", "Referral\n===\n", "Referral"},
		{"setext under a table", "| Step |\n| --- |\nReferral\n===\n", ""},
		{"setext in a definition", "Clock\n: Started\n===\n", ""},
		{"in a fence", "```\n# Not a title\n```\n", ""},
		{"after a footnote", "See[^1].\n\n[^1]: Note\n# Referral\n", "Referral"},
		{"link in a heading", "# [](a.md) Handover\n", "Handover"},
		{"link in a table", "| Step |\n| --- |\n| [](a.md) |\n", ""},
		{"link in a footnote", "See[^1].\n\n[^1]: [](a.md)\n", ""},
		{"link in a definition", "Clock\n: [](a.md)\n", ""},
		{"link in a table under a heading", "# Steps\n\n| [](a.md) | [](b.md) |\n| --- | --- |\n| [](c.md) | x |\n", "Steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// "Intro." first, so conversion keeps the heading in its HTML
			// rather than taking it as the page's title.
			p := load(t, "Intro.\n\n"+tt.body)
			want := tt.wantTitle
			if want == "" {
				want = "Case" // from case.md
			}
			if p.Meta.Title != want {
				t.Errorf("content: title of %q = %q; want %q", tt.body, p.Meta.Title, want)
			}
			doc, err := markdown.New(func(_ *content.Page, dest string) (string, bool) { return dest, true }).Convert(p)
			if err != nil {
				t.Fatalf("Convert(%q): %v", tt.body, err)
			}
			if got := firstHeading(t, doc.HTML); got != tt.wantTitle {
				t.Errorf("markdown: first top-level heading of %q = %q; want %q (content's title)\n%s", tt.body, got, tt.wantTitle, doc.HTML)
			}
			var converted []string
			for _, l := range doc.Links {
				converted = append(converted, fmt.Sprintf("%d:%d", l.Line, l.Col))
			}
			if checked := places(check.Markup([]*content.Page{p})); !slices.Equal(checked, converted) {
				t.Errorf("check warns of empty links in %q at %v; markdown converts links at %v", tt.body, checked, converted)
			}
		})
	}
}

// load reads body as the only page of a content folder, case.md, with no
// front matter, so its title comes from its first heading.
func load(t *testing.T, body string) *content.Page {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "case.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	pages, _, err := content.Load(dir)
	if err != nil || len(pages) != 1 {
		t.Fatalf("content.Load(%q) = %d pages, %v; want 1, nil", body, len(pages), err)
	}
	return pages[0]
}

// firstHeading is the text of the first heading outside any list, quote
// or table in page, without its anchor link, or "". Conversion makes a
// level-1 heading in the body an h2, the page's one h1 being its title.
func firstHeading(t *testing.T, page string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(page), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 {
			return strings.TrimSpace(text(n))
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.ChildNodes() {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.DataAtom == atom.A && attr(c, "class") == "anchor":
		default:
			b.WriteString(text(c))
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// places lists the line:col of each problem in err, in order.
func places(err error) []string {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	var out []string
	for _, e := range errs {
		var ce *content.Error
		if errors.As(e, &ce) {
			out = append(out, fmt.Sprintf("%d:%d", ce.Line, ce.Col))
		}
	}
	return out
}

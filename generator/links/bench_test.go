package links

import (
	"fmt"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// BenchmarkCheckBroken checks a site of 2,000 pages, each with 20
// headings, where one page has 500 broken links (to mistyped pages and
// mistyped headings): the case where every "did you mean" is searched
// for. A handbook imported with many broken links must fail fast.
func BenchmarkCheckBroken(b *testing.B) {
	var pages []*content.Page
	var headings strings.Builder
	for h := range 20 {
		fmt.Fprintf(&headings, "## Heading number %d about referrals\n\nText.\n\n", h)
	}
	for i := range 2000 {
		pages = append(pages, &content.Page{Path: fmt.Sprintf("section-%d/page-%d.md", i%40, i), File: fmt.Sprintf("content/section-%d/page-%d.md", i%40, i),
			URL: fmt.Sprintf("section-%d/page-%d/", i%40, i), Line: 1, Body: []byte(headings.String()), Meta: content.Meta{Title: fmt.Sprint("Page ", i)}})
	}
	var broken strings.Builder
	for i := range 250 {
		fmt.Fprintf(&broken, "[a](../section-%d/pgae-%d.md) [b](../section-%d/page-%d.md#heading-nubmer-3-about-referrals)\n\n", i%40, i*7, i%40, i*7)
	}
	pages[0].Body = []byte(broken.String())
	tree := nav.Build(pages, nil)
	md := markdown.New(tree.Resolve)
	docs := map[*content.Page]*markdown.Doc{}
	for _, p := range pages {
		docs[p], _ = md.Convert(p)
	}
	if n := len(content.Errors(Check(tree, docs, nil))); n != 500 {
		b.Fatalf("Check found %d problems; want 500", n)
	}
	for b.Loop() {
		Check(tree, docs, nil)
	}
}

package layout

import (
	"crypto/sha256"
	"html/template"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// TestPrintMemo checks that the whole-handbook page a preview makes with
// a memo, reusing the parts of pages that did not change, is byte for
// byte the page made without one, over a run of edits that change one
// page, a title, a timeline, and the set of pages its links lead to.
func TestPrintMemo(t *testing.T) {
	// source is the title of a source in the page's front matter, which
	// changes the file's hash, as it would.
	type pg struct{ path, title, html, source string }
	a := pg{"a.md", "A", `<h2 id="x">X</h2><p>See <a href="../b/index.html#y">b</a> and <a href="../c/index.html">c</a>.</p>`, ""}
	b := pg{"b.md", "B", `<h2 id="y">Y</h2><section class="quiz"><p class="quiz-title">Knowledge check</p></section>`, ""}
	c := pg{"c.md", "C", `<p>C links <a href="../a/index.html#x">back</a>.</p>`, ""}
	tests := []struct {
		name     string
		pages    []pg
		timeline template.HTML // on b
	}{
		{"first build", []pg{a, b}, ""},
		{"nothing changed", []pg{a, b}, ""},
		{"one page's text changed", []pg{{a.path, a.title, a.html + "<p>More.</p>", ""}, b}, ""},
		{"a title changed", []pg{a, {b.path, "Bee", b.html, ""}}, ""},
		{"a timeline added", []pg{a, b}, `<svg id="t"></svg>`},
		{"the page a link leads to added", []pg{a, b, c}, `<svg id="t"></svg>`},
		{"and taken away again", []pg{a, b}, ""},
		{"a source added", []pg{a, {b.path, b.title, b.html, "NHS England"}}, ""},
	}
	// The Docs of pages whose HTML is the same are kept from build to
	// build, as a preview's memo keeps them.
	docOf := map[string]*markdown.Doc{}
	var memo PrintMemo
	for _, tt := range tests {
		var pages []*content.Page
		docs := map[*content.Page]*markdown.Doc{}
		timelines := map[*content.Page]template.HTML{}
		for _, p := range tt.pages {
			page := &content.Page{Path: p.path, File: "content/" + p.path, URL: strings.TrimSuffix(p.path, ".md") + "/",
				Meta: content.Meta{Title: p.title, Kind: content.KindPage, Lines: map[string]int{}}}
			if p.source != "" {
				page.Meta.Sources = []content.Source{{Title: p.source}}
				page.Hash = sha256.Sum256([]byte(p.source))
			}
			if docOf[p.html] == nil {
				docOf[p.html] = &markdown.Doc{HTML: p.html}
			}
			pages = append(pages, page)
			docs[page] = docOf[p.html]
			if p.path == "b.md" && tt.timeline != "" {
				timelines[page] = tt.timeline
			}
		}
		print := PrintPage()
		tree := nav.Build(append(pages, print), nil)
		want := Print(tree, docs, timelines, print, nil).HTML
		if got := Print(tree, docs, timelines, print, &memo).HTML; got != want {
			t.Errorf("%s: with the memo the page is\n%s\nwant\n%s", tt.name, got, want)
		}
	}
}

package layout

import (
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// TestProgressMemo checks that the progress page is made again exactly
// when a row it shows changes.
func TestProgressMemo(t *testing.T) {
	page := func(path, title string) *content.Page {
		return &content.Page{Path: path, File: "content/" + path, URL: strings.TrimSuffix(path, ".md") + "/",
			Meta: content.Meta{Title: title, Kind: content.KindPage, Lines: map[string]int{}}}
	}
	site := func(title string, tasks int) (*nav.Tree, map[*content.Page]*markdown.Doc, *content.Page) {
		a, b, progress := page("a.md", title), page("b.md", "B"), ProgressPage()
		tree := nav.Build([]*content.Page{a, b, progress}, nil)
		return tree, map[*content.Page]*markdown.Doc{a: {Tasks: tasks}, b: {}}, progress
	}
	var memo ProgressMemo
	tests := []struct {
		name  string
		title string
		tasks int
		same  bool // the Doc of the build before comes back
		want  string
	}{
		{"first build", "A", 2, false, `data-checks="2"`},
		{"nothing changed", "A", 2, true, `data-checks="2"`},
		{"a title changed", "Another", 2, false, ">Another</a>"},
		{"a self-check box added", "Another", 3, false, `data-checks="3"`},
		{"unchanged again", "Another", 3, true, `data-checks="3"`},
	}
	var last *markdown.Doc
	for _, tt := range tests {
		tree, docs, progress := site(tt.title, tt.tasks)
		doc := Progress(tree, docs, progress, &memo)
		if got := doc == last; got != tt.same {
			t.Errorf("%s: same Doc as before = %v; want %v", tt.name, got, tt.same)
		}
		if !strings.Contains(string(doc.HTML), tt.want) {
			t.Errorf("%s: page lacks %s:\n%s", tt.name, tt.want, doc.HTML)
		}
		last = doc
	}
}

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
	// b's Doc is the same from build to build, as a preview reuses the
	// Doc of a page that did not change; a's is made afresh each time.
	bDoc := &markdown.Doc{HTML: `<section class="quiz"></section>`}
	site := func(title string, tasks, quizzes int) (*nav.Tree, map[*content.Page]*markdown.Doc, *content.Page) {
		a, b, progress := page("a.md", title), page("b.md", "B"), ProgressPage()
		tree := nav.Build([]*content.Page{a, b, progress}, nil)
		aDoc := &markdown.Doc{Tasks: tasks, HTML: strings.Repeat(`<section class="quiz" id="q"></section>`, quizzes)}
		return tree, map[*content.Page]*markdown.Doc{a: aDoc, b: bDoc}, progress
	}
	var memo ProgressMemo
	tests := []struct {
		name  string
		title string
		tasks int
		quiz  int
		same  bool // the Doc of the build before comes back
		want  string
	}{
		{"first build", "A", 2, 0, false, `data-checks="2" data-quizzes="0"`},
		{"nothing changed", "A", 2, 0, true, `data-checks="2" data-quizzes="0"`},
		{"a title changed", "Another", 2, 0, false, ">Another</a>"},
		{"a self-check box added", "Another", 3, 0, false, `data-checks="3"`},
		{"unchanged again", "Another", 3, 0, true, `data-checks="3"`},
		{"two knowledge checks added", "Another", 3, 2, false, `data-checks="3" data-quizzes="2"`},
		{"one taken away", "Another", 3, 1, false, `data-checks="3" data-quizzes="1"`},
	}
	var last *markdown.Doc
	for _, tt := range tests {
		tree, docs, progress := site(tt.title, tt.tasks, tt.quiz)
		doc := Progress(tree, docs, progress, &memo)
		if got := doc == last; got != tt.same {
			t.Errorf("%s: same Doc as before = %v; want %v", tt.name, got, tt.same)
		}
		if !strings.Contains(string(doc.HTML), tt.want) {
			t.Errorf("%s: page lacks %s:\n%s", tt.name, tt.want, doc.HTML)
		}
		if !strings.Contains(string(doc.HTML), `data-progress-page="b.md" data-checks="0" data-quizzes="1"`) {
			t.Errorf("%s: b's knowledge check is not counted:\n%s", tt.name, doc.HTML)
		}
		last = doc
	}
}

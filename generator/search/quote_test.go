package search

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestAppendQuoted(t *testing.T) {
	tests := []string{
		"", "plain", `quote" and \ backslash`, "a<b>&c", "tab\tnew\nline\rret",
		"\b\f\x00\x01\x1f\x7f", "café ✓ 😀", "\u2028\u2029", "bad \xff\xfe bytes", "\xe2\x80", "</script>",
	}
	for _, s := range tests {
		want, _ := json.Marshal(s)
		if got := appendQuoted([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Errorf("appendQuoted(%q) = %s; want x%s", s, got, want)
		}
	}
}

func FuzzAppendQuoted(f *testing.F) {
	for _, s := range []string{"", "a<b", "\u2028", "\xff", "é\"\\\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendQuoted(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendQuoted(%q) = %s; json.Marshal gives %s", s, got, want)
		}
	})
}

// TestTextScript checks the hand-written text files against what
// json.Marshal makes of the same entries.
func TestTextScript(t *testing.T) {
	ix := &Index{
		pages: []page{{"Home", "index.html"}, {"A <b> & \"c\"", "a/index.html"}, {"Café", "c/index.html"}},
		entries: []entry{
			{page: 0, text: "Top of home."},
			{page: 1, heading: "One", anchor: "one", text: "x < y\u2028"},
			{page: 1, heading: "Two", anchor: "two", text: "bad \xff byte"},
			{page: 2, text: ""},
			{page: 0, heading: "Back", anchor: "back", text: "home again"},
		},
	}
	for _, r := range [][2]int{{0, 5}, {1, 3}, {3, 4}, {4, 5}} {
		want := textFile{Kind: "text", N: 7}
		page := -1
		for _, e := range ix.entries[r[0]:r[1]] {
			if e.page != page {
				want.Pages = append(want.Pages, []any{ix.pages[e.page].title, ix.pages[e.page].file})
				page = e.page
			}
			want.Entries = append(want.Entries, []any{len(want.Pages) - 1, e.heading, e.anchor, e.text})
		}
		if got, want := ix.textScript(7, r), script(want); !bytes.Equal(got, want) {
			t.Errorf("textScript(7, %v) =\n%s\nwant\n%s", r, got, want)
		}
	}
}

// BenchmarkAppendQuoted quotes the handbook's text, as the text files do.
func BenchmarkAppendQuoted(b *testing.B) {
	tree, docs := loadDir(b, "../../content")
	var texts []string
	for _, n := range tree.Order {
		for _, s := range sections(n.Page, docs[n.Page]) {
			texts = append(texts, s.Heading, s.Text)
		}
	}
	var buf []byte
	for b.Loop() {
		for _, s := range texts {
			buf = appendQuoted(buf[:0], s)
		}
	}
}

package search

import (
	"bytes"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// TestMemo makes a series of edits to a site, as a preview would see them,
// and checks after each that the index built with the memo is byte for
// byte the one a fresh build makes, and that the text files away from the
// edit are the very slices the build before returned.
func TestMemo(t *testing.T) {
	tree, docs := synthetic(1200)
	pages := make([]*content.Page, 0, len(docs))
	for p := range docs {
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b *content.Page) int { return strings.Compare(a.Path, b.Path) })
	edit := func(i int, change func(*content.Page, *markdown.Doc)) {
		old := pages[i]
		p := *old
		doc := *docs[old]
		doc.Text = slices.Clone(doc.Text)
		change(&p, &doc)
		delete(docs, old)
		pages[i], docs[&p] = &p, &doc
	}
	steps := []struct {
		name   string
		change func()
		// Kinds of file most of which keep their slices: text files away
		// from the edit (they are numbered, so not after a page comes or
		// goes, nor when pages move), and terms files when few terms
		// changed.
		keep []string
	}{
		{"unchanged", func() {}, []string{"text", "terms"}},
		{"edit text", func() {
			edit(600, func(_ *content.Page, d *markdown.Doc) { d.Text[1].Text += " zzyzx newword" })
		}, []string{"text", "terms"}},
		{"edit back", func() {
			edit(600, func(_ *content.Page, d *markdown.Doc) { d.Text[1].Text = d.Text[2].Text })
		}, []string{"text"}},
		{"add a heading", func() {
			edit(10, func(_ *content.Page, d *markdown.Doc) {
				d.Text = append(d.Text, markdown.Section{ID: "new", Heading: "New heading", Text: "fresh words"})
			})
		}, []string{"text"}},
		{"retitle", func() {
			edit(1100, func(p *content.Page, _ *markdown.Doc) { p.Meta.Title = "Quite another title" })
		}, []string{"text"}},
		{"remove a page", func() {
			delete(docs, pages[5])
			pages = slices.Delete(pages, 5, 6)
		}, nil},
		{"add a page", func() {
			p := &content.Page{Path: "part-003/page-00300a.md", File: "content/part-003/page-00300a.md", URL: "part-003/page-00300a/",
				Meta: content.Meta{Title: "Added", Kind: content.KindPage, Lines: map[string]int{}}}
			pages = append(pages, p)
			docs[p] = &markdown.Doc{Text: []markdown.Section{{Text: "An added page about referrals."}}}
			slices.SortFunc(pages, func(a, b *content.Page) int { return strings.Compare(a.Path, b.Path) })
		}, nil},
		{"edit after the page count changed", func() {
			edit(900, func(_ *content.Page, d *markdown.Doc) { d.Text[0].Text = "short" })
		}, []string{"text"}},
	}
	memo := NewMemo()
	var last map[string][]byte
	for _, step := range steps {
		step.change()
		tree = nav.Build(slices.Clone(pages), nil)
		got := Build(tree, docs, memo).Files()
		want := Build(tree, docs, nil).Files()
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Fatalf("%s: files %v; want %v", step.name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("%s: %s differs from a fresh build's", step.name, name)
			}
		}
		if last != nil {
			for _, kind := range step.keep {
				kept, all := 0, 0
				for name, b := range got {
					if !strings.HasPrefix(path.Base(name), kind+"-") {
						continue
					}
					all++
					if old := last[name]; len(old) > 0 && &old[0] == &b[0] {
						kept++
					}
				}
				if all < 5 || kept < all*3/4 {
					t.Errorf("%s: %d of %d %s files are the slices of the build before; want most of several", step.name, kept, all, kind)
				}
			}
		}
		last = got
	}
}

// TestTermsScript checks the hand-written terms files against what
// json.Marshal makes of the same terms.
func TestTermsScript(t *testing.T) {
	m := NewMemo()
	terms := []string{"a<b", "café", "x&y", "\u2028", "plain", "quote\"d"}
	var nums []int32
	for _, term := range terms {
		nums = append(nums, m.dict.number(term))
	}
	postings := []string{"A", "gB", "C", "D", "E", "F"}
	got := m.termsScript(3, nums, postings)
	want := script(termsFile{Kind: "terms", N: 3, Terms: terms, Postings: postings})
	if !bytes.Equal(got, want) {
		t.Errorf("termsScript =\n%s\nwant\n%s", got, want)
	}
}

// TestIndexInRuns checks that indexing a large site in runs on several
// goroutines, each with its own dictionary, makes the index that indexing
// page by page makes, with and without terms numbered by a build before.
func TestIndexInRuns(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	tree, docs := synthetic(1200)
	build := func(from int, memo *Memo) map[string][]byte {
		defer func(was int) { parallelFrom = was }(parallelFrom)
		parallelFrom = from
		return Build(tree, docs, memo).Files()
	}
	earlier, _ := synthetic(300) // numbers some terms first, as a preview's memo has
	tests := []struct {
		name string
		memo func() *Memo
	}{
		{"fresh", NewMemo},
		{"after another site", func() *Memo {
			m := NewMemo()
			Build(earlier, docs, m).Files()
			return m
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one := build(len(docs)+1, tt.memo())
			runs := build(100, tt.memo()) // 12 runs' worth, so GOMAXPROCS runs
			if !slices.Equal(slices.Sorted(maps.Keys(runs)), slices.Sorted(maps.Keys(one))) {
				t.Fatalf("files %v; want %v", slices.Sorted(maps.Keys(runs)), slices.Sorted(maps.Keys(one)))
			}
			for name, b := range one {
				if !bytes.Equal(runs[name], b) {
					t.Errorf("%s indexed in runs differs from page by page", name)
				}
			}
		})
	}
}

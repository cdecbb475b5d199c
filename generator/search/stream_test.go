package search

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// TestStream checks that a Stream, given the pages out of order from
// several goroutines, writes the files Build and Write make, byte for
// byte, and lets go of each page's text.
func TestStream(t *testing.T) {
	handbook, handbookDocs := loadDir(t, "../../content")
	large, largeDocs := synthetic(1200)
	tests := []struct {
		name  string
		tree  *nav.Tree
		docs  map[*content.Page]*markdown.Doc
		later int // how many of the last pages in reading order come with Made
	}{
		{"handbook", handbook, handbookDocs, 1},
		{"large site", large, largeDocs, 3},
		{"one page", nav.Build([]*content.Page{{Path: "_index.md", File: "content/_index.md", Section: true, Line: 1, Meta: content.Meta{Title: "Home", Lines: map[string]int{}}}}, nil), nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Build(tt.tree, tt.docs, nil).Files()
			var later []*content.Page
			for _, n := range tt.tree.Order[len(tt.tree.Order)-tt.later:] {
				later = append(later, n.Page)
			}
			var mu sync.Mutex
			got := map[string][]byte{}
			s := NewStream(tt.tree, func(name string, b []byte) error {
				mu.Lock()
				defer mu.Unlock()
				if _, ok := got[name]; ok {
					t.Errorf("%s written twice", name)
				}
				got[name] = b
				return nil
			}, later...)
			order := slices.Clone(tt.tree.Order)
			rand.New(rand.NewPCG(3, 4)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			next := make(chan *nav.Node)
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for n := range next {
						s.Add(n.Page, tt.docs[n.Page]) // ignored for the later pages
					}
				})
			}
			for _, n := range order {
				next <- n
			}
			close(next)
			wg.Wait()
			if tt.later > 0 {
				if err := s.Close(); err == nil {
					t.Errorf("Close before the later pages are made: no error")
				}
			}
			for _, p := range later {
				s.Made(p, tt.docs[p])
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
				t.Fatalf("files %v\nwant %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from Build's:\n%.300s\nwant\n%.300s", name, got[name], b)
				}
			}
			if len(s.entries) != 0 || len(s.order) != len(tt.tree.Order) {
				t.Errorf("after Close: %d entries held, %d of %d pages numbered", len(s.entries), len(s.order), len(tt.tree.Order))
			}
			for _, pi := range s.order {
				if pi.entries != nil {
					t.Fatalf("a page's text is still held after its text file was written")
				}
			}
		})
	}
}

// TestStreamPutError checks that a failing put is what Close returns.
func TestStreamPutError(t *testing.T) {
	tree, docs := synthetic(300)
	full := errors.New("disk full")
	s := NewStream(tree, func(name string, b []byte) error { return full })
	for _, n := range tree.Order {
		s.Add(n.Page, docs[n.Page])
	}
	if err := s.Close(); !errors.Is(err, full) {
		t.Errorf("Close = %v; want %v", err, full)
	}
}

// TestDictionaryLetsTextGo checks that indexing a page keeps none of its
// text: the dictionary's words and terms are copies, not pieces of it, so
// a large build's text can be collected once its text file is written.
func TestDictionaryLetsTextGo(t *testing.T) {
	d := newDictionary()
	freed := make(chan bool, 1)
	func() {
		var b strings.Builder
		b.WriteString("Referrals wait while the PTL is validated: quokkaberries and DNAs")
		text := b.String()
		runtime.AddCleanup(unsafe.StringData(text), func(chan bool) { freed <- true }, freed)
		d.index(0, "", []markdown.Section{{Text: text}})
	}()
	for range 10 {
		runtime.GC()
		select {
		case <-freed:
			if len(d.terms) == 0 {
				t.Fatal("nothing was indexed")
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Errorf("the dictionary still holds the page's text (terms %q)", d.terms)
}

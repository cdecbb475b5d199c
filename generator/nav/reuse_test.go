package nav

import (
	"testing"

	"ppchandbook/generator/content"
)

// TestReuse checks that Reuse keeps a tree exactly when Build would make
// the same one, and that the kept tree then holds the new pages: found by
// page, path and address, in the same reading order as a fresh Build.
func TestReuse(t *testing.T) {
	page := func(path, title string, weight int) *content.Page {
		p := testPage(path)
		p.Meta.Title, p.Meta.Weight = title, weight
		return p
	}
	site := func() []*content.Page {
		return []*content.Page{page("a.md", "A", 2), page("b.md", "B", 1), page("c/_index.md", "C", 0), page("c/d.md", "D", 0)}
	}
	tests := []struct {
		name  string
		edit  func(pages []*content.Page) []*content.Page
		files []content.File
		want  bool
	}{
		{"nothing changed", func(pages []*content.Page) []*content.Page { return pages }, nil, true},
		{"a page read again", func(pages []*content.Page) []*content.Page {
			pages[1] = page("b.md", "B", 1)
			return pages
		}, nil, true},
		{"every page read again", func([]*content.Page) []*content.Page { return site() }, nil, true},
		{"a title changed", func(pages []*content.Page) []*content.Page {
			pages[1] = page("b.md", "Bee", 1)
			return pages
		}, nil, false},
		{"a weight changed", func(pages []*content.Page) []*content.Page {
			pages[3] = page("c/d.md", "D", 5)
			return pages
		}, nil, false},
		{"skills changed", func(pages []*content.Page) []*content.Page {
			p := page("a.md", "A", 2)
			p.Meta.Skills = []string{"listening"}
			pages[0] = p
			return pages
		}, nil, false},
		{"a page added", func(pages []*content.Page) []*content.Page { return append(pages, page("e.md", "E", 0)) }, nil, false},
		{"a file added", func(pages []*content.Page) []*content.Page { return pages }, []content.File{{Path: "c/map.png"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := site()
			tree := Build(first, nil)
			pages := tt.edit(append([]*content.Page(nil), first...))
			if got := tree.Reuse(pages, tt.files); got != tt.want {
				t.Fatalf("Reuse = %v; want %v", got, tt.want)
			}
			if !tt.want {
				for i, n := range Build(first, nil).Order {
					if n.Page.File != "" && tree.Order[i].Page != n.Page { // a generated section page is made anew
						t.Errorf("a refused Reuse changed the tree: %s holds %p, want %p", n.Page.Path, tree.Order[i].Page, n.Page)
					}
				}
				return
			}
			fresh := Build(pages, tt.files)
			if len(tree.Order) != len(fresh.Order) {
				t.Fatalf("kept tree has %d nodes; a fresh one %d", len(tree.Order), len(fresh.Order))
			}
			for i, n := range fresh.Order {
				got := tree.Order[i]
				if got.Page.Path != n.Page.Path || (n.Page.File != "" && got.Page != n.Page) {
					t.Errorf("node %d: kept %s (%p), fresh %s (%p)", i, got.Page.Path, got.Page, n.Page.Path, n.Page)
				}
			}
			for _, p := range pages {
				if n := tree.Node(p); n == nil || n.Page != p || tree.Lookup(p.Path) != n {
					t.Errorf("%s: not found by page and path in the kept tree", p.Path)
				}
			}
		})
	}
}

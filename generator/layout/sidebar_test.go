package layout

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// site makes a tree of sections, each with pages pages; a section's name
// may hold a space, a backslash, a tab or a newline, which links must
// escape.
func site(sections []string, pages int) *nav.Tree {
	var all []*content.Page
	page := func(path, url, title string, section bool) {
		all = append(all, &content.Page{Path: path, File: "content/" + path, URL: url, Section: section, Line: 1,
			Meta: content.Meta{Title: title, Kind: content.KindPage, Lines: map[string]int{}}})
	}
	page("_index.md", "", "Home", true)
	for _, s := range sections {
		page(s+"/_index.md", s+"/", "Section "+s, true)
		for i := range pages {
			name := fmt.Sprintf("p-%03d", i)
			page(s+"/"+name+".md", s+"/"+name+"/", s+" page "+name, false)
		}
	}
	return nav.Build(all, nil)
}

// fullSidebar is the limit the tests lay sidebars out with, the build's.
const fullSidebar = 400

func TestSidebar(t *testing.T) {
	small, large := site([]string{"a", "b"}, 3), site([]string{"a", "b c"}, fullSidebar/2)
	odd, oddLarge := site([]string{"a", "b\\c\td\ne"}, 3), site([]string{"a", "b\\c\td\ne"}, fullSidebar/2)
	find := func(tree *nav.Tree, path string) *nav.Node {
		for _, n := range tree.Order {
			if n.Page.Path == path {
				return n
			}
		}
		t.Fatalf("no page %s", path)
		return nil
	}
	tests := []struct {
		name    string
		tree    *nav.Tree
		page    string // "" for the 404 page
		want    []string
		notWant []string
	}{
		{"small site: every page, this one marked", small, "b/p-001.md",
			[]string{`<a href="../../a/p-002/index.html" data-page="a/p-002.md">`, `data-page="b/p-001.md" aria-current="page">`},
			[]string{"<script", "<noscript"}},
		{"small site 404: links from the root", small, "",
			[]string{`<a href="/a/p-000/index.html"`}, []string{"aria-current", "<script"}},
		{"large site: the branch's script, the way up without it", large, "b c/p-007.md",
			[]string{`<script src="../../assets/sidebar/b%20c/sidebar.js" data-current="b c/p-007.md"></script>`,
				`<noscript><ul><li><a href="../../index.html">Home</a></li><li><a href="../../b%20c/index.html">Section b c</a></li></ul></noscript>`},
			[]string{"p-008", "aria-current"}},
		{"large site section: its own branch", large, "a/_index.md",
			[]string{`<script src="../assets/sidebar/a/sidebar.js" data-current="a/_index.md"></script>`}, nil},
		{"large site home: the top, no way up to show", large, "_index.md",
			[]string{`<script src="assets/sidebar/sidebar.js" data-current="_index.md"></script>`}, []string{"<noscript"}},
		{"file names with a backslash, tab and newline: escaped as the cards are", odd, "a/p-000.md",
			[]string{`<a href="../../b%5cc%09d%0ae/index.html" data-page="`,
				`<a href="../../b%5cc%09d%0ae/p-001/index.html"`}, nil},
		{"large site, odd names: the script and the way up escaped too", oddLarge, "b\\c\td\ne/p-001.md",
			[]string{`<script src="../../assets/sidebar/b%5cc%09d%0ae/sidebar.js"`,
				`<li><a href="../../b%5cc%09d%0ae/index.html">`}, nil},
		{"large site 404: from the root", large, "",
			[]string{`<script src="/assets/sidebar/sidebar.js" data-current=""></script><noscript><ul><li><a href="/index.html">Home</a></li></ul></noscript>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n *nav.Node
			if tt.page != "" {
				n = find(tt.tree, tt.page)
			}
			got := string(newSidebar(tt.tree, fullSidebar).html(n))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("sidebar lacks %s\n%.600s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("sidebar has %s\n%.600s", w, got)
				}
			}
		})
	}
}

// TestURLEscaper holds the sidebar's links to what html/template writes
// for the cards' href="{{.Href}}".
func TestURLEscaper(t *testing.T) {
	card := template.Must(template.New("card").Parse(`<a href="{{.}}">`))
	for _, href := range []string{
		"a/p-000/index.html", "../../b%20c/index.html", "/index.html", "b\\c\td\ne/index.html",
		"caf\u00e9/index.html", "a&b+c/index.html", "x'(y)\"<z>/index.html", "q?a=1#frag/index.html", "\x00\x7f/",
	} {
		var b strings.Builder
		if err := card.Execute(&b, href); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
		if got := urlEscaper(href); got != want {
			t.Errorf("urlEscaper(%q) = %q; html/template writes %q", href, got, want)
		}
	}
}

// TestSidebarScripts checks that a large site has one script for each
// branch, holding that branch's pages with links from the site root, and
// a small site none.
func TestSidebarScripts(t *testing.T) {
	if s := newSidebar(site([]string{"a"}, 3), fullSidebar).scripts(); s != nil {
		t.Errorf("a small site has sidebar scripts %v", s)
	}
	scripts := newSidebar(site([]string{"a", "b c"}, fullSidebar/2), fullSidebar).scripts()
	tests := []struct {
		file    string
		want    []string
		notWant []string
	}{
		{"assets/sidebar/sidebar.js", []string{`<a href=\"b%20c/index.html\" data-page=\"b c/_index.md\">Section b c</a>`}, []string{"p-000"}},
		{"assets/sidebar/a/sidebar.js", []string{`<a href=\"a/p-199/index.html\" data-page=\"a/p-199.md\">`, `<a href=\"b%20c/index.html\"`}, []string{"b c/p-000"}},
		{"assets/sidebar/b c/sidebar.js", []string{`<a href=\"b%20c/p-000/index.html\" data-page=\"b c/p-000.md\">`}, []string{"a/p-000"}},
	}
	if len(scripts) != len(tests) {
		t.Errorf("%d scripts; want %d, one for each branch", len(scripts), len(tests))
	}
	for _, tt := range tests {
		got := string(scripts[tt.file])
		if !strings.HasPrefix(got, sidebarScript) || !strings.HasSuffix(got, ");\n") {
			t.Errorf("%s is not the sidebar script around its HTML:\n%.300s", tt.file, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tt.file, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s has %s", tt.file, w)
			}
		}
	}
}

// TestSidebarMemo checks that a preview's renders share a large site's
// sidebar scripts while its shape is unchanged, and make them again when
// it changes.
func TestSidebarMemo(t *testing.T) {
	tree := site([]string{"a", "b"}, fullSidebar/2)
	memo := &SidebarMemo{Shape: [32]byte{1}}
	pages := func(memo *SidebarMemo) *Pages {
		return (&Set{}).Pages(tree, Site{}, Plan{FullSidebar: fullSidebar, Sidebars: memo})
	}
	first := pages(memo).sidebarScripts()
	same := func(a, b map[string][]byte) bool {
		for name, x := range a {
			if y, ok := b[name]; !ok || &x[0] != &y[0] {
				return false
			}
		}
		return len(a) == len(b) && len(a) > 0
	}
	if again := pages(memo).sidebarScripts(); !same(first, again) {
		t.Error("the same shape made the scripts again")
	}
	memo.Shape = [32]byte{2}
	if changed := pages(memo).sidebarScripts(); same(first, changed) {
		t.Error("a new shape reused the last scripts")
	}
	if own := pages(nil).sidebarScripts(); same(first, own) {
		t.Error("pages without a memo reused scripts")
	}
}

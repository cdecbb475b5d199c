package nav

import (
	"slices"
	"testing"

	"ppchandbook/generator/content"
)

func titles(nodes []*Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Page.Meta.Title)
	}
	return out
}

func TestBuildOrder(t *testing.T) {
	page := func(p, title string, weight int) *content.Page {
		pg := testPage(p)
		pg.Meta.Title, pg.Meta.Weight = title, weight
		return pg
	}
	tests := []struct {
		name  string
		pages []*content.Page
		want  []string // titles of the root's children, in order
	}{
		{
			"weight first",
			[]*content.Page{page("a.md", "A", 3), page("b.md", "B", 1), page("c.md", "C", 2)},
			[]string{"B", "C", "A"},
		},
		{
			"then title, ignoring case",
			[]*content.Page{page("a.md", "beta", 1), page("b.md", "Alpha", 1), page("c.md", "gamma", 0), page("d.md", "Delta", 0)},
			[]string{"Alpha", "beta", "Delta", "gamma"},
		},
		{
			"unweighted last",
			[]*content.Page{page("a.md", "Aardvark", 0), page("z.md", "Zebra", 9)},
			[]string{"Zebra", "Aardvark"},
		},
		{
			"negative weights first",
			[]*content.Page{page("a.md", "A", 1), page("b.md", "B", -1)},
			[]string{"B", "A"},
		},
		{
			"same title, then path",
			[]*content.Page{page("b.md", "Same", 0), page("a.md", "Same", 0)},
			[]string{"Same", "Same"},
		},
		{
			"sections sort among pages",
			[]*content.Page{page("skills/_index.md", "Skills", 2), page("glossary.md", "Glossary", 1), page("rules/_index.md", "Rules", 0)},
			[]string{"Glossary", "Skills", "Rules"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := Build(tt.pages, nil)
			if got := titles(tree.Root.Children); !slices.Equal(got, tt.want) {
				t.Errorf("Build(%s).Root.Children = %q; want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	t.Run("generated section page for a folder without index", func(t *testing.T) {
		tree, pages := testTree([]string{"index.md", "rules/rtt.md", "rules/cancer.md"})
		rtt := tree.Node(pages["rules/rtt.md"])
		sec := rtt.Parent
		if sec == nil || sec.Page.URL != "rules/" || !sec.Page.Section || sec.Page.Meta.Title != "Rules" || sec.Page.File != "" {
			t.Fatalf("Build: parent of rules/rtt.md = %+v; want a generated section page \"Rules\" at rules/ with no file", sec)
		}
		if sec.Parent != tree.Root || len(sec.Children) != 2 {
			t.Errorf("Build: generated section has parent %v and %d children; want the root and 2", sec.Parent, len(sec.Children))
		}
		if tree.Lookup("rules/_index.md") != nil {
			t.Errorf("Build: Lookup(rules/_index.md) found the generated section; want nil, as no file exists to link to")
		}
		if n := tree.Find(Target{Path: "rules", Dir: true}); n != sec {
			t.Errorf("Build: Find(rules/) = %v; want the generated section", n)
		}
	})

	t.Run("generated home page", func(t *testing.T) {
		tree, _ := testTree([]string{"glossary.md"})
		if p := tree.Root.Page; p.URL != "" || p.Meta.Title != "Home" || !p.Section {
			t.Errorf("Build without index.md: root = %+v; want a generated \"Home\" section", p)
		}
	})

	t.Run("generated sections are named after their folder", func(t *testing.T) {
		tests := []struct{ page, want string }{
			{"waiting-times/x.md", "Waiting times"},
			{"it_skills/x.md", "It skills"},
			{"über-uns/x.md", "Über uns"},
			{"ŵyr/x.md", "Ŵyr"},
		}
		for _, tt := range tests {
			tree, pages := testTree([]string{tt.page})
			if got := tree.Node(pages[tt.page]).Parent.Page.Meta.Title; got != tt.want {
				t.Errorf("Build(%s): section title = %q; want %q", tt.page, got, tt.want)
			}
		}
	})

	t.Run("nested generated sections", func(t *testing.T) {
		tree, pages := testTree([]string{"a/b/c.md"})
		n := tree.Node(pages["a/b/c.md"])
		var urls []string
		for _, a := range n.Ancestors() {
			urls = append(urls, a.Page.URL)
		}
		if want := []string{"", "a/", "a/b/"}; !slices.Equal(urls, want) {
			t.Errorf("Build(a/b/c.md): ancestors = %q; want %q", urls, want)
		}
	})

	t.Run("reading order is depth first, parents before children", func(t *testing.T) {
		tree, _ := testTree([]string{"index.md", "b.md", "a/_index.md", "a/y.md", "a/x.md"})
		var got []string
		for i, n := range tree.Order {
			got = append(got, n.Page.Path)
			if n.Index != i {
				t.Errorf("Build: Order[%d].Index = %d; want %d", i, n.Index, i)
			}
		}
		want := []string{"index.md", "a/_index.md", "a/x.md", "a/y.md", "b.md"}
		if !slices.Equal(got, want) {
			t.Errorf("Build: Order = %q; want %q", got, want)
		}
		if tree.Prev(tree.Order[0]) != nil || tree.Next(tree.Order[len(want)-1]) != nil || tree.Next(tree.Order[0]) != tree.Order[1] {
			t.Errorf("Build: Prev and Next do not follow Order")
		}
	})

	t.Run("slugs by kind", func(t *testing.T) {
		a, b := testPage("skills/empathy.md"), testPage("skills/teamwork.md")
		a.Meta.Kind, b.Meta.Kind = content.KindSkill, content.KindSkill
		tree := Build([]*content.Page{a, b, testPage("glossary.md")}, nil)
		got := slices.Sorted(slices.Values(tree.Slugs[content.KindSkill]))
		if want := []string{"empathy", "teamwork"}; !slices.Equal(got, want) {
			t.Errorf("Build: Slugs[skill] = %q; want %q", got, want)
		}
	})

	t.Run("files are known", func(t *testing.T) {
		tree, _ := testTree([]string{"index.md"}, "img/a.png")
		if !tree.HasFile("img/a.png") || tree.HasFile("img/b.png") {
			t.Errorf("Build: HasFile(img/a.png), HasFile(img/b.png) = %v, %v; want true, false", tree.HasFile("img/a.png"), tree.HasFile("img/b.png"))
		}
	})
}

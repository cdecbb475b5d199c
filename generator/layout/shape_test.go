package layout

import (
	"reflect"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// TestShapeCoversData changes one field of one page's front matter at a
// time and checks, for every other page, that if what the templates are
// given for it changes, so does Shape: a preview lays out again only the
// pages whose own inputs or Shape changed, so a field that data reads of
// other pages but Shape leaves out would leave pages stale, with no error.
func TestShapeCoversData(t *testing.T) {
	type page struct {
		path string
		meta content.Meta
	}
	base := []page{
		{"_index.md", content.Meta{Title: "Home"}},
		{"skills/_index.md", content.Meta{Title: "Skills", Description: "What a coordinator does."}},
		{"skills/listening.md", content.Meta{Title: "Listening", Kind: content.KindSkill, Weight: 1}},
		{"skills/chasing.md", content.Meta{Title: "Chasing", Kind: content.KindSkill, Weight: 2}},
		{"scenarios/_index.md", content.Meta{Title: "Scenarios"}},
		{"scenarios/dna.md", content.Meta{Title: "A DNA", Kind: content.KindScenario, Skills: []string{"listening"}}},
		{"glossary.md", content.Meta{Title: "Glossary", Kind: content.KindGlossary, Weight: 5}},
		{"editing.md", content.Meta{Title: "Editing", Weight: 1000}},
	}
	changes := map[string]func(m *content.Meta){
		"title":       func(m *content.Meta) { m.Title += " changed" },
		"description": func(m *content.Meta) { m.Description += " Changed." },
		"kind":        func(m *content.Meta) { m.Kind = content.KindQualification },
		"weight":      func(m *content.Meta) { m.Weight += 10 },
		"weight 1000": func(m *content.Meta) { m.Weight = 1000 },
		"skills":      func(m *content.Meta) { m.Skills = append(m.Skills, "chasing") },
		"reviewed":    func(m *content.Meta) { m.Reviewed = content.Date{} },
		"sources":     func(m *content.Meta) { m.Sources = append(m.Sources, content.Source{Title: "A source"}) },
		"draft":       func(m *content.Meta) { m.Draft = !m.Draft },
		"aliases":     func(m *content.Meta) { m.Aliases = append(m.Aliases, "old.md") },
	}
	build := func(pages []page) *nav.Tree {
		var all []*content.Page
		for _, p := range pages {
			url := p.path[:len(p.path)-len(".md")] + "/"
			switch {
			case p.path == "_index.md":
				url = ""
			case len(p.path) > len("_index.md") && p.path[len(p.path)-len("_index.md"):] == "_index.md":
				url = p.path[:len(p.path)-len("_index.md")]
			}
			all = append(all, &content.Page{Path: p.path, File: "content/" + p.path, URL: url, Line: 1,
				Section: url == "" || p.path[len(p.path)-len("_index.md"):] == "_index.md", Meta: p.meta})
		}
		return nav.Build(all, nil)
	}
	seen := func(tree *nav.Tree) map[string]*Data {
		sb := newSidebar(tree, fullSidebar)
		out := map[string]*Data{}
		for _, n := range tree.Order {
			out[n.Page.Path] = (&Set{}).data(tree, n, nil, Site{}, sb)
		}
		return out
	}
	before := build(base)
	was, shape := seen(before), Shape(before)
	for i := range base {
		for name, change := range changes {
			pages := append([]page(nil), base...)
			pages[i].meta.Skills = append([]string(nil), pages[i].meta.Skills...)
			pages[i].meta.Sources = append([]content.Source(nil), pages[i].meta.Sources...)
			change(&pages[i].meta)
			after := build(pages)
			now := seen(after)
			if Shape(after) != shape {
				continue
			}
			for path, data := range now {
				if path != base[i].path && !reflect.DeepEqual(data, was[path]) {
					t.Errorf("changing the %s of %s changes what %s shows, but not Shape", name, base[i].path, path)
				}
			}
		}
	}
}

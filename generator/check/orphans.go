package check

import (
	"errors"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Orphans warns about pages that no other page links to. Every page is in
// the sidebar, but a page nothing points to from the text is one a trainee
// only finds by browsing, which usually means a link was forgotten. The
// home page is exempt. A scenario or route naming a skill in skills: counts
// as a link, because its page shows one.
func Orphans(tree *nav.Tree, docs map[*content.Page]*markdown.Doc) error {
	linked := map[*content.Page]bool{}
	for _, n := range tree.Order {
		from := n.Page
		doc := docs[from]
		if doc == nil {
			continue
		}
		for _, l := range doc.Links {
			t, err := nav.ParseTarget(from.Dir(), l.Dest)
			if err != nil || t.External || t.Unsafe || t.Path == "" {
				continue
			}
			if to := tree.Find(t); to != nil && to.Page != from {
				linked[to.Page] = true
			}
		}
	}
	skills := map[string]*content.Page{}
	for _, n := range tree.Order {
		if n.Page.Meta.Kind == content.KindSkill {
			skills[n.Page.Slug()] = n.Page
		}
	}
	for _, n := range tree.Order {
		for _, s := range n.Page.Meta.Skills {
			if p := skills[s]; p != nil && p != n.Page {
				linked[p] = true
			}
		}
	}
	var errs []error
	for _, p := range sourcePages(tree) {
		if p.URL == "" || linked[p] {
			continue
		}
		errs = append(errs, warnf(p.File, p.Meta.Lines["title"], 0,
			"link to it from a related page, such as its section's index.md, or remove the page if it is not needed",
			"no other page links to this page, so readers only find it through the sidebar or search"))
	}
	return errors.Join(errs...)
}

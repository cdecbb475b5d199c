package check

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Glossary warns about glossary terms that no page outside the glossary
// links to: either the handbook uses the term without linking it, or the
// entry is no longer needed. The terms are the ids of a glossary page that
// are not heading ids, which package markdown gives only to the terms of
// its definition lists. (A link to a term that does not exist is already a
// broken-link error in the build.)
func Glossary(tree *nav.Tree, docs map[*content.Page]*markdown.Doc) error {
	used := map[*content.Page]map[string]bool{}
	var glossaries []*content.Page
	for _, n := range tree.Order {
		if n.Page.Meta.Kind == content.KindGlossary && docs[n.Page] != nil {
			glossaries = append(glossaries, n.Page)
			used[n.Page] = map[string]bool{}
		}
	}
	if len(glossaries) == 0 {
		return nil
	}
	for _, n := range tree.Order {
		doc := docs[n.Page]
		if doc == nil || used[n.Page] != nil {
			continue // a glossary's links to its own terms do not count
		}
		for _, l := range doc.Links {
			t, err := nav.ParseTarget(n.Page.Dir(), l.Dest)
			if err != nil || t.External || t.Unsafe || t.Fragment == "" {
				continue
			}
			if to := tree.Find(t); to != nil && used[to.Page] != nil {
				used[to.Page][t.Fragment] = true
			}
		}
	}
	var errs []error
	for _, g := range glossaries {
		doc := docs[g]
		headings := map[string]bool{}
		for _, h := range doc.Headings {
			headings[h.ID] = true
		}
		var terms []string
		for id := range doc.IDs {
			if !headings[id] && !used[g][id] {
				terms = append(terms, id)
			}
		}
		slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(doc.IDs[a], doc.IDs[b]), cmp.Compare(a, b)) })
		for _, id := range terms {
			term := termAt(g, doc.IDs[id])
			short, _, _ := strings.Cut(term, " (")
			errs = append(errs, warnf(g.File, doc.IDs[id], 0,
				"where a page uses the term, link it, as ["+short+"](../"+g.Path+"#"+id+") from a section's page; or remove the entry if no page needs it",
				"no page outside the glossary links to the term %q", term))
		}
	}
	return errors.Join(errs...)
}

// termAt is the text of the term on a line of glossary page p: a term of a
// definition list is a line of its own, the line above its ": meaning".
func termAt(p *content.Page, line int) string {
	lines := strings.Split(string(p.Body), "\n")
	if i := line - p.Line; i >= 0 && i < len(lines) {
		return strings.TrimSpace(lines[i])
	}
	return ""
}

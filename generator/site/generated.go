package site

import (
	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// generated are the pages the generator makes from the others rather
// than from a file of their own. Each is in the tree like any page, so it
// has its place in the contents, and is converted with the rest from the
// little Markdown it has; its Doc is then made from the site.
type generated struct {
	skillsMap *content.Page // each skill's scenarios and routes; nil without skill pages
	print     *content.Page // every page in one, to print; nil past printLimit
	progress  *content.Page // a row per page, for "mark as read"
}

// addGenerated adds the generated pages to pages.
func addGenerated(pages []*content.Page) ([]*content.Page, generated) {
	var gen generated
	if hasKind(pages, content.KindSkill) {
		gen.skillsMap = layout.SkillsMapPage()
		pages = append(pages, gen.skillsMap)
	}
	if len(pages) <= printLimit {
		gen.print = layout.PrintPage()
		pages = append(pages, gen.print)
	}
	gen.progress = layout.ProgressPage()
	pages = append(pages, gen.progress)
	return pages, gen
}

// replaceDocs makes the skills map from the tree, once every page is
// converted, and drops the Docs converted from the whole-handbook and
// progress pages' Markdown: those two are made from every other page's
// Doc once the site is checked, and are not linked to meanwhile.
func (gen generated) replaceDocs(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, st *stream) {
	if gen.skillsMap != nil {
		docs[gen.skillsMap] = layout.SkillsMap(tree, gen.skillsMap)
		st.made(gen.skillsMap, docs[gen.skillsMap])
	}
	delete(docs, gen.print)
	delete(docs, gen.progress)
}

func hasKind(pages []*content.Page, k content.Kind) bool {
	for _, p := range pages {
		if p.Meta.Kind == k {
			return true
		}
	}
	return false
}

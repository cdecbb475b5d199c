package check

import (
	"errors"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Site runs every check on a handbook loaded and converted the way build
// does it, and returns every problem found, joined, or nil. today decides
// which review dates have passed. Pages that failed to convert (nil in
// docs) are skipped by the checks that read their Markdown.
func Site(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, today time.Time) error {
	pages := sourcePages(tree)
	return errors.Join(
		Reviews(pages, today),
		Orphans(tree, docs),
		Markup(pages),
		Headings(pages, docs),
		Titles(pages),
		Glossary(tree, docs),
		Sanitised(pages, docs),
		Paste(pages),
	)
}

// sourcePages lists the pages that have a file, in reading order: the
// section pages nav makes up for folders without an index.md have nothing
// an educator could fix.
func sourcePages(tree *nav.Tree) []*content.Page {
	var out []*content.Page
	for _, n := range tree.Order {
		if n.Page.File != "" {
			out = append(out, n.Page)
		}
	}
	return out
}

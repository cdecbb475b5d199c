package check

import (
	"errors"
	"strings"

	"ppchandbook/generator/content"
)

// Titles warns about pages that share a title (ignoring case and spaces at
// the ends): the sidebar, search results and previous/next links show only
// the title, so readers cannot tell the pages apart. Each page of a pair is
// reported, naming the other, since either may be the one to rename.
func Titles(pages []*content.Page) error {
	byTitle := map[string][]*content.Page{}
	var order []string
	for _, p := range pages {
		key := strings.ToLower(strings.TrimSpace(p.Meta.Title))
		if byTitle[key] == nil {
			order = append(order, key)
		}
		byTitle[key] = append(byTitle[key], p)
	}
	var errs []error
	for _, key := range order {
		same := byTitle[key]
		if len(same) < 2 {
			continue
		}
		for _, p := range same {
			var others []string
			for _, q := range same {
				if q != p {
					others = append(others, q.File)
				}
			}
			errs = append(errs, warnf(p.File, p.Meta.Lines["title"], 0,
				"give each page a title that says how it differs from the other",
				"the title %q is also the title of %s, so readers cannot tell the pages apart in the sidebar and search",
				p.Meta.Title, strings.Join(others, " and ")))
		}
	}
	return errors.Join(errs...)
}

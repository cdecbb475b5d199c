package check

import (
	"errors"
	"strconv"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// Headings warns about headings that skip a level (## then ####). Screen
// reader users move through a page by its headings, and a skipped level
// sounds like a missing section. The page title is the one level-1
// heading, so the first heading of the text should be level 2. It reads
// the headings as package markdown publishes them, after a leading
// "# Title" is dropped and any other "#" heading is made level 2.
func Headings(pages []*content.Page, docs map[*content.Page]*markdown.Doc) error {
	var errs []error
	for _, p := range pages {
		doc := docs[p]
		if doc == nil {
			continue
		}
		prev := 1
		for _, h := range doc.Headings {
			if h.Level > prev+1 {
				want := strings.Repeat("#", prev+1)
				msg := "heading %q is level %d (%s) but the heading before it is level %d, so level %d is skipped"
				args := []any{h.Text, h.Level, strings.Repeat("#", h.Level), prev, prev + 1}
				if prev == 1 {
					msg = "heading %q is level %d (%s), but the first heading of a page should be level 2 (##): the page title is level 1"
					args = args[:3]
				}
				errs = append(errs, warnf(p.File, h.Line, 0,
					"write it as "+want+" "+h.Text+", or add the level "+strconv.Itoa(prev+1)+" heading it belongs under", msg, args...))
			}
			prev = h.Level
		}
	}
	return errors.Join(errs...)
}

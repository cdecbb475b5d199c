package check

import (
	"bytes"
	"errors"
	"regexp"

	"ppchandbook/generator/content"
)

// placeholderRE matches a line that is wholly in italics, as the page
// starters in layouts/new write their instructions to the editor.
var placeholderRE = regexp.MustCompile(`^\*[^*\s].*[^*\s]\*$`)

// Placeholders warns about instructions from the page starters (the
// italic lines of layouts/new/*.md, given as starters) left in a page,
// where a trainee would read "Explain the main point in plain English"
// as if it were the handbook speaking.
func Placeholders(pages []*content.Page, starters [][]byte) error {
	said := map[string]bool{}
	for _, s := range starters {
		for line := range bytes.Lines(s) {
			if l := bytes.TrimSpace(line); placeholderRE.Match(l) {
				said[string(l)] = true
			}
		}
	}
	var errs []error
	for _, p := range pages {
		n := p.Line
		for line := range bytes.Lines(p.Body) {
			if l := bytes.TrimSpace(line); said[string(l)] {
				errs = append(errs, warnf(p.File, n, 1,
					"write your own text in its place, or delete the line",
					"this line is the page starter's instruction to you, still in italics: readers would see it as part of the page"))
			}
			n++
		}
	}
	return errors.Join(errs...)
}

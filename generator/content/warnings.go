package content

import (
	"bytes"
	"errors"
	"path"
	"regexp"
	"strings"
)

// looksLikeKey is a first line that would be front matter, had it an
// opening "---" above it.
var looksLikeKey = regexp.MustCompile(`^[a-z_]+:( |$)`)

// warnings are the page's mistakes that still let it be published, found
// as it is read: each would otherwise pass unnoticed until a reader saw it.
func warnings(p *Page, hasFrontMatter bool) error {
	var errs []error
	if !hasFrontMatter {
		first, _, _ := bytes.Cut(p.Body, []byte("\n"))
		if looksLikeKey.Match(first) && bytes.Contains(p.Body, []byte("\n---\n")) {
			errs = append(errs, Warnf(p.File, 1, 1, `the front matter has no opening "---": add a line with just "---" above this one, or these lines show as the page's text`))
		}
	}
	if line, ok := p.Meta.Lines["description"]; ok && strings.TrimSpace(p.Meta.Description) == "" {
		errs = append(errs, Warnf(p.File, line, 0, "description is empty: write one sentence saying what the page is for; lists and search results show it"))
	}
	return errors.Join(errs...)
}

// NameWarning warns of a file name with spaces or capital letters, which
// make a page's address hard to type and links to it easy to get wrong,
// or nil. It is a separate step from reading a page, so that a site
// written elsewhere (README.md) can still be read without a warning
// where that is wanted.
func NameWarning(p *Page) error {
	name := path.Base(p.Path)
	if IsReadme(p.Path) {
		return nil // the folder's page: its name is not in any address
	}
	if !strings.ContainsAny(name, " ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return nil
	}
	better := path.Join(path.Dir(p.Path), strings.ReplaceAll(strings.ToLower(name), " ", "-"))
	return Warnf(p.File, 1, 0, "the file name has spaces or capital letters, which make the page's address hard to type and links to it easy to get wrong: rename it, as in: rename %q %s", p.Path, better)
}

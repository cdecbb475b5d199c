package site

import (
	"context"
	"errors"
	"time"

	"ppchandbook/generator/check"
	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Check reports every problem Build would find in src, with the
// editorial checks of package check, and, when web is not nil, asks after
// every web address; it writes nothing. It runs Build, keeping its
// problems and discarding the site, then loads and converts the pages
// again for the editorial checks. It fails only when there is no
// handbook to check.
func Check(ctx context.Context, src Sources, opt Options, today time.Time, web *check.Web) ([]check.Finding, error) {
	var problems []error
	if s, err := Build(ctx, src, opt, Discard{}); err != nil {
		problems = append(problems, err)
	} else {
		problems = append(problems, s.Warnings...)
	}
	pages, files, err := content.Load(src.Content)
	if err != nil && len(pages) == 0 {
		return nil, err // no folder, or nothing readable
	}
	pages = Published(pages)
	tree := nav.Build(pages, files)
	docs := make(map[*content.Page]*markdown.Doc, len(pages))
	for p, c := range convert(ctx, markdown.New(tree.Resolve), pages, nil, nil) {
		docs[p] = c.doc // a page that failed is already among Build's problems
	}
	problems = append(problems, check.Site(tree, docs, today), check.Placeholders(pages, starters(src)))
	if web != nil {
		problems = append(problems, web.Check(ctx, check.Refs(pages, docs), time.Now()))
	}
	return check.Findings(errors.Join(problems...)), nil
}

// starters reads the page starters that new copies, the built-in ones or
// those in the layouts folder, for the instructions they hold.
func starters(src Sources) [][]byte {
	var out [][]byte
	for _, kind := range []content.Kind{content.KindPage, content.KindSkill, content.KindScenario, content.KindQualification} {
		if _, b, err := src.LayoutFiles().ReadFile("new/" + string(kind) + ".md"); err == nil {
			out = append(out, b)
		}
	}
	return out
}

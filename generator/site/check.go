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
// every web address; it writes nothing. It runs Build with a Memo,
// keeping its problems and every page's Doc and discarding the site, then
// runs the editorial checks over the pages as written (without the
// generated ones), each with the Doc Build made from the same bytes. It
// fails only when there is no handbook to check.
func Check(ctx context.Context, src Sources, opt Options, today time.Time, web *check.Web) ([]check.Finding, error) {
	memo := NewMemo()
	opt.Memo = memo
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
	var failed []*content.Page // or changed since Build read it
	for _, p := range pages {
		if docs[p] = memo.get(p); docs[p] == nil {
			failed = append(failed, p)
		}
	}
	// A page Build could not convert is among its problems; what it has
	// of headings and links still counts for the checks.
	again := map[*content.Page]converted{}
	convert(ctx, markdown.New(tree.Resolve), failed, nil, nil, again)
	for p, c := range again {
		docs[p] = c.doc
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

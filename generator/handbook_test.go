package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/pathway"
	"ppchandbook/generator/site"
)

// handbook names the repository's own sources, relative to this package.
var handbook = site.Sources{Content: "../content", Layouts: "../layouts"}

// TestHandbook builds the real handbook and fails on any problem, warnings
// included, so a broken link in a page fails go test ./... It also holds the
// content to the counts and the structure the handbook promises its
// readers: a knowledge check on every skill and scenario page, a clock on
// every scenario, and no scenario event on a day the hospital is closed
// unless the page says why.
func TestHandbook(t *testing.T) {
	s, err := site.Build(t.Context(), handbook, site.Options{Site: layout.Site{Title: siteTitle}}, site.Discard{})
	if err != nil {
		t.Fatalf("the handbook does not build:\n%v", err)
	}
	for _, w := range s.Warnings {
		t.Errorf("warning: %v", w)
	}

	pages, files, err := content.Load(handbook.Content)
	if err != nil {
		t.Fatal(err)
	}
	pages = site.Published(pages)
	tree := nav.Build(pages, files)
	md := markdown.New(tree.Resolve)
	docs := map[*content.Page]*markdown.Doc{}
	for _, p := range pages {
		if docs[p], err = md.Convert(p); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("counts", func(t *testing.T) {
		count := map[content.Kind]int{}
		for _, p := range pages {
			count[p.Meta.Kind]++
		}
		for _, c := range []struct {
			kind     content.Kind
			min, max int
		}{
			{content.KindSkill, 11, 11},
			{content.KindQualification, 6, 1000},
			{content.KindScenario, 10, 1000},
			{content.KindGlossary, 1, 1},
		} {
			if n := count[c.kind]; n < c.min || n > c.max {
				t.Errorf("%d %s pages; want between %d and %d", n, c.kind, c.min, c.max)
			}
		}
	})

	t.Run("glossary terms", func(t *testing.T) {
		for _, p := range pages {
			if p.Meta.Kind != content.KindGlossary {
				continue
			}
			terms := strings.Count(string(docs[p].HTML), "<dt ")
			if terms < 60 {
				t.Errorf("%s defines %d terms; want at least 60", p.File, terms)
			}
		}
	})

	t.Run("every page reviewed and sourced", func(t *testing.T) {
		for _, p := range pages {
			m := p.Meta
			switch {
			case m.Reviewed.IsZero():
				t.Errorf("%s: no reviewed date", p.File)
			case m.NextReview.IsZero() || !m.NextReview.After(m.Reviewed.Time):
				t.Errorf("%s: next_review %v is not after reviewed %v", p.File, m.NextReview, m.Reviewed)
			}
			if len(m.Sources) == 0 {
				t.Errorf("%s: no sources", p.File)
			}
			for _, s := range m.Sources {
				if s.Title == "" || s.URL == "" {
					t.Errorf("%s: source %+v needs a title and a url", p.File, s)
				}
			}
		}
	})

	t.Run("no orphans", func(t *testing.T) {
		linked := map[*content.Page]bool{}
		for _, p := range pages {
			for _, l := range docs[p].Links {
				target, err := nav.ParseTarget(p.Dir(), l.Dest)
				if err != nil || target.External || target.Path == "" {
					continue
				}
				if n := tree.Find(target); n != nil && n.Page != p {
					linked[n.Page] = true
				}
			}
		}
		for _, p := range pages {
			if p.URL != "" && !linked[p] {
				t.Errorf("%s: no other page links to it", p.File)
			}
		}
	})

	t.Run("a quiz on every skill and scenario page", func(t *testing.T) {
		for _, p := range pages {
			if p.Meta.Kind != content.KindSkill && p.Meta.Kind != content.KindScenario {
				continue
			}
			if !strings.Contains(docs[p].HTML, `<section class="quiz"`) {
				t.Errorf("%s: no knowledge check: add a quiz block under a \"Check your understanding\" heading", p.File)
			}
		}
	})

	t.Run("every scenario has a clock", func(t *testing.T) {
		for _, p := range pages {
			if p.Meta.Kind != content.KindScenario {
				continue
			}
			tl, err := pathway.Compute(p.File, p.Meta)
			if _, hard := content.Warnings(err); len(hard) > 0 {
				continue // reported by the build above
			}
			if tl == nil || len(tl.Clocks) == 0 {
				t.Errorf("%s: no waiting-time clock: add standards: and dated events: with a clock start", p.File)
			}
		}
	})

	// The build reports these as warnings too; this names the rule, so the
	// failure says what the handbook promises rather than only what broke.
	t.Run("no scenario event on a closed day unless marked", func(t *testing.T) {
		for _, p := range pages {
			for i, ev := range p.Meta.Events {
				if strings.TrimSpace(ev.OutOfHours) != "" {
					continue
				}
				if day, closed := pathway.ClosedDay(ev.Date.Time); closed {
					t.Errorf("%s:%d: event %d is on %s (%s): move it to a working day or add out_of_hours:", p.File, ev.Line, i+1, ev.Date, day)
				}
			}
		}
	})

	t.Run("skills and scenarios linked both ways", func(t *testing.T) {
		for _, p := range pages {
			if p.Meta.Kind != content.KindScenario && p.Meta.Kind != content.KindQualification {
				continue
			}
			if len(p.Meta.Skills) == 0 {
				t.Errorf("%s: names no skills", p.File)
			}
		}
	})
}

// TestHandbookOutput checks the written handbook as a trainee's browser
// would see it: every page has one h1, a skip link and its stylesheet.
func TestHandbookOutput(t *testing.T) {
	t.Parallel() // reads the shared build
	out, files := buildHandbook(t)
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := string(b)
		if n := strings.Count(html, "<h1"); n != 1 {
			t.Errorf("%s has %d h1 elements; want 1", name, n)
		}
		if !strings.Contains(html, `class="skip-link"`) {
			t.Errorf("%s has no skip link", name)
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
		// CSS and script per page stay small for phones and slow links.
		weight, seen := 0, map[string]bool{}
		for _, ref := range assetRef.FindAllStringSubmatch(html, -1) {
			if !seen[ref[1]] {
				seen[ref[1]] = true
				weight += len(files[ref[1]])
			}
		}
		if weight > 60<<10 {
			t.Errorf("%s loads %d KB of CSS and JavaScript; want at most 60 KB", name, weight>>10)
		}
		ids := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(html, -1) {
			if ids[m[1]] {
				t.Errorf("%s: id %q is used twice", name, m[1])
			}
			ids[m[1]] = true
		}
		for _, m := range sameHref.FindAllStringSubmatch(html, -1) {
			if !ids[m[1]] {
				t.Errorf("%s: link to #%s, which is not on the page", name, m[1])
			}
		}
	}
}

var (
	assetRef = regexp.MustCompile(`(?:href|src)="[./]*(assets/[^"]+\.(?:css|js))"`)
	idAttr   = regexp.MustCompile(`\bid="([^"]*)"`)
	sameHref = regexp.MustCompile(`href="#([^"]+)"`)
)

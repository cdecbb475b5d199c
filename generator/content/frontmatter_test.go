package content

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in           string
		wantMeta, wantBody string
		wantLine           int // line where the body starts
	}{
		{"none", "# Hi\n", "", "# Hi\n", 1},
		{"no front matter but a rule later", "Text\n---\nMore\n", "", "Text\n---\nMore\n", 1},
		{"yaml", "---\ntitle: A\n---\nText\n", "title: A\n", "Text\n", 4},
		{"empty front matter", "---\n---\nText\n", "", "Text\n", 3},
		{"empty front matter at end of file", "---\n---", "", "", 3},
		{"dots close it", "---\ntitle: A\n...\nText\n", "title: A\n", "Text\n", 4},
		{"trailing spaces on the opener", "--- \t\ntitle: A\n---\nText\n", "title: A\n", "Text\n", 4},
		{"trailing spaces on the closer", "---\ntitle: A\n---  \nText\n", "title: A\n", "Text\n", 4},
		{"no newline after the closer", "---\ntitle: A\n---", "title: A\n", "", 4},
		{"blank lines before the body", "---\ntitle: A\nweight: 2\n---\n\n\nText\n", "title: A\nweight: 2\n", "\n\nText\n", 5},
		{"four dashes is not an opener", "----\ntitle: A\n---\n", "", "----\ntitle: A\n---\n", 1},
		{"indented closer does not close", "---\ntitle: A\n ---x\n---\nB\n", "title: A\n ---x\n", "B\n", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meta, body, line, err := splitFrontMatter([]byte(tt.in))
			if err != nil || string(meta) != tt.wantMeta || string(body) != tt.wantBody || line != tt.wantLine {
				t.Errorf("splitFrontMatter(%q) = %q, %q, %d, %v; want %q, %q, %d, nil",
					tt.in, meta, body, line, err, tt.wantMeta, tt.wantBody, tt.wantLine)
			}
		})
	}
}

func TestSplitFrontMatterUnclosed(t *testing.T) {
	for _, in := range []string{"---\ntitle: A\n", "---\ntitle: A\nText", "---", "---\n"} {
		t.Run(in, func(t *testing.T) {
			const want = `front matter starts with "---" on line 1 but never ends: add a line with just "---" after the last key`
			_, _, _, err := splitFrontMatter([]byte(in))
			if err == nil || err.Error() != want {
				t.Errorf("splitFrontMatter(%q) error = %v; want %q", in, err, want)
			}
		})
	}
}

// TestParseMetaErrors checks the message an educator sees for each mistake
// in front matter, through parse so that every line is a line of the file.
// TestParseMetaForeignKeys holds that the keys other tools write are
// read without stopping the build: each is a warning, and ignored, while
// a near miss of one of ours is still an error.
func TestParseMetaForeignKeys(t *testing.T) {
	for _, key := range []string{"tags: [a, b]", "layout: page", "permalink: /x/", "slug: x", "linkTitle: X",
		"nav_order: 2", "lang: en", "date: 2020-01-01", "author: A", "categories: [x]", "sidebar_position: 3", "toc: true"} {
		t.Run(key, func(t *testing.T) {
			in := "---\ntitle: A\n" + key + "\n---\nText.\n"
			p, err := parse("x.md", "content/x.md", []byte(in))
			warnings, errs := Warnings(err)
			if len(errs) != 0 || len(warnings) != 1 || p == nil || p.Meta.Title != "A" || p.Meta.Rejected("") {
				t.Errorf("parse(%q) = warnings %q, errors %q; want one warning, no error, and the title read", in, warnings, errs)
			}
		})
	}
	t.Run("near one of ours", func(t *testing.T) {
		in := "---\ntitel: A\n---\n"
		_, err := parse("x.md", "content/x.md", []byte(in))
		if warnings, errs := Warnings(err); len(warnings) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), `(did you mean "title"?)`) {
			t.Errorf("parse(%q) = warnings %q, errors %q; want one error with \"did you mean\"", in, warnings, errs)
		}
	})
	t.Run("redirect_from becomes aliases", func(t *testing.T) {
		in := "---\ntitle: A\naliases: [old.md]\nredirect_from:\n  - /older/\n  - /oldest.html\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		want := []string{"old.md", "/older/", "/oldest.html"}
		if err != nil || !slices.Equal(p.Meta.Aliases, want) || p.Meta.Lines["aliases.1"] != 5 || p.Meta.Lines["aliases.2"] != 6 {
			t.Errorf("parse(%q) = aliases %q, lines %v, %v; want %q on lines 3, 5, 6", in, p.Meta.Aliases, p.Meta.Lines, err, want)
		}
	})
}

func TestParseMetaErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the only error, as printed
		wantLine int
	}{
		{
			"unknown key with a close match",
			"---\ntitel: Empathy\n---\n",
			`content/x.md:2:1: front matter: unknown key "titel" (did you mean "title"?)`, 2,
		},
		{
			"a key of another tool is a warning, and lists ours",
			"---\ntitle: A\ncolour: red\n---\n",
			`content/x.md:3:1: warning: front matter: "colour" is not a key this handbook reads, so it is ignored (the keys are aliases, description, draft, events, kind, next_review, raw_html, redirect_from, reviewed, skills, sources, standards, title, weight)`, 3,
		},
		{
			"an unknown key in a group lists the keys allowed there",
			"---\nsources:\n  - title: A\n    colour: red\n---\n",
			`content/x.md:4:5: front matter: unknown key "colour" in item 1 of "sources" (the keys allowed here are date, publisher, title, url)`, 4,
		},
		{
			"wrong type",
			"---\ntitle: A\nweight: abc\n---\n",
			`content/x.md:3:9: "weight" must be a whole number, like 10, not "abc"`, 3,
		},
		{
			"draft must be true or false",
			"---\ndraft: maybe\n---\n",
			`content/x.md:2:8: "draft" must be true or false, not "maybe"`, 2,
		},
		{
			"a list where text belongs",
			"---\ntitle: [Empathy, Compassion]\n---\n",
			`content/x.md:2:8: "title" must be text, not a list`, 2,
		},
		{
			"a group where text belongs",
			"---\ntitle:\n  en: Empathy\n---\n",
			`content/x.md:3:3: "title" must be text, not a group of keys`, 3,
		},
		{
			"a day that does not exist",
			"---\nnext_review: 2027-02-30\n---\n",
			`content/x.md:2:14: "next_review": "2027-02-30" is not a date: February 2027 has no day 30`, 2,
		},
		{
			"29 February outside a leap year",
			"---\nreviewed: 2026-02-29\n---\n",
			`content/x.md:2:11: "reviewed": "2026-02-29" is not a date: February 2026 has no day 29`, 2,
		},
		{
			"a month that does not exist",
			"---\nreviewed: 2026-25-11\n---\n",
			`content/x.md:2:11: "reviewed": "2026-25-11" is not a date: there is no month 25 (write the year, then the month, then the day, as in 2026-11-25)`, 2,
		},
		{
			"draft written as yes",
			"---\ndraft: \"yes\"\n---\n",
			`content/x.md:2:8: "draft" must be true or false, not "yes" (did you mean true?)`, 2,
		},
		{
			"draft written as off",
			"---\ndraft: off\n---\n",
			`content/x.md:2:8: "draft" must be true or false, not "off" (did you mean false?)`, 2,
		},
		{
			"raw_html written as 1",
			"---\nraw_html: 1\n---\n",
			`content/x.md:2:11: "raw_html" must be true or false, not "1" (did you mean true?)`, 2,
		},
		{
			"true in quotes",
			"---\ndraft: \"true\"\n---\n",
			`content/x.md:2:8: "draft" must be true or false without quotes, not "true"`, 2,
		},
		{
			"a wrong value through an alias points at the alias",
			"---\nskills: &x [communication]\ntitle: *x\n---\n",
			`content/x.md:3:8: "title" must be text, not a list (*x stands for the value set on line 2)`, 3,
		},
		{
			"a wrong item through an alias points at the alias",
			"---\ntitle: &t Empathy\nevents:\n  - date: *t\n---\n",
			`content/x.md:4:11: "date" of item 1 of "events": "Empathy" is not a date: write it as YYYY-MM-DD, for example 2026-11-25 (*t stands for the value set on line 2)`, 4,
		},
		{
			"wrong type for a list",
			"---\nskills: communication\n---\n",
			`content/x.md:2:9: "skills" must be a list, written [a, b] or as lines starting with "- "`, 2,
		},
		{
			"bad date",
			"---\nreviewed: 25/11/2026\n---\n",
			`content/x.md:2:11: "reviewed": "25/11/2026" is not a date: write it as YYYY-MM-DD, for example 2026-11-25`, 2,
		},
		{
			"unknown kind with a hint",
			"---\nkind: skil\n---\n",
			`content/x.md:2:7: "kind": "skil" is not one of page, skill, qualification, scenario, glossary (did you mean "skill"?)`, 2,
		},
		{
			"unknown kind with no hint",
			"---\nkind: colour\n---\n",
			`content/x.md:2:7: "kind": "colour" is not one of page, skill, qualification, scenario, glossary`, 2,
		},
		{
			"duplicate key",
			"---\ntitle: A\nweight: 1\ntitle: B\n---\n",
			`content/x.md:4:1: "title" is written twice (first on line 2): keep one`, 4,
		},
		{
			"tab indenting a list item",
			"---\nsources:\n\t- NHS England\n---\n",
			`content/x.md:3: front matter: a tab is used to indent this line: use spaces instead`, 3,
		},
		{
			// The YAML library words this one differently; the educator
			// still needs to be told to use spaces.
			"tab indenting a key",
			"---\ntitle: A\n\tweight: 1\n---\n",
			`content/x.md:3: front matter: a tab is used to indent this line: use spaces instead`, 3,
		},
		{
			"not a mapping",
			"---\n- a\n- b\n---\n",
			`content/x.md:2:1: front matter must be a list of "key: value" lines`, 2,
		},
		{
			"plain text",
			"---\njust some words\n---\n",
			`content/x.md:2:1: front matter must be a list of "key: value" lines`, 2,
		},
		{
			"unknown key inside a sources item",
			"---\nsources:\n  - title: Rules suite\n    publisher: DHSC\n  - titl: Access policy\n---\n",
			`content/x.md:5:5: front matter: unknown key "titl" in item 2 of "sources" (did you mean "title"?)`, 5,
		},
		{
			"unknown key inside an events item",
			"---\nevents:\n  - date: 2026-01-05\n    wat: Referral received\n---\n",
			`content/x.md:4:5: front matter: unknown key "wat" in item 1 of "events" (did you mean "what"?)`, 4,
		},
		{
			"unknown key inside an events item with no close match",
			"---\nevents:\n  - date: 2026-01-05\n    colour: red\n---\n",
			`content/x.md:4:5: front matter: unknown key "colour" in item 1 of "events" (the keys allowed here are clock, date, out_of_hours, rule, standards, what)`, 4,
		},
		{
			"bad date inside an events item",
			"---\nevents:\n  - date: 2026-01-05\n  - date: 5 Jan\n---\n",
			`content/x.md:4:11: "date" of item 2 of "events": "5 Jan" is not a date: write it as YYYY-MM-DD, for example 2026-11-25`, 4,
		},
		{
			"an events item that is not a group of keys",
			"---\nevents:\n  - Referral received\n---\n",
			`content/x.md:3:5: item 1 of "events" must be a group of "key: value" lines, not "Referral received"`, 3,
		},
		{
			"an unclosed quote",
			"---\ntitle: A\ndescription: \"unclosed\n---\n",
			`content/x.md:3: front matter: the value starts with " but never ends with one: add " at the end of the value`, 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("x.md", "content/x.md", []byte(tt.in))
			errs := Errors(err)
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Fatalf("parse(%q) errors = %q; want [%q]", tt.in, errs, tt.want)
			}
			var ce *Error
			if !errors.As(errs[0], &ce) || ce.Line != tt.wantLine {
				t.Errorf("parse(%q) error line = %v; want %d", tt.in, ce, tt.wantLine)
			}
		})
	}
}

func TestParseMetaCollectsEveryProblem(t *testing.T) {
	in := "---\ntitel: A\nweight: x\nkind: skil\n---\n"
	_, err := parse("x.md", "content/x.md", []byte(in))
	var lines []int
	for _, e := range Errors(err) {
		var ce *Error
		if errors.As(e, &ce) {
			lines = append(lines, ce.Line)
		}
	}
	if want := []int{2, 3, 4}; len(lines) != len(want) || lines[0] != 2 || lines[1] != 3 || lines[2] != 4 {
		t.Errorf("parse(%q) error lines = %v; want %v", in, lines, want)
	}
}

// TestRejected checks which values later checks are told to pass over,
// because reading the front matter already reported them.
func TestRejected(t *testing.T) {
	tests := []struct {
		in         string
		rejected   []string
		unrejected []string
	}{
		{"---\nskills: [a, [b]]\n---\n", []string{"skills.1", "skills"}, []string{"skills.0", "title"}},
		{"---\nevents:\n  - date: 5 Jan\n    what: Seen\n---\n", []string{"events", "events.0", "events.0.date"}, []string{"events.0.what", "standards"}},
		{"---\nskills: communication\n---\n", []string{"skills", "skills.0"}, []string{"title"}},
		{"---\ndraft: yes\n---\n", []string{"draft"}, []string{"raw_html"}},
		{"---\ntitle: [A\n---\n", []string{"title", "events.0.date"}, nil},
		{"---\n- a\n---\n", []string{"title"}, nil},
		{"---\ntitle: A\ntitel: B\n---\n", nil, []string{"title", "titel"}},
		{"# No front matter\n", nil, []string{"title"}},
	}
	for _, tt := range tests {
		p, _ := parse("x.md", "content/x.md", []byte(tt.in))
		for _, path := range tt.rejected {
			if !p.Meta.Rejected(path) {
				t.Errorf("parse(%q).Meta.Rejected(%q) = false; want true", tt.in, path)
			}
		}
		for _, path := range tt.unrejected {
			if p.Meta.Rejected(path) {
				t.Errorf("parse(%q).Meta.Rejected(%q) = true; want false", tt.in, path)
			}
		}
	}
}

func TestParseMetaValues(t *testing.T) {
	t.Run("a source given as a plain string is its title", func(t *testing.T) {
		in := "---\nsources:\n  - National elective access policy\n  - title: Rules suite\n    url: https://www.gov.uk/x\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		if err != nil {
			t.Fatalf("parse(%q) error = %v", in, err)
		}
		got := p.Meta.Sources
		if len(got) != 2 || got[0] != (Source{Title: "National elective access policy"}) ||
			got[1] != (Source{Title: "Rules suite", URL: "https://www.gov.uk/x"}) {
			t.Errorf("parse(%q).Meta.Sources = %+v; want a plain title, then a title and url", in, got)
		}
	})
	t.Run("events record their line", func(t *testing.T) {
		in := "---\ntitle: A\nevents:\n  - date: 2026-01-05\n    what: Referral received\n    clock: start\n  - what: First appointment\n    date: 2026-02-10\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		if err != nil {
			t.Fatalf("parse(%q) error = %v", in, err)
		}
		ev := p.Meta.Events
		if len(ev) != 2 || ev[0].Line != 4 || ev[1].Line != 7 {
			t.Fatalf("parse(%q).Meta.Events = %+v; want 2 events on lines 4 and 7", in, ev)
		}
		if ev[0].Date.ISO() != "2026-01-05" || ev[0].What != "Referral received" || ev[0].Clock != "start" || ev[1].Date.ISO() != "2026-02-10" {
			t.Errorf("parse(%q).Meta.Events = %+v; want the dates and words as written", in, ev)
		}
	})
	t.Run("lines of keys and list items", func(t *testing.T) {
		in := "---\ntitle: A\nskills:\n  - communication\n  - empathy\nevents:\n  - date: 2026-01-05\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		if err != nil {
			t.Fatalf("parse(%q) error = %v", in, err)
		}
		want := map[string]int{"title": 2, "skills": 4, "skills.0": 4, "skills.1": 5, "events.0": 7, "events.0.date": 7}
		for k, line := range want {
			if got := p.Meta.Lines[k]; got != line {
				t.Errorf("parse(%q).Meta.Lines[%q] = %d; want %d", in, k, got, line)
			}
		}
	})
	t.Run("booleans", func(t *testing.T) {
		for _, in := range []string{"true", "True", "TRUE"} {
			src := "---\ndraft: " + in + "\nraw_html: " + in + "\n---\n"
			p, err := parse("x.md", "content/x.md", []byte(src))
			if err != nil || !p.Meta.Draft || !p.Meta.RawHTML {
				t.Errorf("parse(%q) = draft %v, raw_html %v, %v; want true, true, nil", src, p.Meta.Draft, p.Meta.RawHTML, err)
			}
		}
	})
	t.Run("an alias used well takes its line", func(t *testing.T) {
		in := "---\nreviewed: &d 2026-01-05\nnext_review: *d\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		if err != nil || p.Meta.NextReview.ISO() != "2026-01-05" || p.Meta.Lines["next_review"] != 3 {
			t.Errorf("parse(%q) = next_review %s on line %d, %v; want 2026-01-05 on line 3, nil", in, p.Meta.NextReview.ISO(), p.Meta.Lines["next_review"], err)
		}
	})
	t.Run("leap day", func(t *testing.T) {
		in := "---\nreviewed: 2028-02-29\n---\n"
		if p, err := parse("x.md", "content/x.md", []byte(in)); err != nil || p.Meta.Reviewed.ISO() != "2028-02-29" {
			t.Errorf("parse(%q) = %s, %v; want 2028-02-29, nil", in, p.Meta.Reviewed.ISO(), err)
		}
	})
	t.Run("empty values are allowed", func(t *testing.T) {
		in := "---\ntitle: A\ndescription:\nskills:\nreviewed:\n---\n"
		p, err := parse("x.md", "content/x.md", []byte(in))
		// Only an empty description is worth a word: lists and search show it.
		warns, hard := Warnings(err)
		if len(hard) > 0 || len(warns) != 1 || p.Meta.Description != "" || p.Meta.Skills != nil || !p.Meta.Reviewed.IsZero() {
			t.Errorf("parse(%q) = %+v, %v; want empty values and one warning", in, p.Meta, err)
		}
	})
}

// FuzzFrontMatter feeds arbitrary files to parse: it must never panic, every
// problem must point at a line, and the body must be the end of the file.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"# Communication\n\nListen first.\n",
		"---\ntitle: Empathy and compassion\ndescription: Being kind on the phone.\nkind: skill\nweight: 2\nreviewed: 2026-11-25\nnext_review: 2027-11-25\n---\n\n## Why it matters\n",
		"---\ntitle: Suspected cancer\nkind: scenario\nskills: [communication, patient-pathways]\nstandards: [FDS, 62-day]\nevents:\n  - date: 2026-01-05\n    what: Urgent referral received\n    clock: start\n    standards: [FDS]\n    rule: Clock starts on receipt\n  - date: 2026-01-20\n    what: Diagnosis communicated\n    clock: stop\n---\nBody\n",
		"---\nsources:\n  - title: \"Rules suite (October 2022)\"\n    publisher: DHSC\n    url: https://www.gov.uk/x\n    date: October 2022\n  - A plain source\n---\n",
		"\xef\xbb\xbf---\r\ntitle: Windows\r\n---\r\n\r\nBody\r\n",
		"---\rtitle: Old Mac\r---\rBody\r",
		"---\ntitel: A\nweight: abc\nkind: skil\ntitle: B\ntitle: C\n---\n",
		"---\ntitle: A\n\tweight: 1\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: A\n",
		"---\n---\n",
		"---\n...\n",
		"---\na: &a [*a, *a]\n---\n",
		"---\nsources: &s\n  - *s\n---\n",
		"---\nevents: [{date: 2026-01-01, <<: {what: x}}]\n---\n",
		"\xff\xfe#\x00 \x00",
		"# a\x00b",
		"---\ntitle: caf\xe9\n---\n",
		"```\n# not a title\n```\n# Title\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 64<<10 {
			return // keep memory bounded; real pages are far smaller
		}
		p, err := parse("x.md", "content/x.md", raw)
		for _, e := range Errors(err) {
			var ce *Error
			if !errors.As(e, &ce) {
				t.Fatalf("parse(%q) error %q (%T) is not a *content.Error", raw, e, e)
			}
			if ce.Line < 1 || ce.File != "content/x.md" {
				t.Errorf("parse(%q) error %q at %s:%d; want content/x.md at a line >= 1", raw, e, ce.File, ce.Line)
			}
		}
		if p == nil {
			if err == nil {
				t.Fatalf("parse(%q) = nil, nil; want a page or an error", raw)
			}
			return
		}
		src := normalise(raw)
		if p.Line < 1 || !bytes.HasSuffix(src, p.Body) {
			t.Fatalf("parse(%q) body %q at line %d; want a suffix of the file at a line >= 1", raw, p.Body, p.Line)
		}
		if len(p.Body) > 0 {
			before := src[:len(src)-len(p.Body)]
			if want := bytes.Count(before, []byte("\n")) + 1; p.Line != want {
				t.Errorf("parse(%q).Line = %d; want %d, the line the body starts on", raw, p.Line, want)
			}
		}
		if p.Meta.Title == "" || p.Meta.Kind == "" || p.Meta.Lines == nil {
			t.Errorf("parse(%q).Meta = %+v; want title, kind and lines always set", raw, p.Meta)
		}
		for key, line := range p.Meta.Lines {
			if line < 2 || line >= max(p.Line, 2) {
				t.Errorf("parse(%q).Meta.Lines[%q] = %d; want a line inside the front matter (2 to %d)", raw, key, line, p.Line-1)
			}
		}
	})
}

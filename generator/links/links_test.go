package links

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// build writes files (paths under content/) into a fresh folder and runs
// the pipeline up to the link check, so messages name files as
// "content/…", the way an educator sees them.
func build(t *testing.T, files map[string]string) (*nav.Tree, map[*content.Page]*markdown.Doc) {
	t.Helper()
	t.Chdir(t.TempDir())
	for name, body := range files {
		p := filepath.Join("content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages, other, err := content.Load("content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tree := nav.Build(pages, other)
	md := markdown.New(tree.Resolve)
	docs := map[*content.Page]*markdown.Doc{}
	for _, p := range pages {
		doc, err := md.Convert(p)
		if err != nil {
			t.Fatalf("Convert(%s): %v", p.File, err)
		}
		docs[p] = doc
	}
	return tree, docs
}

func messages(err error) []string {
	var out []string
	for _, e := range content.Errors(err) {
		out = append(out, e.Error())
	}
	slices.Sort(out)
	return out
}

// with returns a small handbook with extra files added: each case adds the
// page it is about.
func with(extra map[string]string) map[string]string {
	out := map[string]string{
		"index.md":                         "---\ntitle: Home\n---\nWelcome.\n",
		"glossary.md":                      "---\ntitle: Glossary\nkind: glossary\n---\nDNA (did not attend)\n: The patient did not come.\n\n## Other {#Upper}\n",
		"skills/_index.md":                 "# Skills\n",
		"skills/listening.md":              "---\ntitle: Listening\nkind: skill\n---\n## Reflecting back\n\nText.\n",
		"skills/empathy-and-compassion.md": "---\ntitle: Empathy\nkind: skill\n---\nText.\n",
		"img/pathway.png":                  "\x89PNG",
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		page string // body of content/skills/teamwork.md; its front matter ends on line 3
		want []string
	}{
		{
			"working links",
			"Read [listening](listening.md), [the glossary](../glossary.md#dna), [skills](./), [home](../index.md)\nand ![a map](../img/pathway.png) and [a heading](listening.md#reflecting-back) and [here](#why).\n[Top](../) and [top](/) and [DNA](/glossary.md#dna)\n\n## Why\n",
			nil,
		},
		{
			"missing page with a near spelling",
			"See [the glossary](../glosary.md).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "../glosary.md": no page "glosary.md" (did you mean "../glossary.md"?)`},
		},
		{
			"missing page with a longer name",
			"See [empathy](empathy.md).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "empathy.md": no page "skills/empathy.md" (did you mean "empathy-and-compassion.md"?)`},
		},
		{
			"missing page with nothing close",
			"\nSee [rules](../rules/cancer.md).\n",
			[]string{`content/skills/teamwork.md:5:5: link to "../rules/cancer.md": no page "rules/cancer.md"`},
		},
		{
			"missing anchor with a suggestion",
			"See [DNA](../glossary.md#dnaa).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "../glossary.md#dnaa": no heading "dnaa" in content/glossary.md (did you mean "dna"?)`},
		},
		{
			"missing anchor on another page lists its headings",
			"See [it](listening.md#tone-of-voice).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "listening.md#tone-of-voice": no heading "tone-of-voice" in content/skills/listening.md (the headings there are "reflecting-back")`},
		},
		{
			"missing page named by a word of its name",
			"See [compassion](compassion.md).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "compassion.md": no page "skills/compassion.md" (did you mean "empathy-and-compassion.md"?)`},
		},
		{
			"a web address without https://",
			"See [the rules](www.gov.uk/rtt) and [NHS England](england.nhs.uk).\n",
			[]string{
				`content/skills/teamwork.md:4:5: link to "www.gov.uk/rtt": this looks like a web address: add https:// at the start, as in https://www.gov.uk/rtt`,
				`content/skills/teamwork.md:4:37: link to "england.nhs.uk": this looks like a web address: add https:// at the start, as in https://england.nhs.uk`,
			},
		},
		{
			"same-page anchor",
			"## Listening\n\nSee [above](#listning).\n",
			[]string{`content/skills/teamwork.md:6:5: link to "#listning": no heading "listning" on this page (did you mean "listening"?)`},
		},
		{
			"image missing",
			"![A map](../img/pathwy.png)\n",
			[]string{`content/skills/teamwork.md:4:1: image "../img/pathwy.png": no file "img/pathwy.png" in the content folder`},
		},
		{
			"outside the content folder",
			"[x](../../x.md)\n",
			[]string{`content/skills/teamwork.md:4:1: link to "../../x.md": it goes outside the content folder`},
		},
		{
			"javascript: is a warning",
			"[click](javascript:alert(1))\n",
			[]string{`content/skills/teamwork.md:4:1: warning: link to "javascript:alert(1)": this kind of link can run code, so it is not published as a link`},
		},
		{
			"external links ignored",
			"[NHS](https://www.nhs.uk/missing) [mail](mailto:ppc@example.nhs.uk) [call](tel:111) [cdn](//example.org/x)\n",
			nil,
		},
		{
			"every broken link reported",
			"[a](a.md) [b](b.md)\n\n[c](c.md)\n",
			[]string{
				`content/skills/teamwork.md:4:11: link to "b.md": no page "skills/b.md"`,
				`content/skills/teamwork.md:4:1: link to "a.md": no page "skills/a.md"`,
				`content/skills/teamwork.md:6:1: link to "c.md": no page "skills/c.md"`,
			},
		},
		{
			"a fragment that differs in case on another page",
			"See [it](listening.md#Reflecting-Back).\n",
			[]string{`content/skills/teamwork.md:4:5: warning: link to "listening.md#Reflecting-Back": the heading's ID is "reflecting-back": write it in lower case, as IDs are`},
		},
		{
			"a fragment that differs in case on this page",
			"## Listening\n\nSee [above](#LISTENING).\n",
			[]string{`content/skills/teamwork.md:6:5: warning: link to "#LISTENING": the heading's ID is "listening": write it as it is, as IDs are case-sensitive`},
		},
		{
			"an ID with capitals cannot be reached from another page",
			"See [it](../glossary.md#Upper).\n",
			[]string{`content/skills/teamwork.md:4:5: link to "../glossary.md#Upper": links from other pages are published in lower case, so they cannot reach an ID with capital letters: write the ID "Upper" in lower case in content/glossary.md, and here`},
		},
		{
			"a link in a heading inside a callout is checked as written",
			"> [!TIP]\n> ### Practise [listening](listening.md)\n",
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, docs := build(t, with(map[string]string{"skills/teamwork.md": "---\ntitle: Teamwork\n---\n" + tt.page}))
			got := messages(Check(tree, docs, nil))
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("Check of a page with %q =\n%q\nwant\n%q", tt.page, got, want)
			}
		})
	}
}

func TestCheckWarning(t *testing.T) {
	tree, docs := build(t, with(map[string]string{"skills/teamwork.md": "[click](JAVASCRIPT:alert(1)) and [x](nope.md)\n"}))
	warnings, errs := content.Warnings(Check(tree, docs, nil))
	if len(warnings) != 1 || len(errs) != 1 {
		t.Fatalf("Warnings(Check) = %q, %q; want one warning and one error", warnings, errs)
	}
	var ce *content.Error
	if !errors.As(warnings[0], &ce) || !ce.Warn || ce.Line != 1 {
		t.Errorf("Check warning = %#v; want a *content.Error with Warn set at line 1", ce)
	}
}

func TestCheckRelations(t *testing.T) {
	tests := []struct {
		name, scenario string
		want           []string
	}{
		{"known skills", "---\ntitle: S\nkind: scenario\nskills: [listening, empathy-and-compassion]\n---\n", nil},
		{
			"unknown skill with a suggestion",
			"---\ntitle: S\nkind: scenario\nskills:\n  - listening\n  - empathy-and-compasion\n---\n",
			[]string{`content/scenarios/anxious-caller.md:6: skills: no skill page "empathy-and-compasion" (did you mean "empathy-and-compassion"?)`},
		},
		{
			"unknown skill with nothing close",
			"---\ntitle: S\nkind: scenario\nskills: [listening, juggling]\n---\n",
			[]string{`content/scenarios/anxious-caller.md:4: skills: no skill page "juggling" (skills are named by their file name in the skills folder, without .md)`},
		},
		{
			"a page that is not a skill",
			"---\ntitle: S\nkind: scenario\nskills:\n  - glossary\n---\n",
			[]string{`content/scenarios/anxious-caller.md:5: skills: no skill page "glossary" (skills are named by their file name in the skills folder, without .md)`},
		},
		{
			"written with .md",
			"---\ntitle: S\nkind: scenario\nskills:\n  - listening.md\n---\n",
			[]string{`content/scenarios/anxious-caller.md:5: skills: no skill page "listening.md" (did you mean "listening"?)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, _ := build(t, with(map[string]string{"scenarios/anxious-caller.md": tt.scenario}))
			if got := messages(CheckRelations(tree)); !slices.Equal(got, tt.want) {
				t.Errorf("CheckRelations with %q =\n%q\nwant\n%q", tt.scenario, got, tt.want)
			}
		})
	}
}

func TestRelative(t *testing.T) {
	tests := []struct{ dir, p, want string }{
		{"", "glossary.md", "glossary.md"},
		{"skills", "skills/listening.md", "listening.md"},
		{"skills", "glossary.md", "../glossary.md"},
		{"scenarios", "skills/listening.md", "../skills/listening.md"},
		{"scenarios/cancer", "scenarios/rtt.md", "../rtt.md"},
	}
	for _, tt := range tests {
		t.Run(tt.dir+" to "+tt.p, func(t *testing.T) {
			if got := relative(tt.dir, tt.p); got != tt.want {
				t.Errorf("relative(%q, %q) = %q; want %q", tt.dir, tt.p, got, tt.want)
			}
		})
	}
}

// TestMemo checks links across a series of edits, as a preview does, and
// compares each result with a fresh check: a page whose own text did not
// change must still gain or lose a broken anchor when the page it links
// into does.
func TestMemo(t *testing.T) {
	tree, docs := build(t, map[string]string{
		"index.md":   "---\ntitle: Home\n---\nSee [the rules](rules.md#clock) and [booking](booking.md).\n",
		"rules.md":   "---\ntitle: Rules\n---\n## Clock\n\nThe clock starts.\n",
		"booking.md": "---\ntitle: Booking\n---\nBook it. [Top](#top)\n",
	})
	replace := func(path, src string) {
		if err := os.WriteFile(filepath.Join("content", path), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		known := content.Known{Pages: slices.SortedFunc(maps.Keys(docs), func(a, b *content.Page) int { return strings.Compare(a.Path, b.Path) })}
		pages, other, err := content.Update("content", known, []string{filepath.Join("content", path)})
		if err != nil {
			t.Fatal(err)
		}
		tree = nav.Build(pages, other)
		md := markdown.New(tree.Resolve)
		kept := map[*content.Page]*markdown.Doc{}
		for _, p := range pages {
			if kept[p] = docs[p]; kept[p] == nil {
				if kept[p], err = md.Convert(p); err != nil {
					t.Fatal(err)
				}
			}
		}
		docs = kept
	}
	memo := NewMemo()
	steps := []struct {
		name string
		edit func()
		want int // broken links
	}{
		{"first check", func() {}, 1},
		{"nothing changed", func() {}, 1},
		{"the heading a link names is renamed", func() { replace("rules.md", "---\ntitle: Rules\n---\n## Timer\n\nThe clock starts.\n") }, 2},
		{"and renamed back", func() { replace("rules.md", "---\ntitle: Rules\n---\n## Clock\n\nThe clock starts.\n") }, 1},
		{"the broken anchor is mended", func() { replace("booking.md", "---\ntitle: Booking\n---\n## Top\n\nBook it. [Top](#top)\n") }, 0},
	}
	for _, step := range steps {
		step.edit()
		got := messages(Check(tree, docs, memo))
		want := messages(Check(tree, docs, nil))
		if !slices.Equal(got, want) || len(got) != step.want {
			t.Errorf("%s: Check with the memo = %q; without = %q; want %d broken", step.name, got, want, step.want)
		}
	}
}

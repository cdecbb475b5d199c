package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/site"
)

// tinySite is the smallest handbook new's pages are added to: a home page
// and one weighted skill.
func tinySite(t *testing.T) site.Sources {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/index.md"), []byte(checkPage("Home", "Welcome.")))
	writeFile(t, filepath.Join(dir, "content/skills/listening.md"), []byte("---\ntitle: Listening\nkind: skill\nweight: 20\n---\nText.\n"))
	return site.Sources{Content: filepath.Join(dir, "content"), Layouts: "../layouts"}
}

// TestNew makes a page of each kind in a tiny handbook with the real
// templates and layouts, and checks that the handbook still builds with
// no warnings and the page has the front matter and sections its kind
// needs.
func TestNew(t *testing.T) {
	tests := []struct {
		kind, title string
		wantPath    string // under content/
		wantKind    content.Kind
		wantWeight  int
		sections    []string
	}{
		{"skill", "Record keeping", "skills/record-keeping.md", content.KindSkill, 30, []string{
			"What it means in this job", "Why it matters", "What good looks like", "Examples from practice",
			"Common mistakes", "How to build this skill", "Self-check", "Where to practise"}},
		{"scenario", "A cancelled clinic", "scenarios/a-cancelled-clinic.md", content.KindScenario, 10, []string{
			"The situation", "Timeline", "Decision points", "The rule applied", "Outcome", "What went well",
			"What could have gone better", "Reflection questions", "Skills exercised"}},
		{"qualification", "Level 3 Business Administrator", "routes/level-3-business-administrator.md", content.KindQualification, 10, []string{
			"Who it suits", "Entry requirements", "How long it takes", "Funding and cost", "What it covers",
			"Skills it builds", "Next steps"}},
		{"route", "Access to HE", "routes/access-to-he.md", content.KindQualification, 10, nil},
		{"page", `Q&A: "what's next?"`, "qa-whats-next.md", content.KindPage, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			src := tinySite(t)
			var stdout, stderr bytes.Buffer
			args := []string{"new", tt.kind, tt.title, "-content", src.Content, "-layouts", src.Layouts, "-today", "2026-11-25"}
			if code := run(args, &stdout, &stderr); code != 0 {
				t.Fatalf("%q = exit %d; want 0\n%s", args, code, stderr.Bytes())
			}
			file := filepath.Join(src.Content, filepath.FromSlash(tt.wantPath))
			if want := "Created " + file + "\n"; !strings.HasPrefix(stdout.String(), want) || !strings.Contains(stdout.String(), programName()+" serve") {
				t.Errorf("%q printed %q; want %q and the command to preview it", args, stdout.Bytes(), want)
			}

			s, err := site.Build(t.Context(), src, site.Options{Site: layout.Site{Title: siteTitle}}, site.Discard{})
			if err != nil {
				t.Fatalf("the handbook does not build after %q:\n%v", args, err)
			}
			// A new page's only warning is for the description still to write.
			for _, w := range s.Warnings {
				if !strings.Contains(w.Error(), "warning: description is empty") {
					t.Errorf("warning: %v", w)
				}
			}
			if len(s.Warnings) != 1 {
				t.Errorf("the new page gave %d warnings; want 1, for its empty description", len(s.Warnings))
			}
			var stdout2, stderr2 bytes.Buffer
			if code := run([]string{"check", "-today", "2026-11-25", "-content", src.Content, "-layouts", src.Layouts}, &stdout2, &stderr2); code != 0 {
				t.Errorf("check after %q = exit %d; want 0 (warnings only):\n%s%s", args, code, stdout2.Bytes(), stderr2.Bytes())
			}

			pages, _, _ := content.Load(src.Content)
			var p *content.Page
			for _, q := range pages {
				if q.File == file {
					p = q
				}
			}
			if p == nil {
				t.Fatalf("%s is not a page of the handbook", file)
			}
			m := p.Meta
			if m.Title != tt.title || m.Kind != tt.wantKind || m.Weight != tt.wantWeight ||
				m.Reviewed.ISO() != "2026-11-25" || m.NextReview.ISO() != "2027-11-25" || m.Lines["sources"] == 0 {
				t.Errorf("%s front matter = title %q, kind %q, weight %d, reviewed %s, next_review %s, sources on line %d; want %q, %q, %d, 2026-11-25, 2027-11-25, a sources: line",
					file, m.Title, m.Kind, m.Weight, m.Reviewed.ISO(), m.NextReview.ISO(), m.Lines["sources"], tt.title, tt.wantKind, tt.wantWeight)
			}
			body := string(p.Body)
			for _, h := range tt.sections {
				if !strings.Contains(body, "\n## "+h+"\n\n*") {
					t.Errorf("%s has no section %q followed by an italic prompt", file, "## "+h)
				}
			}
			if strings.Contains(strings.ToLower(body), "lorem") {
				t.Errorf("%s has placeholder text; want prompts saying what to write", file)
			}
		})
	}
}

func TestNewRefuses(t *testing.T) {
	t.Run("an existing page", func(t *testing.T) {
		src := tinySite(t)
		file := filepath.Join(src.Content, "skills", "listening.md")
		before, _ := os.ReadFile(file)
		var stdout, stderr bytes.Buffer
		code := run([]string{"new", "skill", "Listening", "-content", src.Content, "-layouts", src.Layouts}, &stdout, &stderr)
		after, _ := os.ReadFile(file)
		want := "generator: " + file + " already exists: open it to edit it, or choose another title\n"
		if code != 1 || stderr.String() != want || !bytes.Equal(before, after) {
			t.Errorf("new skill Listening over an existing page = exit %d, %q, file changed: %v; want 1, %q, unchanged",
				code, stderr.Bytes(), !bytes.Equal(before, after), want)
		}
	})
	t.Run("a page differing only in capitals", func(t *testing.T) {
		src := tinySite(t)
		writeFile(t, filepath.Join(src.Content, "skills", "Record-Keeping.md"), []byte("Text.\n"))
		var stdout, stderr bytes.Buffer
		code := run([]string{"new", "skill", "Record keeping", "-content", src.Content, "-layouts", src.Layouts}, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "Record-Keeping.md already exists") {
			t.Errorf("new skill \"Record keeping\" beside Record-Keeping.md = exit %d, %q; want 1 and a message naming it", code, stderr.Bytes())
		}
		if _, err := os.Stat(filepath.Join(src.Content, "skills", "record-keeping.md")); err == nil {
			t.Errorf("new made record-keeping.md beside Record-Keeping.md")
		}
	})
	t.Run("a page whose accent is stored differently", func(t *testing.T) {
		src := tinySite(t)
		nfd := filepath.Join(src.Content, "cafe\u0301.md") // e and a combining accent, as copied from a Mac
		writeFile(t, nfd, []byte("Text.\n"))
		if _, err := os.Stat(filepath.Join(src.Content, "caf\u00e9.md")); err == nil {
			t.Skip("the file system does not tell the two spellings apart")
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"new", "page", "Caf\u00e9", "-content", src.Content, "-layouts", src.Layouts}, &stdout, &stderr)
		if want := nfd + " already exists"; code != 1 || !strings.Contains(stderr.String(), want) {
			t.Errorf("new page Caf\u00e9 beside cafe\u0301.md = exit %d, %q; want 1 and %q", code, stderr.Bytes(), want)
		}
	})
}

func TestNewUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"new"}, 2},
		{[]string{"new", "skill"}, 2},
		{[]string{"new", "widget", "A title"}, 2},
		{[]string{"new", "skill", "!!!"}, 2},
		{[]string{"new", "skill", "A title", "-today", "25/11/2026"}, 2},
		{[]string{"new", "skill", "A title", "-colour", "red"}, 2},
		{[]string{"new", "-h"}, 0},
	}
	for _, tt := range tests {
		src := tinySite(t)
		args := append(tt.args, "-content", src.Content, "-layouts", src.Layouts)
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != tt.want {
			t.Errorf("%q = exit %d; want %d\n%s", args, code, tt.want, stderr.Bytes())
		}
		if entries, _ := os.ReadDir(filepath.Join(src.Content, "skills")); len(entries) != 1 {
			t.Errorf("%q made a file", args)
		}
	}
}

func TestParseWords(t *testing.T) {
	tests := []struct {
		args      []string
		wantWords string
		wantToday string
	}{
		{[]string{"skill", "Record keeping"}, "skill|Record keeping", ""},
		{[]string{"-today", "2026-01-02", "skill", "Record keeping"}, "skill|Record keeping", "2026-01-02"},
		{[]string{"skill", "-today", "2026-01-02", "Record", "keeping"}, "skill|Record|keeping", "2026-01-02"},
		{[]string{"skill", "Record keeping", "-today=2026-01-02"}, "skill|Record keeping", "2026-01-02"},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("new", flag.ContinueOnError)
		today := fs.String("today", "", "")
		words, err := parseWords(fs, tt.args, &bytes.Buffer{})
		if err != nil || strings.Join(words, "|") != tt.wantWords || *today != tt.wantToday {
			t.Errorf("parseWords(%q) = %q, -today %q, %v; want %q, %q, nil", tt.args, words, *today, err, tt.wantWords, tt.wantToday)
		}
	}
}

func TestParseToday(t *testing.T) {
	now := time.Date(2026, 11, 25, 23, 30, 0, 0, time.FixedZone("BST", 3600))
	tests := []struct {
		in, want string
		usage    bool
	}{
		{"", "2026-11-25", false},
		{"2027-01-31", "2027-01-31", false},
		{"31/01/2027", "", true},
	}
	for _, tt := range tests {
		got, err := parseToday(tt.in, now)
		_, isUsage := err.(usageError)
		if isUsage != tt.usage || err == nil && got.Format(time.DateOnly) != tt.want {
			t.Errorf("parseToday(%q) = %v, %v; want %s, usage error %v", tt.in, got, err, tt.want, tt.usage)
		}
	}
}

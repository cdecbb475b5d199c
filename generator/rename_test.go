package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

// TestRename renames much-linked pages of a copy of the real handbook, in
// their folder and into another, and holds the result to a clean build
// and check, with a working redirect at the old address.
func TestRename(t *testing.T) {
	if testing.Short() {
		t.Skip("renames, builds and checks the handbook twice, run by go test ./... (CI's race step is -short)")
	}
	tests := []struct {
		from, to   string
		redirect   string // the old address's page, in public/
		wantHref   string // where its redirect leads
		wantOutput string
	}{
		{"content/skills/communication.md", "skills/talking-with-patients.md",
			"public/skills/communication/index.html", "../../skills/talking-with-patients/index.html",
			"Moved content/skills/communication.md to content/skills/talking-with-patients.md\nRewrote 20 links and 15 skills: names in 20 other files\n"},
		{"rules/rtt.md", "practice/the-18-week-rules.md",
			"public/rules/rtt/index.html", "../../practice/the-18-week-rules/index.html",
			"Moved content/rules/rtt.md to content/practice/the-18-week-rules.md\n"},
	}
	abs, err := filepath.Abs(handbook.Content)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.CopyFS("content", os.DirFS(abs)); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := run([]string{"rename", tt.from, tt.to}, &stdout, &stderr); code != 0 {
				t.Fatalf("rename exited %d:\n%s", code, &stderr)
			}
			if !strings.HasPrefix(stdout.String(), tt.wantOutput) {
				t.Errorf("rename printed:\n%s\nwant it to start:\n%s", &stdout, tt.wantOutput)
			}
			for _, args := range [][]string{{"build"}, {"check", "-today", "2026-12-03", "-strict"}} {
				stdout.Reset()
				stderr.Reset()
				if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() > 0 || strings.Contains(stdout.String(), " 1 warning") {
					t.Errorf("%s after rename: exit %d\n%s%s", args[0], code, &stdout, &stderr)
				}
			}
			b, err := os.ReadFile(tt.redirect)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`content="0; url=` + tt.wantHref + `"`, `rel="canonical" href="` + tt.wantHref + `"`, `<a href="` + tt.wantHref + `">`} {
				if !strings.Contains(string(b), want) {
					t.Errorf("%s does not hold %s:\n%s", tt.redirect, want, b)
				}
			}
			if _, err := os.Stat(filepath.Join("public", filepath.FromSlash(strings.TrimPrefix(tt.wantHref, "../../")))); err != nil {
				t.Errorf("the redirect leads nowhere: %v", err)
			}
		})
	}
}

// TestRenameRefuses: a rename that cannot be done changes nothing.
func TestRenameRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no such page", []string{"rename", "b.md", "c.md"}, 1, "generator: " + filepath.Join("content", "b.md") + ": there is no such page to rename\n"},
		{"new name taken", []string{"rename", "a.md", "s/x.md"}, 1, "generator: content/s/x.md already exists: choose another name, or rename that page first\n"},
		{"a section", []string{"rename", "s/_index.md", "t.md"}, 1, "generator: content/s/_index.md is a section's own page: rename moves one page; to rename a section, rename its folder\n"},
		{"not Markdown", []string{"rename", "a.md", "a.txt"}, 2, "generator: rename: the new name \"a.txt\" should be a .md file inside the content folder, as skills/compassion.md\n"},
		{"another page's old address", []string{"rename", "a.md", "old.md"}, 1, "generator: content/s/x.md keeps old.md as an old address (in its aliases:), with a redirect there: choose another name, or take it out of that page's aliases: first\n"},
		{"one name", []string{"rename", "a.md"}, 2, "generator: rename: give the page's file and its new name, for example: rename skills/empathy.md skills/compassion.md\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "content/a.md", []byte("---\ntitle: A\n---\n[x](s/x.md)\n"))
			writeFile(t, "content/s/_index.md", []byte("---\ntitle: S\n---\n"))
			writeFile(t, "content/s/x.md", []byte("---\ntitle: X\naliases: [old.md]\n---\n[a](../a.md)\n"))
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code || stderr.String() != tt.want {
				t.Errorf("run(%q) = %d, %q; want %d, %q", tt.args, code, &stderr, tt.code, tt.want)
			}
			if b, _ := os.ReadFile("content/a.md"); string(b) != "---\ntitle: A\n---\n[x](s/x.md)\n" {
				t.Errorf("content/a.md changed to %q", b)
			}
		})
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ dir, p, want string }{
		{"", "skills/a.md", "skills/a.md"},
		{"skills", "skills/a.md", "a.md"},
		{"rules", "skills/a.md", "../skills/a.md"},
		{"rules", "skills/", "../skills/"},
		{"a/b", "", "../../"},
	}
	for _, tt := range tests {
		if got := relPath(tt.dir, tt.p); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q; want %q", tt.dir, tt.p, got, tt.want)
		}
	}
}

func TestAddAlias(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no aliases", "---\ntitle: A\n---\nText\n", "---\ntitle: A\naliases: [old.md]\n---\nText\n"},
		{"a flow list", "---\ntitle: A\naliases: [older.md]\n---\nText\n", "---\ntitle: A\naliases: [older.md, old.md]\n---\nText\n"},
		{"a block list", "---\ntitle: A\naliases:\n  - older.md\nweight: 2\n---\n", "---\ntitle: A\naliases:\n  - older.md\n  - old.md\nweight: 2\n---\n"},
		{"no front matter", "Text\n", "---\naliases: [old.md]\n---\nText\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parsePage(t, tt.in)
			if got := string(addAlias([]byte(tt.in), p.Meta, p.Line, "old.md")); got != tt.want {
				t.Errorf("addAlias(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRemoveAlias(t *testing.T) {
	tests := []struct {
		name, in string
		i        int
		want     string
	}{
		{"first of a flow list", "---\ntitle: A\naliases: [a.md, b.md]\n---\n", 0, "---\ntitle: A\naliases: [b.md]\n---\n"},
		{"quoted, last of a flow list", "---\naliases: [a.md, \"b.md\"]\n---\n", 1, "---\naliases: [a.md]\n---\n"},
		{"only one, flow", "---\ntitle: A\naliases: [a.md]\n---\n", 0, "---\ntitle: A\n---\n"},
		{"block list", "---\naliases:\n  - a.md\n  - b.md\ntitle: A\n---\n", 1, "---\naliases:\n  - a.md\ntitle: A\n---\n"},
		{"only one, block", "---\naliases:\n  - a.md\ntitle: A\n---\n", 0, "---\ntitle: A\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parsePage(t, tt.in)
			if got := string(removeAlias([]byte(tt.in), p.Meta, tt.i)); got != tt.want {
				t.Errorf("removeAlias(%q, %d) = %q; want %q", tt.in, tt.i, got, tt.want)
			}
		})
	}
}

// TestRenameBack: renaming a page back to a name it had drops that name
// from its aliases: (a redirect cannot sit where the page is) and keeps
// the one it is leaving, so the build stays clean both ways.
func TestRenameBack(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "content/_index.md", []byte("---\ntitle: Home\n---\n[a](a.md) [b](b.md)\n"))
	writeFile(t, "content/a.md", []byte("---\ntitle: A\n---\n## X\n"))
	writeFile(t, "content/b.md", []byte("---\ntitle: B\n---\n[a](a.md#x)\n"))
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"rename", "a.md", "c.md"}, {"rename", "c.md", "a.md"}, {"build"}} {
		stdout.Reset()
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Fatalf("%q: exit %d\n%s%s", args, code, &stdout, &stderr)
		}
	}
	if b, _ := os.ReadFile("content/a.md"); string(b) != "---\ntitle: A\naliases: [c.md]\n---\n## X\n" {
		t.Errorf("content/a.md after renaming there and back = %q", b)
	}
	if b, _ := os.ReadFile("public/c/index.html"); !strings.Contains(string(b), `url=../a/index.html`) {
		t.Errorf("public/c/index.html does not redirect to a:\n%s", b)
	}
}

func parsePage(t *testing.T, text string) *content.Page {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), []byte(text))
	pages, _, _ := content.Load(dir)
	if len(pages) != 1 {
		t.Fatalf("content.Load of %q gave %d pages", text, len(pages))
	}
	return pages[0]
}

func TestRewriteLinks(t *testing.T) {
	change := func(dest string) (string, bool) {
		if d, ok := strings.CutPrefix(dest, "old.md"); ok {
			return "new.md" + d, true
		}
		return "", false
	}
	tests := []struct{ name, in, want string }{
		{"inline, with anchor and title", "See [a](old.md#x \"T\") and [b](other.md).\n", "See [a](new.md#x \"T\") and [b](other.md).\n"},
		{"two on a line", "[a](old.md) [b](old.md#y)\n", "[a](new.md) [b](new.md#y)\n"},
		{"reference", "[a][r]\n\n[r]: old.md#z\n", "[a][r]\n\n[r]: new.md#z\n"},
		{"angle brackets", "[a](<old.md>)\n", "[a](<new.md>)\n"},
		{"code left alone", "```\n[a](old.md)\n```\n[a](old.md)\n", "```\n[a](old.md)\n```\n[a](new.md)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := rewriteLinks([]byte(tt.in), 1, change)
			if string(got) != tt.want {
				t.Errorf("rewriteLinks(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

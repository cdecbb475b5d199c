package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/check"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/site"
)

// checkToday is the date every check fixture is checked on, so review
// dates in them never go stale.
const checkToday = "2026-11-25"

// TestCheck runs check on each archive in testdata/check, as of
// checkToday, and compares want/stdout and want/exit (and want/stderr, if
// the archive has one or check printed any). An optional "args" file adds
// flags. -update rewrites the want/ files.
func TestCheck(t *testing.T) {
	forEachArchive(t, "testdata/check", func(t *testing.T, g *golden) {
		args := append([]string{"check", "-today", checkToday}, g.args...)
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		got := map[string][]byte{
			"exit":   []byte(strconv.Itoa(code) + "\n"),
			"stdout": stdout.Bytes(),
			"stderr": stderr.Bytes(),
		}
		if _, err := os.Stat("public"); err == nil {
			t.Errorf("check wrote public/; it must write nothing")
		}
		g.compare(t, got, strings.Join(args, " "))
	})
}

// TestCheckJSON checks that -format json is a JSON array with the six
// keys, in the same order as the text report, and empty ([]) for a clean
// handbook.
func TestCheckJSON(t *testing.T) {
	t.Run("problems", func(t *testing.T) {
		dir := t.TempDir()
		writeCheckSite(t, dir, map[string]string{
			"content/index.md": checkPage("Home", "See [the guide](guide.md)."),
			"content/guide.md": checkPage("Guide", "![](map.png)\n\n#### Too deep\n"),
			"content/map.png":  "PNG",
		})
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", "-today", checkToday, "-format", "json", "-content", dir + "/content", "-layouts", dir + "/layouts"}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("check -format json = exit %d; want 0 (warnings only)\nstderr: %s", code, stderr.Bytes())
		}
		var got []map[string]any
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatalf("check -format json printed %q: not a JSON array: %v", stdout.Bytes(), err)
		}
		file := filepath.Join(dir, "content", "guide.md")
		want := []map[string]any{
			{"file": file, "line": 9.0, "col": 1.0, "severity": "warning",
				"message": `image "map.png" has no alt text, so screen reader users cannot tell what it shows: say what it shows between the square brackets`,
				"hint":    "say what the picture shows between the square brackets: ![What it shows](map.png)"},
			{"file": file, "line": 11.0, "col": 0.0, "severity": "warning",
				"message": `heading "Too deep" is level 4 (####), but the first heading of a page should be level 2 (##): the page title is level 1`,
				"hint":    "write it as ## Too deep, or add the level 2 heading it belongs under"},
		}
		if len(got) != len(want) {
			t.Fatalf("check -format json gave %d findings; want %d:\n%s", len(got), len(want), stdout.Bytes())
		}
		for i := range want {
			for k, v := range want[i] {
				if got[i][k] != v {
					t.Errorf("finding %d: %s = %#v; want %#v", i, k, got[i][k], v)
				}
			}
			if len(got[i]) != 6 {
				t.Errorf("finding %d has keys %v; want file, line, col, severity, message, hint", i, got[i])
			}
		}
	})
	t.Run("clean", func(t *testing.T) {
		dir := t.TempDir()
		writeCheckSite(t, dir, map[string]string{"content/index.md": checkPage("Home", "Welcome.")})
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", "-today", checkToday, "-format", "json", "-content", dir + "/content", "-layouts", dir + "/layouts"}, &stdout, &stderr)
		if code != 0 || strings.TrimSpace(stdout.String()) != "[]" {
			t.Errorf("check -format json on a clean site = exit %d, %q; want 0, \"[]\"\nstderr: %s", code, stdout.Bytes(), stderr.Bytes())
		}
	})
}

// TestCheckStrict checks the exit status with and without -strict: warnings
// alone pass unless -strict, errors always fail.
func TestCheckStrict(t *testing.T) {
	tests := []struct {
		name   string
		body   string // of the one page besides home
		strict bool
		want   int
	}{
		{"warning", "![](x.png)", false, 0},
		{"warning strict", "![](x.png)", true, 1},
		{"clean strict", "Plain text.", true, 0},
		{"error", "[broken](nowhere.md)", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeCheckSite(t, dir, map[string]string{
				"content/index.md": checkPage("Home", "See [the guide](guide.md)."),
				"content/guide.md": checkPage("Guide", tt.body),
				"content/x.png":    "PNG",
			})
			args := []string{"check", "-today", checkToday, "-content", dir + "/content", "-layouts", dir + "/layouts"}
			if tt.strict {
				args = append(args, "-strict")
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != tt.want {
				t.Errorf("%s = exit %d; want %d\n%s%s", strings.Join(args, " "), code, tt.want, stdout.Bytes(), stderr.Bytes())
			}
		})
	}
}

// TestFindingsSorted checks the report is in file, line, column order
// whatever order the problems were found in.
func TestFindingsSorted(t *testing.T) {
	dir := t.TempDir()
	writeCheckSite(t, dir, map[string]string{
		"content/index.md": checkPage("Home", "[b](b.md) [a](a.md) [](a.md)"),
		"content/a.md":     checkPage("Same", "![](x.png)"),
		"content/b.md":     checkPage("Same", "[x](nowhere.md)"),
		"content/x.png":    "PNG",
	})
	src := site.Sources{Content: dir + "/content", Layouts: dir + "/layouts"}
	findings, err := site.Check(t.Context(), src, site.Options{Site: layout.Site{Title: siteTitle}}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(findings); i++ {
		a, b := findings[i-1], findings[i]
		if a.File > b.File || a.File == b.File && (a.Line > b.Line || a.Line == b.Line && a.Col > b.Col) {
			t.Errorf("findings %d and %d out of order: %v, then %v", i-1, i, a, b)
		}
	}
	if e, w := check.Count(findings); e != 1 || w != 4 {
		t.Errorf("examine found %d errors, %d warnings; want 1 (the broken link) and 4 (alt text, empty link, two same titles):\n%v", e, w, findings)
	}
}

// checkPage is a page with complete front matter reviewed on checkToday, so
// that a test sees only the problem it is about.
func checkPage(title, body string) string {
	return "---\ntitle: " + title + "\nreviewed: 2026-11-25\nnext_review: 2027-11-25\nsources:\n  - title: A source\n---\n\n" + body + "\n"
}

// writeCheckSite writes files under dir, with the minimal layouts.
func writeCheckSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
}

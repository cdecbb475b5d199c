package site

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// laidOut is a sink that notes the pages handed over with new HTML, as
// opposed to nil for "unchanged since the last rebuild".
type laidOut struct {
	mu    sync.Mutex
	pages []string
}

func (l *laidOut) Put(name string, data []byte) error {
	if data != nil && strings.HasSuffix(name, "index.html") {
		l.mu.Lock()
		l.pages = append(l.pages, name)
		l.mu.Unlock()
	}
	return nil
}

// TestPreviewLaysOutOnlyWhatChanged rebuilds a site as serve does after a
// one-page edit, and checks that only the edited page is laid out again.
// The generated pages are made afresh on every rebuild, yet the progress
// page, which lists every page, must not be laid out again when no title
// or self-check changed: on a 10,000-page site it is 2.5 MB of HTML. The
// whole-handbook page, made only for sites of up to printLimit pages, is
// laid out on every rebuild: it holds every page.
func TestPreviewLaysOutOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	pages := map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"content/a.md":     "---\ntitle: A\n---\nFirst text.\n",
		"content/b.md":     "---\ntitle: B\n---\nOther text.\n",
	}
	for name, text := range pages {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	src := Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	memo := NewMemo()
	built, err := Build(t.Context(), src, Options{Site: oneShot.Site, Memo: memo}, Discard{})
	if err != nil {
		t.Fatal(err)
	}
	memo.Settle(built)

	edited := filepath.Join(dir, "content/a.md")
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"body edit", "---\ntitle: A\n---\nSecond text.\n", []string{"a/index.html", "whole-handbook/index.html"}},
		{"same bytes again", "---\ntitle: A\n---\nSecond text.\n", []string{"whole-handbook/index.html"}},
		{"title edit", "---\ntitle: A new title\n---\nSecond text.\n",
			[]string{"a/index.html", "b/index.html", "index.html", "progress/index.html", "whole-handbook/index.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, edited, []byte(tt.text))
			memo.Changed(edited)
			var got laidOut
			built, err := Build(t.Context(), src, Options{Site: oneShot.Site, Memo: memo}, &got)
			if err != nil {
				t.Fatal(err)
			}
			memo.Settle(built)
			slices.Sort(got.pages)
			if !slices.Equal(got.pages, tt.want) {
				t.Errorf("pages laid out again: %q; want %q", got.pages, tt.want)
			}
		})
	}
}

// TestPreviewLoadsLayoutsOnce checks that a preview loads the layouts
// again only once told they changed, and that layouts with a mistake are
// loaded (and the mistake reported) on every rebuild until it is fixed.
func TestPreviewLoadsLayoutsOnce(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	writeFile(t, filepath.Join(dir, "content/index.md"), []byte("---\ntitle: Home\n---\nWelcome.\n"))
	writeFile(t, filepath.Join(dir, "content/a.md"), []byte("---\ntitle: A\n---\nText.\n"))
	src := Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	memo := NewMemo()
	build := func() (*Memory, error) {
		out := NewMemory()
		built, err := Build(t.Context(), src, Options{Site: oneShot.Site, Memo: memo}, out)
		if err == nil {
			memo.Settle(built)
		}
		return out, err
	}
	if _, err := build(); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "layouts/page.html")
	for _, tt := range []struct {
		name, template string
		changed        bool   // LayoutsChanged is called, as serve does for a file in the layouts folder
		fails          bool   // the build reports the mistake
		want           string // in a/index.html, when laid out
	}{
		{"edited, not yet told", `{{define "main"}}<h1 class="new">{{.Title}}</h1>{{end}}`, false, false, ""},
		{"told", `{{define "main"}}<h1 class="new">{{.Title}}</h1>{{end}}`, true, false, `<h1 class="new">A</h1>`},
		{"a mistake", `{{define "main"}}<h1>{{.Title}</h1>{{end}}`, true, true, ""},
		{"the mistake again", `{{define "main"}}<h1>{{.Title}</h1>{{end}}`, false, true, ""},
		{"fixed", `{{define "main"}}<h2>{{.Title}}</h2>{{end}}`, true, false, `<h2>A</h2>`},
	} {
		writeFile(t, page, []byte(tt.template))
		if tt.changed {
			memo.Changed(page)
			memo.LayoutsChanged()
		}
		out, err := build()
		if (err != nil) != tt.fails {
			t.Fatalf("%s: build error %v; want one: %v", tt.name, err, tt.fails)
		}
		if err != nil {
			continue
		}
		got, laidOut := out.Files()["a/index.html"]
		switch {
		case tt.want == "" && laidOut && got != nil:
			t.Errorf("%s: a/index.html laid out again: %q", tt.name, got)
		case tt.want != "" && !strings.Contains(string(got), tt.want):
			t.Errorf("%s: a/index.html = %q; want %q in it", tt.name, got, tt.want)
		}
	}
}

// kept is a preview's output folder in memory: nil data keeps the file as
// the build before made it, and a file not put is gone.
type kept struct {
	mu        sync.Mutex
	prev, now map[string][]byte
}

func (k *kept) Put(name string, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if data == nil {
		data = k.prev[name]
	}
	k.now[name] = bytes.Clone(data)
	return nil
}

// TestPreviewAfterEditsMatchesBuild edits a copy of the handbook as an
// educator would, rebuilding with one Memo after each edit as serve does,
// and checks that what the preview then holds is, file for file and byte
// for byte, what a one-shot build of the same sources makes: whatever
// the memo reuses (timelines, layouts, the whole-handbook page's
// sections, the progress page's counts, the search index's files, the
// pages and renderings compared place by place) is what would be made
// again. An edit that breaks the site must fail the preview with the
// build's problems, and leave the preview as it was.
func TestPreviewAfterEditsMatchesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("a dozen edits, each with a preview and a full build, run by go test ./... (CI's race step is -short)")
	}
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS(handbook.Content)); err != nil {
		t.Fatal(err)
	}
	src := Sources{Content: content, Layouts: handbook.Layouts}
	file := func(name string) string { return filepath.Join(content, filepath.FromSlash(name)) }
	// replace changes old to new in a page, once.
	replace := func(name, old, new string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			b, err := os.ReadFile(file(name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s has no %q", name, old)
			}
			writeFile(t, file(name), bytes.Replace(b, []byte(old), []byte(new), 1))
			return []string{file(name)}
		}
	}
	const scenario = "scenarios/anxious-caller.md"
	newPage := "---\ntitle: A new page\nkind: page\n---\nSee [the situation](../scenarios/anxious-caller.md#the-situation).\n"
	memo := NewMemo()
	out := &kept{now: map[string][]byte{}}
	for _, tt := range []struct {
		name  string
		edit  func(t *testing.T) []string // the files changed
		fails bool                        // the build reports a problem
	}{
		{"first build", func(*testing.T) []string { return nil }, false},
		{"body edit", replace(scenario, "\n## ", "\nA new line of text.\n\n## "), false},
		{"another body edit", replace(scenario, "A new line of text.", "A changed line of text."), false},
		{"a heading added", replace(scenario, "A changed line of text.", "## A new heading\n\nA changed line of text."), false},
		{"an event's date", replace(scenario, "date: 2026-09-14", "date: 2026-09-15"), false},
		{"a title", replace(scenario, `title: "An anxious caller`, `title: "A worried caller`), false},
		{"the date back", replace(scenario, "date: 2026-09-15", "date: 2026-09-14"), false},
		{"a page's place", replace(scenario, "weight: 90", "weight: 1"), false},
		{"a new page", func(t *testing.T) []string {
			writeFile(t, file("practice/new-page.md"), []byte(newPage))
			return []string{file("practice/new-page.md")}
		}, false},
		{"a body edit after the new page", replace("practice/new-page.md", "See ", "Now see "), false},
		{"the new page deleted", func(t *testing.T) []string {
			if err := os.Remove(file("practice/new-page.md")); err != nil {
				t.Fatal(err)
			}
			return []string{file("practice/new-page.md")}
		}, false},
		{"a heading other pages link to renamed", replace("rules/rtt.md", "## The right and the standard", "## The right to 18 weeks"), true},
		{"another page edited while broken", replace(scenario, "A changed line", "A line"), true},
		{"the heading back", replace("rules/rtt.md", "## The right to 18 weeks", "## The right and the standard"), false},
		{"a glossary definition", replace("glossary.md", "A confidential advice service", "A free, confidential advice service"), false},
		{"a glossary term added", replace("glossary.md", "\nPAS (patient administration system)\n",
			"\nPALS office\n: Where PALS staff meet the public.\n\nPAS (patient administration system)\n"), false},
	} {
		memo.Changed(tt.edit(t)...)
		prev := out.now
		out.prev, out.now = out.now, map[string][]byte{}
		built, err := Build(t.Context(), src, Options{Site: oneShot.Site, Memo: memo}, out)
		want := NewMemory()
		_, wantErr := Build(t.Context(), src, oneShot, want)
		if (wantErr != nil) != tt.fails {
			t.Fatalf("%s: a build returned %v; want a problem: %v", tt.name, wantErr, tt.fails)
		}
		if tt.fails {
			if err == nil || err.Error() != wantErr.Error() {
				t.Errorf("%s: the preview returned\n%v\nwant the build's\n%v", tt.name, err, wantErr)
			}
			out.now = prev // a failed rebuild changes nothing on disk
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		memo.Settle(built)
		if got, want := slices.Sorted(maps.Keys(out.now)), slices.Sorted(maps.Keys(want.files)); !slices.Equal(got, want) {
			t.Fatalf("%s: the preview holds %d files, a build makes %d", tt.name, len(got), len(want))
		}
		for name, b := range want.files {
			if !bytes.Equal(out.now[name], b) {
				t.Errorf("%s: %s differs between the preview and a build:\n%s", tt.name, name, firstDiff(b, out.now[name]))
			}
		}
	}
}

// TestPreviewForgetsOldVersions saves one page many times, as an educator
// does in a long session, and checks that the memo does not keep a Doc
// for every version: at most two per page.
func TestPreviewForgetsOldVersions(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	writeFile(t, filepath.Join(dir, "content/index.md"), []byte("---\ntitle: Home\n---\nWelcome.\n"))
	writeFile(t, filepath.Join(dir, "content/b.md"), []byte("---\ntitle: B\n---\nOther text.\n"))
	edited := filepath.Join(dir, "content/a.md")
	src := Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	memo := NewMemo()
	most := 0
	for i := range 40 {
		writeFile(t, edited, fmt.Appendf(nil, "---\ntitle: A\n---\nVersion %d.\n", i))
		memo.Changed(edited)
		out := NewMemory()
		built, err := Build(t.Context(), src, Options{Site: oneShot.Site, Memo: memo}, out)
		if err != nil {
			t.Fatal(err)
		}
		memo.Settle(built)
		if got := string(out.Files()["a/index.html"]); !strings.Contains(got, fmt.Sprintf("Version %d.", i)) {
			t.Fatalf("save %d: a/index.html does not show it:\n%s", i, got)
		}
		most = max(most, memo.Converted())
	}
	// Five pages: the three written, the progress page and the
	// whole-handbook page.
	if pages := 5; most > 2*pages {
		t.Errorf("the memo held up to %d Docs for %d pages after 40 saves of one; want at most %d", most, pages, 2*pages)
	}
}

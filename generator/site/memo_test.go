package site

import (
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

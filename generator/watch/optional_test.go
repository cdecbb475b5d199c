package watch

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRunOptional: a folder that is optional may be missing when Run
// starts, and its files are reported once it is made; one that is not
// optional must be there.
func TestRunOptional(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			f := tree{t: t, dir: dir}
			f.mkdirAll("content")
			content, layouts := f.path("content"), f.path("layouts")
			o := m.opts
			o.Optional = []string{layouts}
			changes := start(t, o, []string{content, layouts})
			f.mkdirAll("layouts/assets")
			f.write("layouts/assets/style.css", "body{}")
			var got []string
			for !slices.Contains(got, filepath.Join(layouts, "assets", "style.css")) {
				got = append(got, next(t, changes, "make layouts/").Paths...)
			}
			f.write("content/a.md", "A")
			if c := next(t, changes, "edit content/a.md"); !slices.Equal(c.Paths, []string{filepath.Join(content, "a.md")}) {
				t.Errorf("after the optional folder appeared, an edit in content gave %q", c.Paths)
			}
		})
	}
	t.Run("not optional", func(t *testing.T) {
		dir := t.TempDir()
		err := Options{}.Run(t.Context(), []string{filepath.Join(dir, "layouts")}, quiet, func(Change) {})
		if err == nil || !strings.Contains(err.Error(), "there is no such folder") {
			t.Errorf("Run on a missing folder = %v; want it to say there is no such folder", err)
		}
	})
}

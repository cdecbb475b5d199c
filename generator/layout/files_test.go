package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFilesOverride: a file in the layouts folder replaces the built-in
// file of the same name, and only that one.
func TestFilesOverride(t *testing.T) {
	defaults := fstest.MapFS{
		"base.html":          {Data: []byte(`{{block "main" .}}{{end}}`)},
		"page.html":          {Data: []byte(`{{define "main"}}built-in page{{end}}`)},
		"partials/note.html": {Data: []byte(`{{define "note"}}built-in note{{end}}`)},
		"assets/a.txt":       {Data: []byte("built-in a")},
		"assets/b.txt":       {Data: []byte("built-in b")},
		"new/skill.md":       {Data: []byte("built-in starter")},
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"page.html":    `{{define "main"}}own page {{template "note"}}{{end}}`,
		"assets/b.txt": "own b",
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		files   Files
		want    map[string]string // file → contents ReadFile gives
		shownAs map[string]string // file → name ReadFile gives it
		assets  map[string]string
	}{
		{
			name:    "built-in alone",
			files:   Files{Dir: filepath.Join(dir, "missing"), Defaults: defaults},
			want:    map[string]string{"page.html": "{{define \"main\"}}built-in page{{end}}", "new/skill.md": "built-in starter"},
			shownAs: map[string]string{"page.html": "(built in) layouts/page.html"},
			assets:  map[string]string{"assets/a.txt": "built-in a", "assets/b.txt": "built-in b"},
		},
		{
			name:    "own files first",
			files:   Files{Dir: dir, Defaults: defaults},
			want:    map[string]string{"page.html": `{{define "main"}}own page {{template "note"}}{{end}}`, "new/skill.md": "built-in starter"},
			shownAs: map[string]string{"page.html": filepath.Join(dir, "page.html"), "base.html": "(built in) layouts/base.html"},
			assets:  map[string]string{"assets/a.txt": "built-in a", "assets/b.txt": "own b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, want := range tt.want {
				if _, b, err := tt.files.ReadFile(name); err != nil || string(b) != want {
					t.Errorf("ReadFile(%q) = %q, %v; want %q, nil", name, b, err, want)
				}
			}
			for name, want := range tt.shownAs {
				if shown, _, _ := tt.files.ReadFile(name); shown != want {
					t.Errorf("ReadFile(%q) names the file %q; want %q", name, shown, want)
				}
			}
			s, err := Load(tt.files)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(s.Assets) != len(tt.assets) {
				t.Errorf("Load gave assets %v; want %v", s.Assets, tt.assets)
			}
			for name, want := range tt.assets {
				if got := strings.TrimSpace(string(s.Assets[name])); got != want {
					t.Errorf("asset %s = %q; want %q", name, got, want)
				}
			}
		})
	}
}

package editor

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSaves saves a page with each pattern and checks that the
// page then holds the new text and that nothing else is left in its
// folder: a pattern that left a backup or temporary file behind would
// time something no editor does.
func TestSaves(t *testing.T) {
	for _, p := range Saves {
		t.Run(p.Name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "page.md")
			if err := os.WriteFile(page, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := p.Save(page, []byte("new\n")); err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			if b, err := os.ReadFile(page); err != nil || string(b) != "new\n" {
				t.Errorf("%s: page.md = %q, %v; want %q", p.Name, b, err, "new\n")
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"page.md"}) {
				t.Errorf("%s: the folder holds %q; want only page.md", p.Name, names)
			}
		})
	}
}

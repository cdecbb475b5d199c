package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteAllOrNothing stops the write at many points and checks that
// the output folder still holds the old complete site, and that nothing
// beside it was touched.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	trap := filepath.Join(dir, "trap.txt")
	writeFile(t, trap, []byte("keep me"))
	oldSite := smallSite("old", 40)
	if err := Write(out, oldSite); err != nil {
		t.Fatal(err)
	}
	newSite := smallSite("new", 40)
	stop := errors.New("stopped")
	for n := 0; n < len(newSite); n += 7 {
		err := WriteEach(out, newSite, func(i int) error {
			if i == n {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) {
			t.Fatalf("WriteEach stopped at file %d: err = %v; want the stop", n, err)
		}
		if got := siteVersion(t, out, len(oldSite)); got != "old" {
			t.Fatalf("after stopping at file %d, public holds %q; want the old site", n, got)
		}
	}
	if err := Write(out, newSite); err != nil {
		t.Fatal(err)
	}
	if got := siteVersion(t, out, len(newSite)); got != "new" {
		t.Fatalf("after a full write public holds %q; want the new site", got)
	}
	if b, err := os.ReadFile(trap); err != nil || string(b) != "keep me" {
		t.Errorf("the file beside public changed: %q, %v", b, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder beside public holds %v; want only public and trap.txt", names)
	}
}

// smallSite is a site whose every file names its version.
func smallSite(version string, n int) map[string][]byte {
	files := map[string][]byte{}
	for i := range n {
		files[fmt.Sprintf("p%02d/index.html", i)] = []byte(version)
	}
	return files
}

// siteVersion returns the version every file of out names, or a
// description of the mixture found.
func siteVersion(t *testing.T, out string, n int) string {
	t.Helper()
	seen := map[string]int{}
	for i := range n {
		b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("p%02d", i), "index.html"))
		if err != nil {
			return "missing files"
		}
		seen[string(b)]++
	}
	if len(seen) != 1 {
		return fmt.Sprintf("mixed %v", seen)
	}
	for v := range seen {
		return v
	}
	return ""
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

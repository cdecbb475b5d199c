package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReplaceContentsUndoes fails replaceContents at every step in turn
// and checks that the output folder is left holding the old site whole,
// and the staging folder the new one.
func TestReplaceContentsUndoes(t *testing.T) {
	oldSite := map[string][]byte{"index.html": []byte("old"), "a/index.html": []byte("old"), "gone/index.html": []byte("old")}
	newSite := map[string][]byte{"index.html": []byte("new"), "a/index.html": []byte("new"), "added/index.html": []byte("new")}
	keep := func(name string) bool { return name == ".lock" }
	for n := 0; ; n++ {
		dir := t.TempDir()
		out, tmp := filepath.Join(dir, "out"), filepath.Join(dir, "out", ".new")
		for name, b := range oldSite {
			writeFile(t, filepath.Join(out, name), b)
		}
		writeFile(t, filepath.Join(out, ".lock"), nil)
		for name, b := range newSite {
			writeFile(t, filepath.Join(tmp, name), b)
		}
		calls := 0
		stop := errors.New("stopped")
		failing := func(f func(a, b string) error) func(a, b string) error {
			return func(a, b string) error {
				calls++
				if calls == n+1 {
					return stop
				}
				return f(a, b)
			}
		}
		err := replaceContents(tmp, out, func(name string) bool { return name == ".new" || keep(name) },
			mover{exchange: failing(exchange), rename: failing(os.Rename)})
		if err == nil {
			if n < 4 {
				t.Fatalf("replaceContents took %d steps; want 4 (two exchanges, one move in, one move out)", n)
			}
			checkTree(t, out, newSite, ".lock", ".new")
			checkTree(t, tmp, oldSite)
			return
		}
		if !errors.Is(err, stop) {
			t.Fatalf("replaceContents failing at step %d = %v; want the failure", n, err)
		}
		checkTree(t, out, oldSite, ".lock", ".new")
		checkTree(t, tmp, newSite)
	}
}

// checkTree checks that dir holds exactly files, besides the top-level
// entries named in others.
func checkTree(t *testing.T, dir string, files map[string][]byte, others ...string) {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err != nil || slices.Contains(others, rel) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	want := map[string]string{}
	for name, b := range files {
		want[name] = string(b)
	}
	if len(got) != len(want) {
		t.Errorf("%s holds %v; want %v", dir, got, want)
		return
	}
	for name, b := range want {
		if got[name] != b {
			t.Errorf("%s holds %v; want %v", dir, got, want)
			return
		}
	}
}

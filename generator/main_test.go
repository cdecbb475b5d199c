package main

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/sites")

// minimalLayouts is used by sites that bring no layouts/ of their own, so
// their golden output is the converted content and little else.
var minimalLayouts = map[string]string{
	"layouts/base.html": `{{block "main" .}}{{end}}`,
	"layouts/page.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}{{end}}`,
}

// TestSites builds each archive in testdata/sites and compares the result
// with its want/ files: want/exit and want/stderr always, and want/public/X
// for output files worth pinning. An optional "args" file adds flags.
func TestSites(t *testing.T) {
	forEachArchive(t, "testdata/sites", func(t *testing.T, g *golden) {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"build"}, g.args...), &stdout, &stderr)
		got := map[string][]byte{
			"exit":   []byte(strconv.Itoa(code) + "\n"),
			"stderr": stderr.Bytes(),
		}
		for name := range g.want {
			if strings.HasPrefix(name, "public/") {
				b, err := os.ReadFile(filepath.FromSlash(name))
				if err != nil {
					b = []byte("(missing)\n")
				}
				got[name] = b
			}
		}
		g.compare(t, got, "build")
	})
}

// golden is one archive of a golden test, unpacked into a temp folder that
// is the working folder while the test runs.
type golden struct {
	file string // the archive, absolute
	ar   *txtar.Archive
	want map[string][]byte // the want/ files, by name below want/
	args []string          // from the archive's "args" file
}

// forEachArchive unpacks each .txtar in dir into a temp folder, adding the
// minimal layouts when the archive has none, and runs fn there as a subtest.
func forEachArchive(t *testing.T, dir string, fn func(*testing.T, *golden)) {
	archives, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if len(archives) == 0 {
		t.Fatalf("no archives in %s", dir)
	}
	for _, file := range archives {
		file, _ = filepath.Abs(file) // the test changes into the site's folder
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			g := &golden{file: file, ar: ar, want: map[string][]byte{}}
			site := t.TempDir()
			hasLayouts := false
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "want/"):
					g.want[strings.TrimPrefix(f.Name, "want/")] = f.Data
					continue
				case f.Name == "args":
					g.args = strings.Fields(string(f.Data))
					continue
				case strings.HasPrefix(f.Name, "layouts/"):
					hasLayouts = true
				}
				writeFile(t, filepath.Join(site, f.Name), f.Data)
			}
			if !hasLayouts {
				for name, text := range minimalLayouts {
					writeFile(t, filepath.Join(site, name), []byte(text))
				}
			}
			t.Chdir(site)
			fn(t, g)
		})
	}
}

// compare checks got against the want/ files, or with -update rewrites them.
// An empty stderr needs no want/stderr.
func (g *golden) compare(t *testing.T, got map[string][]byte, what string) {
	t.Helper()
	if *update {
		g.rewrite(t, got)
		return
	}
	names := slices.Sorted(maps.Keys(got))
	for _, name := range names {
		w, ok := g.want[name]
		if !ok {
			if name == "stderr" && len(got[name]) == 0 {
				continue
			}
			t.Errorf("%s gave %s but the archive has no want/%s:\n%s", what, name, name, got[name])
			continue
		}
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: want/%s differs.\n--- got ---\n%s\n--- want ---\n%s", what, name, got[name], w)
		}
	}
}

// rewrite replaces the archive's want/ section with got, keeping its
// sources and the order of its want/ files.
func (g *golden) rewrite(t *testing.T, got map[string][]byte) {
	t.Helper()
	var files []txtar.File
	for _, f := range g.ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			files = append(files, f)
		}
	}
	names := []string{"exit", "stdout", "stderr"}
	for _, f := range g.ar.Files {
		if n := strings.TrimPrefix(f.Name, "want/"); !slices.Contains(names, n) && strings.HasPrefix(f.Name, "want/") {
			names = append(names, n)
		}
	}
	for _, n := range names {
		b, ok := got[n]
		if !ok || n == "stderr" && len(b) == 0 {
			continue
		}
		files = append(files, txtar.File{Name: "want/" + n, Data: b})
	}
	g.ar.Files = files
	if err := os.WriteFile(g.file, txtar.Format(g.ar), 0o644); err != nil {
		t.Fatal(err)
	}
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

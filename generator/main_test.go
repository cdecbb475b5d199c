package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no sites in testdata/sites")
	}
	for _, file := range archives {
		file, _ = filepath.Abs(file) // the test changes into the site's folder
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := map[string][]byte{}
			hasLayouts := false
			var args []string
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "want/"):
					want[strings.TrimPrefix(f.Name, "want/")] = f.Data
					continue
				case f.Name == "args":
					args = strings.Fields(string(f.Data))
					continue
				case strings.HasPrefix(f.Name, "layouts/"):
					hasLayouts = true
				}
				writeFile(t, filepath.Join(dir, f.Name), f.Data)
			}
			if !hasLayouts {
				for name, text := range minimalLayouts {
					writeFile(t, filepath.Join(dir, name), []byte(text))
				}
			}
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"build"}, args...), &stdout, &stderr)
			got := map[string][]byte{
				"exit":   []byte(strconv.Itoa(code) + "\n"),
				"stderr": stderr.Bytes(),
			}
			for name := range want {
				if strings.HasPrefix(name, "public/") {
					b, err := os.ReadFile(filepath.FromSlash(name))
					if err != nil {
						b = []byte("(missing)\n")
					}
					got[name] = b
				}
			}
			if *update {
				updateArchive(t, file, ar, got)
				return
			}
			for name, g := range got {
				w, ok := want[name]
				if !ok {
					if name == "stderr" && len(g) == 0 {
						continue
					}
					t.Errorf("build gave %s but the archive has no want/%s:\n%s", name, name, g)
					continue
				}
				if !bytes.Equal(g, w) {
					t.Errorf("want/%s differs.\n--- got ---\n%s\n--- want ---\n%s", name, g, w)
				}
			}
		})
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

// updateArchive rewrites file's want/ section from got, keeping the sources.
func updateArchive(t *testing.T, file string, ar *txtar.Archive, got map[string][]byte) {
	t.Helper()
	var files []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			files = append(files, f)
		}
	}
	names := []string{"exit", "stderr"}
	for _, f := range ar.Files {
		n := strings.TrimPrefix(f.Name, "want/")
		if strings.HasPrefix(n, "public/") {
			names = append(names, n)
		}
	}
	for _, n := range names {
		if n == "stderr" && len(got[n]) == 0 {
			continue
		}
		files = append(files, txtar.File{Name: "want/" + n, Data: got[n]})
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

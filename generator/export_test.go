package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"ppchandbook/generator/scorm"
)

// TestExportReproducible exports the real handbook twice and expects the
// same bytes, and a package that passes the SCORM 1.2 packaging checks.
func TestExportReproducible(t *testing.T) {
	t.Parallel() // two exports into a folder of its own
	if testing.Short() {
		t.Skip("two exports of the handbook, run by go test ./... (CI's race step is -short)")
	}
	dir := t.TempDir()
	var zips [2][]byte
	for i := range zips {
		file := filepath.Join(dir, "handbook"+string(rune('a'+i))+".zip")
		var stdout, stderr bytes.Buffer
		args := []string{"export", "scorm", "-content", handbook.Content, "-layouts", handbook.Layouts, "-mastery", "80", file}
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("run(%q) = %d\n%s", args, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "a SCORM 1.2 package of") {
			t.Errorf("stdout %q; want a note of what was written", stdout.String())
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		zips[i] = b
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Fatal("two exports of the same handbook differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(zips[0]), int64(len(zips[0])))
	if err != nil {
		t.Fatal(err)
	}
	if err := scorm.Check(zr); err != nil {
		t.Error(err)
	}
	t.Logf("package: %d bytes, %d files", len(zips[0]), len(zr.File))
}

func TestExportUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "export scorm [flags] FILE.zip"},
		{[]string{"export", "xapi", "a.zip"}, "export scorm [flags] FILE.zip"},
		{[]string{"export", "scorm"}, "give one file to write, ending in .zip"},
		{[]string{"export", "scorm", "handbook"}, "ending in .zip"},
		{[]string{"export", "scorm", "a.zip", "-mastery", "80"}, "after the flags"},
		{[]string{"export", "scorm", "-mastery", "high", "a.zip"}, "invalid value"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, %q; want 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
	t.Run("bad options", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "a.zip")
		var stdout, stderr bytes.Buffer
		args := []string{"export", "scorm", "-content", handbook.Content, "-layouts", handbook.Layouts, "-identifier", "my handbook", file}
		code := run(args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), `identifier "my handbook"`) {
			t.Errorf("run(%q) = %d, %q; want 2 and the identifier named", args, code, stderr.String())
		}
		if _, err := os.Stat(file); err == nil {
			t.Error("a package was written despite the error")
		}
	})
}

// exportFixture builds testdata/scorm/handbook.txtar with the real layouts
// and returns its package, as name → bytes.
func exportFixture(t *testing.T, mastery string) map[string][]byte {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/scorm/handbook.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	return exportContent(t, filepath.Join(dir, "content"), mastery)
}

// exportContent exports the pages in content with the real layouts and
// returns the package, as name → bytes.
func exportContent(t *testing.T, content, mastery string) map[string][]byte {
	t.Helper()
	file := filepath.Join(t.TempDir(), "handbook.zip")
	var stdout, stderr bytes.Buffer
	args := []string{"export", "scorm", "-content", content, "-layouts", handbook.Layouts, "-mastery", mastery, file}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("run(%q) = %d\n%s", args, code, stderr.String())
	}
	return unzip(t, file)
}

func unzip(t *testing.T, file string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ppchandbook/generator/output"
	"ppchandbook/generator/site"
)

// TestServeRebuildLocked saves a page while a build of the same folder is
// under way in another terminal: the preview's rebuild does not write into
// the folder the build is about to replace, and says why.
func TestServeRebuildLocked(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	page := filepath.Join(dir, "content", "index.md")
	writeFile(t, page, []byte("# Home\n\nFirst.\n"))
	src := site.Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	out := filepath.Join(dir, "public")
	var log bytes.Buffer
	s := newServer(src, out, &log, &log)
	t.Cleanup(s.dev.Close)
	s.rebuild(t.Context(), nil)
	build, err := output.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, page, []byte("# Home\n\nSecond.\n"))
	s.rebuild(t.Context(), []string{page})
	if !strings.Contains(log.String(), "another build is writing") {
		t.Errorf("serve's rebuild during a build logged:\n%s\nwant \"another build is writing\"", log.String())
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Contains(b, []byte("First.")) {
		t.Errorf("public/index.html during the build:\n%s\nwant the first version", b)
	}
	build.Abort()
	log.Reset()
	s.rebuild(t.Context(), []string{page})
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Contains(b, []byte("Second.")) {
		t.Errorf("public/index.html after the build:\n%s\nlog:\n%s\nwant the second version", b, log.String())
	}
}

// TestBuildOutMessages runs the build command against output folders that
// need more than a swap, and checks what it tells the educator.
func TestBuildOutMessages(t *testing.T) {
	setUp := func(t *testing.T) {
		t.Chdir(t.TempDir())
		for name, text := range minimalLayouts {
			writeFile(t, name, []byte(text))
		}
		writeFile(t, "content/index.md", []byte("# Home\n"))
	}
	t.Run("locked", func(t *testing.T) {
		setUp(t)
		st, err := output.Stage("public")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Abort()
		var stdout, stderr bytes.Buffer
		code := run([]string{"build"}, &stdout, &stderr)
		want := "generator: another build is writing public/ (a build or serve in another window?); wait for it to finish, or stop it, then try again\n"
		if code != 1 || stderr.String() != want {
			t.Errorf("build while another builds: exit %d, stderr %q; want 1, %q", code, stderr.String(), want)
		}
	})
	t.Run("link", func(t *testing.T) {
		setUp(t)
		if err := os.Mkdir("www", 0o755); err != nil {
			t.Fatal(err)
		}
		symlink(t, "www", "public")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build"}, &stdout, &stderr); code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr.String())
		}
		www, _ := filepath.Abs("www")
		if want := "into public (a link to " + www + ")\n"; !strings.HasSuffix(stdout.String(), want) {
			t.Errorf("build through a link printed %q; want it to end %q", stdout.String(), want)
		}
		if _, err := os.Stat("www/index.html"); err != nil {
			t.Errorf("the site is not in the folder public leads to: %v", err)
		}
	})
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

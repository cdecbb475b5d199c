package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	if err := write(out, oldSite); err != nil {
		t.Fatal(err)
	}
	newSite := smallSite("new", 40)
	stop := errors.New("stopped")
	for n := 0; n < len(newSite); n += 7 {
		err := writeWith(out, newSite, func(i int) error {
			if i == n {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) {
			t.Fatalf("writeWith stopped at file %d: err = %v; want the stop", n, err)
		}
		if got := siteVersion(t, out, len(oldSite)); got != "old" {
			t.Fatalf("after stopping at file %d, public holds %q; want the old site", n, got)
		}
	}
	if err := write(out, newSite); err != nil {
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

// TestBuildKilled kills a real build process at random moments and checks
// that public/ is always a complete site, old or new.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "generator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	writePages := func(version string) {
		for i := range 300 {
			writeFile(t, filepath.Join(dir, "content", fmt.Sprintf("p%03d.md", i)), []byte(fmt.Sprintf("# Page %d\n\nVersion %s.\n", i, version)))
		}
	}
	build := func() *exec.Cmd {
		cmd := exec.Command(bin, "build")
		cmd.Dir = dir
		return cmd
	}
	writePages("one")
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 12 {
		version := []string{"one", "two"}[round%2]
		writePages(version)
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it somewhere between start-up and the swap.
		timer := time.AfterFunc(time.Duration(r.IntN(60))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		cmd.Wait()
		timer.Stop()
		if got := pagesVersion(t, filepath.Join(dir, "public"), 300); got != "one" && got != "two" {
			t.Fatalf("round %d: public is %q; want a complete site", round, got)
		}
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

// pagesVersion is siteVersion for built pages "Version X."
func pagesVersion(t *testing.T, out string, n int) string {
	t.Helper()
	seen := map[string]int{}
	for i := range n {
		b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("p%03d", i), "index.html"))
		if err != nil {
			return "missing files"
		}
		switch {
		case bytes.Contains(b, []byte("Version one.")):
			seen["one"]++
		case bytes.Contains(b, []byte("Version two.")):
			seen["two"]++
		default:
			seen["other"]++
		}
	}
	if len(seen) != 1 {
		return fmt.Sprintf("mixed %v", seen)
	}
	for v := range seen {
		return v
	}
	return ""
}

// TestEscaping puts markup in every field an educator controls and checks
// the pages stay inert: no live script, no javascript: URL, no broken
// attribute.
func TestEscaping(t *testing.T) {
	evil := `<script>alert("x")</script> "quoted" 'single' </script>`
	layouts, err := filepath.Abs(handbook.layouts)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	front := fmt.Sprintf(`---
title: %q
description: %q
kind: scenario
reviewed: 2026-11-25
sources:
  - title: %q
    publisher: %q
    url: "javascript:alert(1)"
    date: %q
---
`, evil, evil, evil, evil, evil)
	writeFile(t, "content/index.md", []byte(front+"Body [x](javascript:alert(1)) <script>alert(2)</script>\n\n## "+evil+"\n"))
	writeFile(t, "content/other.md", []byte("---\ntitle: "+fmt.Sprintf("%q", evil)+"\n---\nSee [home](index.md).\n"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-layouts", layouts}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr.String())
	}
	err = filepath.WalkDir("public", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".js") {
			return err
		}
		b, _ := os.ReadFile(p)
		s := string(b)
		if strings.Contains(s, `<script>alert`) || strings.Contains(strings.ToLower(s), `href="javascript:`) {
			t.Errorf("%s has a live script or javascript: link:\n%s", p, s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bytes"
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

// TestBuildKilled kills a real build process at random moments and checks
// that public/ is always a complete site, old or new.
func TestBuildKilled(t *testing.T) {
	t.Parallel() // its own folder and processes; mostly waiting on them
	bin := buildProgram(t)
	dir := t.TempDir()
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

// pagesVersion returns the version every built page names ("Version X."),
// or a description of the mixture found.
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
	layouts, err := filepath.Abs(handbook.Layouts)
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

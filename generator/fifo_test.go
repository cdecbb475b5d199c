//go:build linux || darwin

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ppchandbook/generator/site"
)

// fifoSite is a small handbook with a named pipe among its pages. Opening
// a pipe to read waits for a writer that never comes, so a command that
// opens it never returns.
func fifoSite(t *testing.T) (src site.Sources, fifo string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/index.md"), []byte(checkPage("Home", "Welcome.")))
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	fifo = filepath.Join(dir, "content", "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() { unblock(fifo) })
	return site.Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}, fifo
}

// unblock opens fifo to write and closes it at once, so a reader stuck
// opening it gets an empty file and its goroutine ends with the test.
func unblock(fifo string) {
	if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

// within runs f, failing the test if it has not returned in a generous
// time: a hang must fail the test, not stall the whole run.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not finish in 30 s: it is stuck on the named pipe", what)
	}
}

// TestNamedPipe puts a named pipe in the content folder and runs each
// command that reads the folder: each must finish, skip the pipe with a
// warning naming it, and otherwise work as usual.
func TestNamedPipe(t *testing.T) {
	const warning = "pipe.md: warning: is a named pipe, not a file or a folder, so it was skipped"
	for _, command := range []string{"build", "check", "new"} {
		t.Run(command, func(t *testing.T) {
			src, _ := fifoSite(t)
			args := []string{command, "-content", src.Content, "-layouts", src.Layouts}
			wantOut := ""
			switch command {
			case "build":
				args = append(args, "-out", filepath.Join(filepath.Dir(src.Content), "public"))
			case "check":
				args = append(args, "-today", checkToday)
			case "new":
				args = []string{"new", "page", "Record keeping", "-content", src.Content, "-layouts", "../layouts", "-today", checkToday}
				wantOut = "Created " + filepath.Join(src.Content, "record-keeping.md")
			}
			var stdout, stderr bytes.Buffer
			var code int
			within(t, command, func() { code = run(args, &stdout, &stderr) })
			if code != 0 {
				t.Errorf("%q = exit %d; want 0\n%s%s", args, code, stdout.Bytes(), stderr.Bytes())
			}
			out := stdout.String() + stderr.String()
			if command != "new" && !strings.Contains(out, warning) {
				t.Errorf("%q printed\n%s\nwant a warning containing %q", args, out, warning)
			}
			if !strings.Contains(out, wantOut) {
				t.Errorf("%q printed\n%s\nwant %q", args, out, wantOut)
			}
		})
	}

	t.Run("serve", func(t *testing.T) {
		src, fifo := fifoSite(t)
		var log bytes.Buffer
		s := newServer(src, filepath.Join(filepath.Dir(src.Content), "public"), &log, &log)
		within(t, "serve's first build", func() { s.rebuild(t.Context(), nil) })
		if !strings.Contains(log.String(), warning) || !strings.Contains(log.String(), "Built ") {
			t.Fatalf("serve printed\n%s\nwant the site built and a warning containing %q", log.String(), warning)
		}
		// A pipe made while serving comes to a rebuild as a changed path.
		log.Reset()
		second := filepath.Join(src.Content, "later.pdf")
		if err := syscall.Mkfifo(second, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { unblock(second) })
		within(t, "serve's rebuild", func() { s.rebuild(t.Context(), []string{second, fifo}) })
		if want := "later.pdf: warning: is a named pipe"; !strings.Contains(log.String(), want) {
			t.Errorf("serve printed\n%s\nwant a warning containing %q", log.String(), want)
		}
	})

}

// TestNamedPipeInLayouts puts a named pipe where a stylesheet would be in
// the layouts folder: the build must stop with a message naming it, not
// wait on it for ever.
func TestNamedPipeInLayouts(t *testing.T) {
	src, _ := fifoSite(t)
	os.Remove(filepath.Join(src.Content, "pipe.md"))
	fifo := filepath.Join(src.Layouts, "assets", "extra.css")
	if err := os.MkdirAll(filepath.Dir(fifo), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() { unblock(fifo) })
	var stdout, stderr bytes.Buffer
	var code int
	within(t, "build", func() {
		code = run([]string{"build", "-content", src.Content, "-layouts", src.Layouts, "-out", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr)
	})
	if code != 1 || !strings.Contains(stderr.String(), fifo+" is not a file that can be read") {
		t.Errorf("build with a named pipe in layouts/ = %d, printed:\n%s\nwant 1 and a message naming %s", code, stderr.String(), fifo)
	}
}

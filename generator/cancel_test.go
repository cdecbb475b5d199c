package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/site"
)

// promptly is how soon a rebuild must stop once cancelled. Rebuilds check
// between pages, and a page takes milliseconds, so this is a bound on
// correctness with room for a loaded machine and the race detector, not a
// speed target.
const promptly = time.Second

// syncBuffer is a log that serve's goroutines write while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// converting returns once a rebuild has converted at least n pages into
// m, so that what stops it is a cancellation part way through conversion
// rather than before it began.
func converting(t *testing.T, m *site.Memo, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for m.Converted() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the rebuild converted %d pages in a minute; want %d", m.Converted(), n)
		}
		runtime.Gosched()
	}
}

// largeSite writes a generated handbook of n pages, large enough that
// building it takes seconds, with the minimal layouts.
func largeSite(t *testing.T, n int) (dir string, src site.Sources) {
	t.Helper()
	dir = t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	src = site.Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	if err := corpus.Write(src.Content, n, 1); err != nil {
		t.Fatal(err)
	}
	return dir, src
}

// TestRebuildCancelled stops a rebuild part way through conversion and
// expects it to return at once, write nothing, say nothing, and leave the
// cache fit for the next rebuild to make the whole site.
func TestRebuildCancelled(t *testing.T) {
	const pages = 200
	dir, src := largeSite(t, pages)
	out := filepath.Join(dir, "public")
	var log syncBuffer
	s := newServer(src, out, &log, &log)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan bool)
	go func() { done <- s.rebuild(ctx, nil) }()
	converting(t, s.memo, 10)
	cancel()
	cancelled := time.Now()
	select {
	case finished := <-done:
		if finished {
			t.Errorf("rebuild reported it ran to its end after being cancelled")
		}
	case <-time.After(time.Minute):
		t.Fatal("the cancelled rebuild was still running after a minute")
	}
	if took := time.Since(cancelled); took > promptly {
		t.Errorf("the rebuild took %v to stop after being cancelled; want under %v", took, promptly)
	}
	if n := s.memo.Converted(); n >= pages {
		t.Errorf("the rebuild converted all %d pages; want it stopped part way", n)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a cancelled rebuild made %s (%v); want nothing written", out, err)
	}
	if log.String() != "" {
		t.Errorf("a cancelled rebuild printed %q; want nothing", log.String())
	}

	if !s.rebuild(t.Context(), nil) {
		t.Fatal("the rebuild after the cancelled one did not finish")
	}
	if !strings.Contains(log.String(), "Built 2") {
		t.Errorf("serve printed %q after the next rebuild; want the whole site built", log.String())
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("after the next rebuild: %v", err)
	}
}

// TestRebuildOvertaken saves a page while a long rebuild is converting: the
// save must stop that rebuild rather than wait behind it, and the one
// rebuild that follows must make the site with both changes.
func TestRebuildOvertaken(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	src := site.Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	writeFile(t, filepath.Join(src.Content, "index.md"), []byte("Home.\n"))
	out := filepath.Join(dir, "public")
	var log syncBuffer
	s := newServer(src, out, &log, &log)
	if !s.rebuild(t.Context(), nil) {
		t.Fatal("first build did not finish")
	}

	// A large folder arrives, as from unpacking a backup.
	added := filepath.Join(src.Content, "added")
	if err := corpus.Write(added, 200, 1); err != nil {
		t.Fatal(err)
	}
	s.start(t.Context(), []string{added})
	converting(t, s.memo, 10)

	writeFile(t, filepath.Join(src.Content, "index.md"), []byte("Home, saved again.\n"))
	saved := time.Now()
	s.start(t.Context(), []string{filepath.Join(src.Content, "index.md")})
	if took := time.Since(saved); took > promptly {
		t.Errorf("a save waited %v for the rebuild in progress; want it stopped within %v", took, promptly)
	}
	<-s.running.done
	if s.running.stopped {
		t.Fatal("the second rebuild did not finish")
	}
	rebuilt := strings.Count(log.String(), "Rebuilt after")
	if rebuilt != 1 || !strings.Contains(log.String(), "and 1 more") {
		t.Errorf("serve printed:\n%s\nwant one rebuild, naming both changes", log.String())
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || !strings.Contains(string(b), "saved again") {
		t.Errorf("index.html = %q, %v; want the second save", b, err)
	}
	if _, err := os.Stat(filepath.Join(out, "added", "index.html")); err != nil {
		t.Errorf("the added folder is missing from the site: %v", err)
	}
}

// TestServeInterrupted sends Ctrl-C to a real preview while it builds a
// large handbook, and expects it to stop within a second.
func TestServeInterrupted(t *testing.T) {
	bin := buildProgram(t)
	dir, _ := largeSite(t, 2000)
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "Building") {
		t.Fatalf("serve began with %q; want it to say it is building", lines.Text())
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	interrupted := time.Now()
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	err = cmd.Wait()
	took := time.Since(interrupted)
	t.Logf("stopped %v after Ctrl-C", took)
	if err != nil || !slices.Equal(rest, []string{"Stopped."}) {
		t.Errorf("serve ended with %v, printing %q then %q; want exit 0 and Stopped.", err, rest, stderr.String())
	}
	if took > promptly {
		t.Errorf("serve took %v to stop after Ctrl-C; want under %v", took, promptly)
	}
}

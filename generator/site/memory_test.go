package site

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestTuneGC(t *testing.T) {
	// Sparse files: only their size matters here.
	dir := t.TempDir()
	sized := func(name string, size int64) {
		writeFile(t, filepath.Join(dir, name), nil)
		if err := os.Truncate(filepath.Join(dir, name), size); err != nil {
			t.Fatal(err)
		}
	}
	sized("index.md", 10<<20)
	sized("a/page.md", 20<<20)
	sized("a/photo.png", 500<<20) // not Markdown: not counted
	md := markdownBytes(dir)
	if want := int64(30 << 20); md != want {
		t.Fatalf("markdownBytes = %d; want %d, the Markdown alone", md, want)
	}

	tests := []struct {
		name        string
		env         map[string]string
		dir         string
		wantPercent int
		wantLimit   int64 // 0: unchanged
	}{
		{"sized by the Markdown", nil, dir, gcPercent, heapPerMarkdownByte * md},
		{"a small site gets the floor", nil, t.TempDir(), gcPercent, minHeapLimit},
		{"GOGC set by the user", map[string]string{"GOGC": "50"}, dir, 0, 0},
		{"GOMEMLIMIT set by the user", map[string]string{"GOMEMLIMIT": "1GiB"}, dir, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"GOGC", "GOMEMLIMIT"} {
				t.Setenv(k, tt.env[k])
			}
			percent, limit := gcSettings()
			sized, restore := startTuneGC(tt.dir)
			<-sized
			gotPercent, gotLimit := gcSettings()
			restore()
			if p, l := gcSettings(); p != percent || l != limit {
				t.Errorf("after restore: GC percent %d, limit %d; want %d, %d as before", p, l, percent, limit)
			}
			if tt.wantLimit == 0 {
				if gotPercent != percent || gotLimit != limit {
					t.Errorf("settings changed to %d, %d; want them left alone", gotPercent, gotLimit)
				}
				return
			}
			if gotPercent != tt.wantPercent || gotLimit != tt.wantLimit {
				t.Errorf("GC percent %d, limit %d; want %d, %d", gotPercent, gotLimit, tt.wantPercent, tt.wantLimit)
			}
		})
	}
}

// TestMarkdownBytesNamedPipe sizes a content folder holding a named pipe
// named like a page: opening it would wait for a writer that never comes,
// so it must be passed over, not read.
func TestMarkdownBytesNamedPipe(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: Home\n---\nWelcome.\n"
	writeFile(t, filepath.Join(dir, "index.md"), []byte(page))
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() { // a reader stuck opening it gets an empty file
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	done := make(chan int64)
	go func() { done <- markdownBytes(dir) }()
	select {
	case n := <-done:
		if want := int64(len(page)); n != want {
			t.Errorf("markdownBytes = %d; want %d, index.md alone", n, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("markdownBytes did not finish in 30 s: it is stuck on the named pipe")
	}
}

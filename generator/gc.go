package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// A one-shot build allocates about eighty times its Markdown in short-lived
// values (parse trees, chroma's tokens, each page's HTML) while holding
// only a few times it (the search index, the navigation). With the Go
// runtime's default of collecting whenever the heap doubles, a 10,000-page
// build collected about 50 times, and collecting was about a tenth of its
// CPU profile. tuneGC lets the heap grow five times between collections
// but caps it a little above what the build holds at its peak, so it
// collects less often (about 35 times) yet peaks lower than before (319 MB
// against 421 MB). A preview (serve) lives for hours and keeps the
// runtime's defaults.
const (
	gcPercent = 400
	// heapPerMarkdownByte is the soft cap on the heap per byte of Markdown:
	// the build holds about 3.5 bytes per byte at its peak (measured on the
	// generated 10,000-page corpus), so 5 leaves room for pages heavier in
	// code or links than that corpus.
	heapPerMarkdownByte = 5
	minHeapLimit        = 64 << 20
)

// tuneGC sets the collector for a one-shot build of the Markdown under dir,
// unless GOGC or GOMEMLIMIT says how the user wants it, and returns the
// function that puts the settings back (tests build in one process).
func tuneGC(dir string) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(gcPercent)
	limit := debug.SetMemoryLimit(max(minHeapLimit, heapPerMarkdownByte*markdownBytes(dir)))
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// markdownBytes is the size of the Markdown files under dir. A folder it
// cannot read counts as empty: the build reports that itself.
func markdownBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			n += info.Size()
		}
		return nil
	})
	return n
}

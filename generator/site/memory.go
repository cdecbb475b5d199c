package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// A one-shot build holds down its memory two ways: it lets each value go
// as soon as nothing reads it again (releaseBodies, releaseText,
// releaseHTML, and layout's pooled page buffers, which its sinks do not
// keep), and its command sets the collector's pace (TuneGC). A preview
// keeps all of it, in its Memo, for the next build.

// releaseBodies lets a one-shot build's Markdown go once every page is
// converted; a preview's memo keeps the pages.
func releaseBodies(pages []*content.Page, memo *Memo) {
	if memo != nil {
		return
	}
	for _, p := range pages {
		p.Body = nil
	}
}

// releaseHTML lets a one-shot build's HTML of a page go once the page is
// written: nothing reads it again.
func releaseHTML(doc *markdown.Doc, memo *Memo) {
	if memo == nil && doc != nil {
		doc.HTML = ""
	}
}

// releaseText lets a one-shot build's plain text of every page go once
// the search index, its only reader, is made.
func releaseText(docs map[*content.Page]*markdown.Doc, memo *Memo) {
	if memo != nil {
		return
	}
	for _, doc := range docs {
		if doc != nil {
			doc.Text = nil
		}
	}
}

// A one-shot build allocates about sixty times its Markdown in short-lived
// values (parse trees, chroma's tokens, each page's HTML) while holding
// about twice it (front matter, headings and links for the checks, the
// search terms). With the Go runtime's default of collecting whenever the
// heap doubles, a 10,000-page build collected about 50 times, and
// collecting was about a tenth of its CPU profile. TuneGC lets the heap
// grow five times between collections but caps it at six times the
// Markdown, so the cap is what sets the pace. Measured on the generated
// 10,000-page corpus (63 MB of Markdown), by GODEBUG=gctrace=1: a cap of
// five times collected 28-29 times for 1.1-1.2 s of CPU and peaked at
// 310-314 MB; six times, 21 times for 0.7 s, peaking at 383 MB (Hugo
// peaks at about 2 GB on the same pages). A preview (serve) lives for
// hours and keeps the runtime's defaults.
const (
	gcPercent = 400
	// heapPerMarkdownByte is the soft cap on the heap per byte of Markdown.
	// The build holds about two bytes per byte at its peak (110-140 MB on
	// that corpus), so the cap leaves room for pages heavier in code or
	// links than the corpus's.
	heapPerMarkdownByte = 6
	// minHeapLimit is the cap for small sites, up to about 1,300 of the
	// corpus's pages. Peak memory is measured against Hugo's at every size
	// from 1,000 pages, at most a quarter of it, and Hugo peaks at about
	// 270 MB on the 1,000-page corpus. At 128 MB that corpus collected 7
	// times and peaked at 100-108 MB resident (0.37× Hugo's); at 48 MB, 21
	// times, peaking at 60 MB: about 0.3 s more CPU, of 3.5 s. The cap
	// counts all the runtime's memory, and the program's code and
	// read-only data come on top (21 MB for the version command).
	minHeapLimit = 48 << 20
)

// TuneGC sets the collector for a one-shot build of the Markdown under dir,
// unless GOGC or GOMEMLIMIT says how the user wants it, and returns the
// function that puts the settings back (tests build in one process).
func TuneGC(dir string) (restore func()) {
	_, restore = startTuneGC(dir)
	return restore
}

// startTuneGC is TuneGC, also returning a channel closed once the cap is
// set. Sizing the Markdown walks the whole folder (50 ms at 10,000 pages,
// on one core, before the build could start), so it runs beside the
// build's own walk, under the small-site cap until it is done.
func startTuneGC(dir string) (sized <-chan struct{}, restore func()) {
	done := make(chan struct{})
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		close(done)
		return done, func() {}
	}
	percent := debug.SetGCPercent(gcPercent)
	limit := debug.SetMemoryLimit(minHeapLimit)
	go func() {
		defer close(done)
		if n := heapPerMarkdownByte * markdownBytes(dir); n > minHeapLimit {
			debug.SetMemoryLimit(n)
		}
	}()
	return done, func() {
		<-done
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// markdownBytes is the size of the Markdown files under dir. A folder it
// cannot read counts as empty: the build reports that itself. Only regular
// files count, as only they are read.
func markdownBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			n += info.Size()
		}
		return nil
	})
	return n
}

package watch

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ppchandbook/generator/internal/editor"
)

// serveQuiet is the quiet period BenchmarkSave runs the watcher with: set
// it to serve's (the quiet constant in generator/cmd_serve.go) to time
// what an educator waits for before the rebuild starts.
var serveQuiet = flag.Duration("serve-quiet", 10*time.Millisecond, "quiet period for BenchmarkSave")

// BenchmarkSave times each editor's save from its first file operation
// to the watcher's call, in a temporary folder (set TMPDIR to a folder on
// the disk the handbook is on: the fsyncs take what the disk takes), and
// reports the p50 and p95 in milliseconds, and how many saves the watcher
// split: a call made while the page was missing, empty or not yet the new
// text, which costs serve a second rebuild.
//
//	go test ./generator/watch -run '^$' -bench Save -benchtime 40x
func BenchmarkSave(b *testing.B) {
	for _, s := range editor.Saves {
		b.Run(s.Name, func(b *testing.B) {
			dir := b.TempDir()
			page := filepath.Join(dir, "page.md")
			if err := os.WriteFile(page, []byte("# Page\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			// Each call reads the page, as serve's rebuild would, so that a
			// call made half way through a save is seen to be one.
			type call struct {
				at   time.Time
				text string
			}
			calls := make(chan call, 16)
			ready := make(chan struct{})
			o := Options{Log: os.Stderr, Ready: func() { close(ready) }}
			go o.Run(b.Context(), []string{dir}, *serveQuiet, func(c Change) {
				if slices.Contains(c.Paths, page) {
					text, _ := os.ReadFile(page)
					calls <- call{time.Now(), string(text)}
				}
			})
			<-ready
			var took []time.Duration
			split := 0
			i := 0
			for b.Loop() {
				i++
				text := fmt.Sprintf("# Page\n\nSave %d.\n", i)
				start := time.Now()
				if err := s.Save(page, []byte(text)); err != nil {
					b.Fatal(err)
				}
				var done time.Time
				for done.IsZero() {
					c := <-calls
					if c.text == text {
						done = c.at
					} else {
						split++ // the page was missing, empty or old: serve would rebuild twice
					}
				}
				took = append(took, done.Sub(start))
				// Any further call for this save is a split too.
				for wait := time.After(3**serveQuiet + 20*time.Millisecond); ; {
					select {
					case <-calls:
						split++
						continue
					case <-wait:
					}
					break
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2])/1e6, "p50-ms")
			b.ReportMetric(float64(took[(len(took)*95+99)/100-1])/1e6, "p95-ms")
			b.ReportMetric(float64(split), "split-saves")
			b.ReportMetric(0, "ns/op") // the sleeps between saves, not the saves
		})
	}
}

package watch

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRunStops checks that Run returns promptly when its context is canceled, and leaves no
// goroutine behind: neither its own nor fsnotify's.
func TestRunStops(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(t.Context())
			ready := make(chan struct{})
			o := mode.opts
			o.Ready = func() { close(ready) }
			errc := make(chan error, 1)
			go func() { errc <- o.Run(ctx, []string{dir}, quiet, func(Change) {}) }()
			select {
			case <-ready:
			case <-time.After(failSafe):
				t.Fatalf("Run not watching after %v", failSafe)
			}
			if err := os.WriteFile(filepath.Join(dir, "page.md"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			cancel()
			select {
			case err := <-errc:
				if err != nil {
					t.Fatalf("Run = %v after cancel; want nil", err)
				}
			case <-time.After(failSafe):
				t.Fatalf("Run still running %v after cancel", failSafe)
			}
			// A goroutine may still be on its way out after Run returns: allow it that.
			deadline := time.Now().Add(failSafe)
			for {
				left := leftover()
				if left == "" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("goroutines left after Run returned:\n%s", left)
				}
				runtime.Gosched()
			}
		})
	}
}

// leftover returns the stacks of goroutines running code of this package, outside its tests,
// or of fsnotify.
func leftover() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "fsnotify") ||
			strings.Contains(g, "ppchandbook/generator/watch.") && !strings.Contains(g, "watch.Test") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}

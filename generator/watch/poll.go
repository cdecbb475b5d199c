package watch

import (
	"context"
	"io/fs"
	"path/filepath"
	"time"
)

// stamp is what polling compares to decide that a file changed: an editor's save changes the
// modification time, and almost always the size too.
type stamp struct {
	size int64
	mod  int64 // modification time, in nanoseconds since 1970
}

// poll walks roots every interval until ctx is done and sends an edit for each file that
// appeared, changed or disappeared since the walk before. It is the fallback for when the
// system has no watches left: slower, and blind to a save that keeps both size and
// modification time, but it never stops noticing. Temporary files made and renamed between
// two walks are never seen at all.
func poll(ctx context.Context, roots []string, interval time.Duration, send func(edit), ready func()) error {
	old := snapshot(roots)
	ready()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		now := snapshot(roots)
		for p, s := range now {
			if was, ok := old[p]; !ok {
				send(edit{p, created})
			} else if was != s {
				send(edit{p, written})
			}
		}
		for p := range old {
			if _, ok := now[p]; !ok {
				send(edit{p, removed})
			}
		}
		old = now
	}
}

// snapshot stamps every file under roots, leaving out the names that ignored rejects and
// everything in ignored folders.
func snapshot(roots []string) map[string]stamp {
	files := map[string]stamp{}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone or unreadable since it was listed: as if absent
			}
			if path != root && ignored(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				files[path] = stamp{info.Size(), info.ModTime().UnixNano()}
			}
			return nil
		})
	}
	return files
}

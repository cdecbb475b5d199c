package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"
)

// Change is one burst of changes.
type Change struct {
	Paths []string // files created, written, removed or renamed, sorted, each once: a folder given to Run joined with the path below it
}

// Options are the settings of a watch beyond its folders. The zero value asks the operating
// system for events and discards the warning.
type Options struct {
	Log  io.Writer     // receives the one warning printed when the system runs out of watches; nil discards it
	Poll time.Duration // if set, look for changes this often instead of asking the system for events

	Ready func() // called once, when the folders are being watched: changes made after it are seen

	// Optional are folders among those given to Run that need not exist yet: each is watched
	// from the moment it appears (as a layouts folder made while the preview runs), and its
	// files then count as created. Its parent folder must exist.
	Optional []string
}

// pollEvery is how often the tree is walked once the system has refused more watches: often
// enough that a save shows up at once to a person, rarely enough to stay cheap on a big tree.
const pollEvery = 300 * time.Millisecond

// Run watches every folder under each of dirs and calls onChange once per burst of changes,
// after quiet has passed with no further change. It prints warnings to standard error; see
// Options.Run. It blocks until ctx is done.
func Run(ctx context.Context, dirs []string, quiet time.Duration, onChange func(Change)) error {
	return Options{Log: os.Stderr}.Run(ctx, dirs, quiet, onChange)
}

// Run watches every folder under each of dirs and calls onChange once per burst of changes,
// after quiet has passed with no further change. Calls never overlap. If the system refuses
// to watch more folders, Run writes one warning to o.Log and goes on by polling.
//
// Run returns nil once ctx is done and any call of onChange in progress has returned. It
// returns an error if it cannot start (a folder is missing or unreadable), or if the system
// stops sending events.
func (o Options) Run(ctx context.Context, dirs []string, quiet time.Duration, onChange func(Change)) error {
	roots := make([]string, len(dirs))
	for i, d := range dirs {
		roots[i] = filepath.Clean(d)
		info, err := os.Stat(roots[i])
		switch {
		case errors.Is(err, fs.ErrNotExist) && slices.Contains(o.Optional, d):
			// The notifier watches every root's parent for the root appearing anyway.
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("watching %s for changes: there is no such folder", d)
		case err != nil:
			return fmt.Errorf("watching %s for changes: %w", d, err)
		case !info.IsDir():
			return fmt.Errorf("watching %s for changes: it is a file, not a folder", d)
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	edits := make(chan edit)
	batched := make(chan struct{})
	go func() {
		defer close(batched)
		batch(ctx, edits, quiet, onChange)
	}()
	defer func() {
		cancel()
		<-batched
	}()
	send := func(e edit) {
		select {
		case edits <- e:
		case <-ctx.Done():
		}
	}
	ready := func() {}
	if o.Ready != nil {
		ready = sync.OnceFunc(o.Ready) // polling after a fallback is ready a second time
	}

	if o.Poll > 0 {
		return poll(ctx, roots, o.Poll, send, ready)
	}
	err := notify(ctx, roots, send, ready)
	if !outOfWatches(err) {
		return err
	}
	warnPolling(o.Log, err)
	return poll(ctx, roots, pollEvery, send, ready)
}

// outOfWatches reports whether err is the system refusing more watches: Linux's inotify says
// ENOSPC when fs.inotify.max_user_watches is used up, and EMFILE when
// fs.inotify.max_user_instances is; macOS's kqueue says EMFILE at the open-file limit,
// since it needs one open file per watched file.
func outOfWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// warnPolling explains, once, why changes will now be noticed more slowly, and how to fix it.
func warnPolling(w io.Writer, err error) {
	if w == nil {
		return
	}
	if errors.Is(err, syscall.EMFILE) {
		fmt.Fprintf(w, `warning: %v
The system says too many files are open, so changes are now found by looking at
every file every %v instead: slower, but still automatic.
On Linux, to allow more until the next restart, run:
    sudo sysctl fs.inotify.max_user_instances=1024
and to keep that setting after a restart, run:
    echo fs.inotify.max_user_instances=1024 | sudo tee /etc/sysctl.d/60-watch.conf
On macOS, run "ulimit -n 10240" in this terminal before starting again.
`, err, pollEvery)
		return
	}
	// Linux reports running out of inotify watches as ENOSPC, whose message,
	// "no space left on device", sends people to check their disk.
	fmt.Fprintf(w, `warning: %v
The disk is fine: the system has run out of "inotify watches", one for each folder
watched, so changes are now found by looking at every file every %v
instead: slower, but still automatic.
To allow more watches until the next restart, run:
    sudo sysctl fs.inotify.max_user_watches=524288
and to keep that setting after a restart, run:
    echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-watch.conf
`, err, pollEvery)
}

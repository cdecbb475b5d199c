package watch

import (
	"context"
	"slices"
	"time"
)

// An edit is one thing that happened to one file, as the watcher or the poller saw it.
type edit struct {
	path string
	op   op
}

type op int

const (
	created op = iota // came into existence: created, or renamed onto this name
	written           // contents changed
	removed           // went away: deleted, or renamed to another name
)

// span is what a burst did to one path: its first and its last edit.
type span struct{ first, last op }

// batch turns the edits arriving on in into calls of onChange, one per burst: a call happens
// once quiet has passed with no further edit. The timer restarts on every edit, because one
// save is several operations (vim: probe file, rename to backup, write, chmod, delete backup)
// and a rebuild halfway through would read a missing or half-written page.
//
// Calls never overlap. onChange runs on its own goroutine so that edits keep being collected
// during a slow rebuild; they become the next call, which starts as soon as the current one
// returns if the quiet period has already passed by then. A path that was created and then
// removed within one burst is left out: it was some program's temporary file, and the site
// never saw it. batch returns when ctx is done, after any call in progress has returned.
func batch(ctx context.Context, in <-chan edit, quiet time.Duration, onChange func(Change)) {
	var (
		burst   = map[string]span{}
		timer   = time.NewTimer(quiet)
		expired <-chan time.Time // timer.C while a burst waits for quiet, else nil
		due     bool             // quiet passed while a call was running
		running chan struct{}    // closed when the call in progress returns; nil when none is
	)
	timer.Stop()
	defer timer.Stop()

	// call starts onChange with the burst collected so far, unless the burst held only
	// temporary files.
	call := func() {
		c := change(burst)
		burst = map[string]span{}
		if len(c.Paths) == 0 {
			return
		}
		running = make(chan struct{})
		go func(done chan<- struct{}) {
			defer close(done)
			onChange(c)
		}(running)
	}

	for {
		select {
		case <-ctx.Done():
			if running != nil {
				<-running
			}
			return
		case e := <-in:
			s, seen := burst[e.path]
			if !seen {
				s.first = e.op
			}
			s.last = e.op
			burst[e.path] = s
			timer.Reset(quiet) // since Go 1.23, Reset also discards a stale expiry
			expired = timer.C
			due = false
		case <-expired:
			expired = nil
			if running != nil {
				due = true
				continue
			}
			call()
		case <-running:
			running = nil
			if due {
				due = false
				call()
			}
		}
	}
}

// change lists the paths of a burst, sorted, leaving out those that the burst both created
// and removed.
func change(burst map[string]span) Change {
	var paths []string
	for p, s := range burst {
		if s.first == created && s.last == removed {
			continue
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return Change{Paths: paths}
}

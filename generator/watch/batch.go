package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
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

// halfSavedWait is the longest a burst waits, past its quiet period, for a
// save it caught halfway to finish. Saves come in two halves. One empties
// the file and then writes it (an editor saving in place, or a program
// writing a file as os.WriteFile does); the other moves the page out of
// the way and then puts the new one in its place (vim renames page.md to
// page.md~ before writing page.md, JetBrains to page.md___jb_old___). On
// an idle machine the halves are a fraction of a millisecond apart, but
// on a busy one the writer can be held up between them for longer than
// the quiet period. The preview then built the site from the empty or
// missing page (a page without its title, so every page's contents listed
// it under another name, or links to it broken) and again once it was
// written: two rebuilds, the first of every page, before the edit showed.
// A file left empty on purpose, or deleted, shows this much later.
const halfSavedWait = 250 * time.Millisecond

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
		waited  time.Duration    // past the quiet period, for a half-done save
	)
	timer.Stop()
	defer timer.Stop()

	// call starts onChange with the burst collected so far, unless the burst held only
	// temporary files.
	call := func() {
		c := change(burst)
		burst, waited = map[string]span{}, 0
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
			if waited < halfSavedWait && halfDone(burst) {
				waited += quiet
				timer.Reset(quiet)
				expired = timer.C
				continue
			}
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

// halfDone reports whether the burst looks like a save caught between its
// halves: it wrote a file that is now empty, or it moved away a file that
// was there before it began and nothing has taken its place.
func halfDone(burst map[string]span) bool {
	for p, s := range burst {
		info, err := os.Stat(p)
		switch {
		case s.last == removed:
			if s.first != created && errors.Is(err, fs.ErrNotExist) {
				return true
			}
		case err == nil && info.Mode().IsRegular() && info.Size() == 0:
			return true
		}
	}
	return false
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

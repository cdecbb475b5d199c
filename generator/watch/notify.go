package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// notifier turns the system's events into edits. fsnotify watches single folders, so the
// notifier adds one watch per folder and keeps its own list of what is in the tree: that list
// says which events are about folders, and which files a removed or renamed folder held.
//
// It also watches the folder holding each root, for the root alone: a root that is deleted
// and made again, or renamed away and replaced (restoring content/ from a backup, switching
// to a git branch without it and back), is a new folder that no watch of the old one sees.
type notifier struct {
	w       *fsnotify.Watcher
	send    func(edit)
	roots   []string
	parents map[string]bool // folders watched only for a root appearing or going in them
	known   map[string]bool // every watched path below and including the roots → whether it is a folder
}

// notify watches roots until ctx is done, sending an edit for each change to a file. It
// returns an error wrapping the system's if a folder cannot be watched, including when the
// system runs out of watches part way.
func notify(ctx context.Context, roots []string, send func(edit), ready func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("starting to watch for changes: %w", err)
	}
	defer w.Close()
	n := &notifier{w: w, send: send, roots: roots, parents: map[string]bool{}, known: map[string]bool{}}
	for _, root := range roots {
		if err := n.add(root, nil); err != nil {
			return err
		}
	}
	for _, root := range roots {
		parent := filepath.Dir(root)
		if n.known[parent] || n.parents[parent] {
			continue // a root itself, whose watch reports its folders anyway
		}
		// Without it, the roots are still watched as long as they last; no reason to stop.
		if n.w.Add(parent) == nil {
			n.parents[parent] = true
		}
	}
	ready()

	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("watching for changes: the system stopped sending events")
			}
			if err := n.handle(ev); err != nil {
				n.touchAll() // events may now go unseen: assume everything changed
				return err
			}
		case err, ok := <-w.Errors:
			if !ok {
				return errors.New("watching for changes: the system stopped sending events")
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The system dropped events: look at the whole tree again.
				if err := n.resync(); err != nil {
					return err
				}
			}
			// Other errors come from fsnotify tidying up watches of folders that are already
			// gone; the events for those folders tell us all we need.
		}
	}
}

// handle updates the watches and the list of known paths for one event, and sends its edits.
func (n *notifier) handle(ev fsnotify.Event) error {
	// Chmod alone is dropped: Spotlight on macOS, virus scanners, backup tools and editors
	// (vim chmods after every save) touch metadata without changing any content.
	if ev.Op&^fsnotify.Chmod == 0 || ignored(filepath.Base(ev.Name)) {
		return nil
	}
	name := filepath.Clean(ev.Name) // a root's parent "." reports "./content"
	if n.parents[filepath.Dir(name)] && !slices.Contains(n.roots, name) {
		return nil // a sibling of the roots, such as public/
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// Rename comes with the old name; the new name, if it is in the tree, comes as a
		// Create of its own.
		n.forget(name)
	}
	if ev.Has(fsnotify.Create) {
		// A new folder may hold files already: mkdir -p a/b && touch a/b/x.md is faster than
		// adding watches, so add reads the folder after watching it, and reports its files.
		if info, err := os.Lstat(name); err == nil && info.IsDir() {
			if err := n.add(name, n.send); outOfWatches(err) {
				return err
			}
			// Other errors mean the folder went away or cannot be read; there is nothing
			// in it to watch.
			return nil
		}
		// A file, or a name already gone again, whose Remove follows: the batcher drops
		// names that came and went within one burst.
		n.known[name] = false
		n.send(edit{name, created})
	}
	if ev.Has(fsnotify.Write) && !n.known[name] {
		// Some systems also report writes to folders; they say nothing about files.
		n.known[name] = false
		n.send(edit{name, written})
	}
	return nil
}

// add watches the folder dir and every folder below it, and adds them and their files to the
// known paths. Files found are passed to found as created, when found is not nil. It returns
// an error if the system refuses a watch or a folder cannot be read; a folder that vanishes
// while it is being added is skipped, since its Remove event follows.
func (n *notifier) add(dir string, found func(edit)) error {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if path != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil {
				found(edit{path, created})
			}
			n.known[path] = false
			return nil
		}
		// Watch before reading the folder's entries (WalkDir reads them after this
		// returns), so that a file made in between is either listed or reported.
		if err := n.w.Add(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		n.known[path] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("watching %s for changes: %w", dir, err)
	}
	return nil
}

// forget drops name, and everything below it if it is a folder, from the known paths and
// the watches, and sends a removal for each file among them.
func (n *notifier) forget(name string) {
	isDir, ok := n.known[name]
	if !ok {
		return
	}
	delete(n.known, name)
	if !isDir {
		n.send(edit{name, removed})
		return
	}
	// The watch may be gone already (the folder was deleted) or point at the folder under
	// its new name (it was renamed); either way, a new watch is added for a new name.
	n.w.Remove(name)
	prefix := name + string(filepath.Separator)
	for p, isDir := range n.known {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		delete(n.known, p)
		if isDir {
			n.w.Remove(p)
		} else {
			n.send(edit{p, removed})
		}
	}
}

// resync brings the watches and known paths up to date after the system dropped events,
// and reports every file as written, since any of them may have changed unseen.
func (n *notifier) resync() error {
	old := n.known
	n.known = map[string]bool{}
	for _, root := range n.roots {
		if err := n.add(root, nil); outOfWatches(err) {
			return err
		}
	}
	for p, isDir := range old {
		if _, ok := n.known[p]; !ok && !isDir {
			n.send(edit{p, removed})
		}
	}
	n.touchAll()
	return nil
}

// touchAll reports every known file as written.
func (n *notifier) touchAll() {
	for p, isDir := range n.known {
		if !isDir {
			n.send(edit{p, written})
		}
	}
}

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Staged is a new site being written into a fresh folder beside the output
// folder. Commit swaps it into place as one step, so readers (and the dev
// server) only ever see the old complete site or the new complete site,
// and a failure part way leaves the output folder untouched. A mount point
// cannot be swapped: there the fresh folder is inside it, and Commit swaps
// its entries one by one (see place).
type Staged struct {
	place
	tmp    string // the new site, until Commit; then the old one
	shown  string // the output folder as the user named it, for messages
	unlock func() // releases the lock taken by Stage; nil once released
	notes  []string

	mu   sync.Mutex
	made map[string]bool // folders already created
}

// Stage starts a new site for out. It takes the lock on out, so a second
// build of the same folder is refused until Commit or Abort.
func Stage(out string) (*Staged, error) {
	p, err := locate(out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(p.dir, 0o777); err != nil {
		return nil, fmt.Errorf("creating %s: %v", p.dir, plainErr(err))
	}
	unlock, err := p.lock(out)
	if err != nil {
		return nil, err
	}
	removeStale(p.dir, p.base)
	tmp, err := makeStaging(p.dir, "."+p.base+".new-")
	if err != nil {
		unlock()
		return nil, fmt.Errorf("writing the site beside %s: %v", out, plainErr(err))
	}
	return &Staged{place: p, tmp: tmp, shown: out, unlock: unlock, made: map[string]bool{}}, nil
}

// makeStaging is os.MkdirTemp with the mode every other folder gets:
// MkdirTemp's 0700 would become the published folder's mode after the
// swap, and a web server running as another user could not read it.
func makeStaging(dir, prefix string) (string, error) {
	return unique(dir, prefix, func(p string) error { return os.Mkdir(p, 0o777) })
}

// unique calls create with new names in dir, prefix and a random number,
// until one is not taken, and returns that name: os.MkdirTemp and
// os.CreateTemp without their 0700 and 0600 modes, which would override
// the umask that published files follow.
func unique(dir, prefix string, create func(p string) error) (string, error) {
	for {
		p := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		if err := create(p); !errors.Is(err, fs.ErrExist) {
			return p, err
		}
	}
}

// Put writes one file of the new site; it is safe for concurrent use, so
// pages are written by the goroutines that render them. Modes are left to
// the umask, as for any other program's files.
func (s *Staged) Put(name string, data []byte) error {
	p := filepath.Join(s.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	s.mu.Lock()
	made := s.made[dir]
	s.mu.Unlock()
	if !made {
		// Mostly the parent is made already: one mkdir, where MkdirAll
		// would stat the folder and its parent first.
		if os.Mkdir(dir, 0o777) != nil {
			if err := os.MkdirAll(dir, 0o777); err != nil {
				return fmt.Errorf("writing %s: %v", name, plainErr(err))
			}
		}
		s.mu.Lock()
		s.made[dir] = true
		s.mu.Unlock()
	}
	if err := os.WriteFile(p, data, 0o666); err != nil {
		return fmt.Errorf("writing %s: %v", name, plainErr(err))
	}
	return nil
}

// Commit puts the new site in place of the old. Once the new site is in
// place the build has succeeded: an old copy that cannot be removed is a
// note, not a failure.
func (s *Staged) Commit() error {
	defer s.release()
	var old string
	var err error
	if s.mount {
		err = s.replaceContents(s.tmp)
		old = s.tmp
	} else {
		old, err = swap(s.tmp, s.out)
		if errors.Is(err, syscall.EBUSY) {
			// A mount point that isMountPoint could not see (another
			// system, an old kernel): worth a try if it is on the same
			// file system as the staging folder; if not, nothing moves.
			if err = s.replaceContents(s.tmp); err != nil {
				err = fmt.Errorf("it is in use by the system (a mount point?), so it cannot be replaced in one step, "+
					"and its contents could not be replaced one by one either: %w", err)
			}
			old = s.tmp
		}
	}
	if err != nil {
		if !errors.As(err, new(partlyMoved)) {
			removeTree(s.tmp)
		}
		return fmt.Errorf("putting the new site in place at %s: %v", s.shown, plainErr(err))
	}
	if old != "" {
		s.removeOld(old)
	}
	return nil
}

// replaceContents puts the site Staged at tmp into the output folder entry
// by entry, for a folder that cannot be renamed, and says so.
func (s *Staged) replaceContents(tmp string) error {
	housekeeping := func(name string) bool { return strings.HasPrefix(name, "."+s.base+".") }
	if err := replaceContents(tmp, s.out, housekeeping, entryMoves); err != nil {
		return err
	}
	s.notes = append(s.notes, fmt.Sprintf("note: %s is a mount point, so it cannot be replaced in one step: "+
		"the new site was written in full first, then swapped in one entry at a time", s.shown))
	return nil
}

// removeOld deletes the old site, which Commit left at old. If it cannot,
// it renames it so that no staging folder is left behind, and says where it is.
func (s *Staged) removeOld(old string) {
	err := removeTree(old)
	if err == nil {
		return
	}
	kept := filepath.Join(filepath.Dir(old), "."+s.base+".old-"+strings.TrimPrefix(filepath.Base(old), "."+s.base+".new-"))
	if os.Rename(old, kept) == nil {
		old = kept
	}
	s.notes = append(s.notes, fmt.Sprintf("warning: the new site is in place, but the old copy could not be removed (%v): "+
		"it is in %s; delete it when you can", plainErr(err), old))
}

// Notes are what the user should know about a commit that succeeded: a
// mount point filled entry by entry, an old copy left behind.
func (s *Staged) Notes() []string { return s.notes }

// Out is the folder that gets the site: the output folder made absolute,
// with links followed, as messages should name it.
func (s *Staged) Out() string { return s.out }

// Abort throws the new site away.
func (s *Staged) Abort() {
	removeTree(s.tmp)
	s.release()
}

func (s *Staged) release() {
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
}

// Write puts files into out as one step.
func Write(out string, files map[string][]byte) error {
	return WriteEach(out, files, nil)
}

// WriteEach is Write with a hook called before each file, so tests can
// stop a build part way through.
func WriteEach(out string, files map[string][]byte, before func(n int) error) error {
	s, err := Stage(out)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if before != nil {
			if err := before(i); err != nil {
				s.Abort()
				return err
			}
		}
		if err := s.Put(name, files[name]); err != nil {
			s.Abort()
			return err
		}
	}
	return s.Commit()
}

// removeStale deletes half-written sites left beside out by a build that
// was killed, and old copies a build could not delete; only folders named
// as Stage and removeOld name them are touched. The caller holds the lock,
// so none of them belongs to a build under way.
func removeStale(dir, base string) {
	for _, pattern := range []string{".new-*", ".old-*"} {
		stale, _ := filepath.Glob(filepath.Join(dir, "."+base+pattern))
		for _, d := range stale {
			removeTree(d)
		}
	}
}

// removeTree is os.RemoveAll for a site that may have read-only folders
// (copied from a read-only share, say): a second try makes every folder
// it can writable first. Root needs no such help, so tests of it run as
// another user.
func removeTree(p string) error {
	if os.RemoveAll(p) == nil {
		return nil
	}
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(q, 0o700)
		}
		return nil
	})
	return os.RemoveAll(p)
}

// plainErr is err without the operation and path that os adds, for
// messages that name the file themselves. Package main has the same few
// lines: output imports nothing of ours, so the two cannot share them
// without output depending on a package of the project's.
func plainErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"weak"
)

// changes is the sink of a preview rebuild: it notes every file's hash and
// keeps only the files whose bytes differ from what the output folder
// holds, so a one-page edit on a large site holds and writes a handful.
type changes struct {
	written map[string]written // what the output folder holds; read only here
	mu      sync.Mutex
	now     map[string]written // every file of the new site
	changed map[string][]byte
}

// written is what serve knows of a file in the output folder.
type written struct {
	hash [32]byte
	// data points to the bytes the file was written from, without keeping
	// them in memory, for files worth the bother. Output is never changed
	// once made, so if the next rebuild hands over the same slice (a
	// search file the index kept) the file is unchanged and need not be
	// hashed again.
	data weak.Pointer[byte]
	size int
}

// weakFrom is the size from which a file is recognised by its slice rather
// than hashed: making a weak pointer costs about as much as hashing a
// kilobyte or two.
const weakFrom = 2 << 10

func (c *changes) put(name string, data []byte) error {
	if data == nil { // unchanged since the last rebuild: keep what is on disk
		c.mu.Lock()
		defer c.mu.Unlock()
		c.now[name] = c.written[name]
		return nil
	}
	w := written{size: len(data)}
	if len(data) >= weakFrom {
		w.data = weak.Make(&data[0])
	}
	c.mu.Lock()
	old, ok := c.written[name]
	c.mu.Unlock()
	same := ok && w.data == old.data && w.size == old.size && w.data.Value() != nil
	if same {
		w.hash = old.hash
	} else {
		w.hash = hashOf(data)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now[name] = w
	if !ok || old.hash != w.hash {
		c.changed[name] = data
	}
	return nil
}

// apply brings out up to date with a rebuild and returns the paths whose
// bytes changed, appeared or went. The first time, and after rewrite, it
// writes the whole site beside out and swaps it in, unless ctx is done
// first, and returns every path. Otherwise it writes each changed file
// beside the one it replaces and, once all are written, renames them into
// place: quick, not interrupted, and if the disk fills up part way the
// folder is left as it was. The browser is told only after all of them
// are in place.
func (s *server) apply(ctx context.Context, ch *changes) ([]string, error) {
	if s.written == nil {
		stopped := func(int) error { return ctx.Err() }
		if err := writeWith(s.out, ch.changed, stopped); err != nil {
			return nil, err
		}
		s.written = ch.now
		s.outDir, _ = os.Stat(s.out)
		return slices.Sorted(maps.Keys(ch.changed)), nil
	}
	unlock, err := lockOut(s.out) // a build in another window must not write beside us
	if err != nil {
		return nil, err
	}
	defer unlock()
	var made []placing
	defer func() {
		for _, m := range made {
			os.Remove(m.tmp) // after a failure; gone already once renamed
		}
	}()
	for name, b := range ch.changed {
		dst := filepath.Join(s.out, filepath.FromSlash(name))
		tmp, err := s.writeBeside(dst, b)
		if err != nil {
			return nil, fmt.Errorf("writing %s: %v", name, plainErr(err))
		}
		made = append(made, placing{name, tmp, dst})
	}
	var changed []string
	for _, m := range made {
		if err := os.Rename(m.tmp, m.dst); err != nil {
			return nil, fmt.Errorf("writing %s: %v", m.name, plainErr(err))
		}
		changed = append(changed, m.name)
	}
	made = nil
	for name := range s.written {
		if _, ok := ch.now[name]; !ok {
			p := filepath.Join(s.out, filepath.FromSlash(name))
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("removing %s: %v", name, plainErr(err))
			}
			removeEmptyParents(p, s.out)
			changed = append(changed, name)
		}
	}
	s.written = ch.now
	slices.Sort(changed)
	return changed, nil
}

// placing is a changed file written beside the one it replaces.
type placing struct{ name, tmp, dst string }

// writeBeside writes b to a new file in the folder of p, for renaming
// over p, so a browser never reads a half-written page. Its mode comes
// from the umask, as the files of a full build do.
func writeBeside(p string, b []byte) (string, error) {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	return unique(dir, ".tmp-", func(name string) error {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return err
		}
		_, werr := f.Write(b)
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(name)
			return err
		}
		return nil
	})
}

// inside reports whether path p is in folder dir.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func removeEmptyParents(p, root string) {
	root = filepath.Clean(root)
	for d := filepath.Dir(p); strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			return
		}
	}
}

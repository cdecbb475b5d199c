package output

import (
	"context"
	"crypto/sha256"
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

// Live is an output folder that a preview keeps up to date from one
// rebuild to the next. The first time, and after Rewrite, a rebuild's
// site is written whole beside the folder and swapped in, as Stage does;
// after that only the files whose bytes changed are written.
type Live struct {
	out     string
	written map[string]written // each file now in out; nil when out is to be written whole
	dir     os.FileInfo        // out as last written whole, to notice it deleted or replaced

	// WriteBeside writes a changed file beside the one it replaces; it is
	// the package's WriteBeside unless a test makes it fail.
	WriteBeside func(p string, b []byte) (string, error)
}

// NewLive starts keeping out up to date; the first Apply writes it whole.
func NewLive(out string) *Live { return &Live{out: out, WriteBeside: WriteBeside} }

// Changes starts the sink of one rebuild, measured against what out holds.
func (l *Live) Changes() *Changes {
	return &Changes{written: l.written, kept: make([]string, 0, len(l.written)), fresh: map[string]written{}, changed: map[string][]byte{}}
}

// Rewrite makes the next Apply write the whole site beside the folder and
// swap it in, as the first does.
func (l *Live) Rewrite() { l.written = nil }

// Partial reports whether the next Apply writes only the changed files,
// rather than the whole site.
func (l *Live) Partial() bool { return l.written != nil }

// Intact reports whether the output folder is still the one last written
// whole, so that writing only the changed files into it makes the new
// version.
func (l *Live) Intact() bool {
	fi, err := os.Stat(l.out)
	return err == nil && l.dir != nil && os.SameFile(fi, l.dir)
}

// Changes is the sink of a preview rebuild: it keeps only the files whose
// bytes differ from what the output folder holds, so a one-page edit on a
// large site holds and writes a handful. A file put with nil data is
// unchanged since the last rebuild. Each file of the new site is put once,
// and a file the folder holds that is not put is gone; Apply tells which
// by counting, so an unchanged file costs no more than noting its name
// (on a 10,000-page site, some 20,000 files in every rebuild).
type Changes struct {
	written map[string]written // what the output folder holds; only read until Apply
	mu      sync.Mutex
	kept    []string           // files put with nil data or with the bytes the folder holds, in the same slice
	fresh   map[string]written // the other files put: new, changed, or the same bytes in a new slice
	changed map[string][]byte  // of fresh, those whose bytes differ from the folder's
}

// written is what a preview knows of a file in the output folder.
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

// Put notes one file of the new site; it is safe for concurrent use.
func (c *Changes) Put(name string, data []byte) error {
	var old written
	ok := false
	if data != nil {
		old, ok = c.written[name] // no lock: nothing changes written during a build
	}
	if data == nil || ok && len(data) >= weakFrom && old.size == len(data) && old.data.Value() == &data[0] {
		// Unchanged since the last rebuild, or the very slice the folder's
		// file was written from (a search file the index kept).
		c.mu.Lock()
		defer c.mu.Unlock()
		c.kept = append(c.kept, name)
		return nil
	}
	w := written{size: len(data), hash: sha256.Sum256(data)}
	if len(data) >= weakFrom {
		w.data = weak.Make(&data[0])
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fresh[name] = w
	if !ok || old.hash != w.hash {
		c.changed[name] = data
	}
	return nil
}

// gone are the files the folder holds that the new site has not.
func (c *Changes) gone() []string {
	known := len(c.kept)
	for name := range c.fresh {
		if _, ok := c.written[name]; ok {
			known++
		}
	}
	if known == len(c.written) {
		return nil // every file held was put again: the common rebuild
	}
	now := make(map[string]bool, len(c.kept)+len(c.fresh))
	for _, name := range c.kept {
		now[name] = true
	}
	for name := range c.fresh {
		now[name] = true
	}
	var gone []string
	for name := range c.written {
		if !now[name] {
			gone = append(gone, name)
		}
	}
	return gone
}

// Changed are the files whose bytes differ from what the folder holds,
// by path; tests compare them with a full build's.
func (c *Changes) Changed() map[string][]byte { return c.changed }

// Apply brings out up to date with a rebuild and returns the paths whose
// bytes changed, appeared or went. The first time, and after rewrite, it
// writes the whole site beside out and swaps it in, unless ctx is done
// first, and returns every path. Otherwise it writes each changed file
// beside the one it replaces and, once all are written, renames them into
// place: quick, not interrupted, and if the disk fills up part way the
// folder is left as it was. The browser is told only after all of them
// are in place.
func (l *Live) Apply(ctx context.Context, ch *Changes) ([]string, error) {
	if l.written == nil {
		if len(ch.kept) > 0 {
			// A file "as the folder holds it" when the folder is to be
			// written whole would be left out of it: a bug in the caller.
			return nil, fmt.Errorf("%d files (%s first) were handed over as unchanged for a folder to be written whole", len(ch.kept), ch.kept[0])
		}
		stopped := func(int) error { return ctx.Err() }
		if err := WriteEach(l.out, ch.changed, stopped); err != nil {
			return nil, err
		}
		l.written = ch.fresh
		l.dir, _ = os.Stat(l.out)
		return slices.Sorted(maps.Keys(ch.changed)), nil
	}
	unlock, err := Lock(l.out) // a build in another window must not write beside us
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
		dst := filepath.Join(l.out, filepath.FromSlash(name))
		tmp, err := l.WriteBeside(dst, b)
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
	gone := ch.gone()
	for _, name := range gone {
		p := filepath.Join(l.out, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("removing %s: %v", name, plainErr(err))
		}
		removeEmptyParents(p, l.out)
		changed = append(changed, name)
	}
	// The folder now holds the new site: note it in place, rather than
	// copy what is noted of every file for the sake of a few.
	maps.Copy(l.written, ch.fresh)
	for _, name := range gone {
		delete(l.written, name)
	}
	slices.Sort(changed)
	return changed, nil
}

// placing is a changed file written beside the one it replaces.
type placing struct{ name, tmp, dst string }

// WriteBeside writes b to a new file in the folder of p, for renaming
// over p, so a browser never reads a half-written page. Its mode comes
// from the umask, as the files of a full build do.
func WriteBeside(p string, b []byte) (string, error) {
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

func removeEmptyParents(p, root string) {
	root = filepath.Clean(root)
	for d := filepath.Dir(p); strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			return
		}
	}
}

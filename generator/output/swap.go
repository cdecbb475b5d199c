package output

import (
	"fmt"
	"os"
	"path/filepath"
)

// swapByRename moves out aside, tmp into place, and returns where the old
// site now is ("" if there was none). out is missing for the instant
// between the two renames.
func swapByRename(tmp, out string) (old string, err error) {
	if _, err := os.Lstat(out); os.IsNotExist(err) {
		return "", os.Rename(tmp, out)
	}
	old = tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return "", fmt.Errorf("%w; the old site could not be put back either (%v): it is in %s", err, rerr, old)
		}
		return "", err
	}
	return old, nil
}

// partlyMoved is replaceContents failing without undoing all it had done:
// the staging folder holds part of the old site, so it must not be deleted.
type partlyMoved struct{ error }

// mover is how replaceContents moves entries: the system's own, or a
// test's that fails on cue.
type mover struct {
	exchange func(a, b string) error // swaps two paths, both existing
	rename   func(from, to string) error
}

var entryMoves = mover{exchange: exchange, rename: os.Rename}

// replaceContents makes the folder out hold what the folder tmp holds, for
// an out that cannot itself be renamed (a mount point); tmp ends up
// holding the old site. Each entry both sites have is exchanged with its
// new version, so a page in both is never missing; the new site's other
// entries are moved in and the old site's other entries moved out. If a
// step fails, the steps done are undone in reverse, so out holds the old
// site again. keep names entries of out that are not the site's own (the
// staging folder, the lock).
func replaceContents(tmp, out string, keep func(name string) bool, m mover) error {
	newNames, err := readNames(tmp)
	if err != nil {
		return err
	}
	oldNames, err := readNames(out)
	if err != nil {
		return err
	}
	inOld := map[string]bool{}
	for _, n := range oldNames {
		inOld[n] = !keep(n)
	}
	inNew := map[string]bool{}
	var undo []func() error
	fail := func(err error) error {
		for i := len(undo) - 1; i >= 0; i-- {
			if uerr := undo[i](); uerr != nil {
				return partlyMoved{fmt.Errorf("%w; putting the old site back failed too (%v): the rest of it is in %s",
					err, uerr, tmp)}
			}
		}
		return err
	}
	for _, n := range newNames {
		inNew[n] = true
		a, b := filepath.Join(tmp, n), filepath.Join(out, n)
		if inOld[n] {
			if err := m.exchange(a, b); err != nil {
				return fail(err)
			}
			undo = append(undo, func() error { return m.exchange(a, b) })
			continue
		}
		if err := m.rename(a, b); err != nil {
			return fail(err)
		}
		undo = append(undo, func() error { return m.rename(b, a) })
	}
	for _, n := range oldNames {
		if !inOld[n] || inNew[n] {
			continue
		}
		a, b := filepath.Join(out, n), filepath.Join(tmp, n)
		if err := m.rename(a, b); err != nil {
			return fail(err)
		}
		undo = append(undo, func() error { return m.rename(b, a) })
	}
	return nil
}

func readNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

// exchangeByRename swaps a and b by three renames, for systems and file
// systems without an atomic exchange; b is missing for an instant.
func exchangeByRename(a, b string) error {
	aside := a + ".swap"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}

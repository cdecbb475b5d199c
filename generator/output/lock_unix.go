//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// errLocked means another process holds the lock.
var errLocked = errors.New("locked")

// lockFile takes an exclusive flock on the file at path, creating it. The
// system drops the lock when the process ends, however it ends, so a killed
// build never leaves a folder locked. unlock removes the file, so a
// finished build leaves nothing beside the site.
func lockFile(path string) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			return nil, err
		}
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, errLocked
		}
		if err != nil {
			// A file system without locks (some network shares): build
			// unlocked rather than not at all.
			f.Close()
			return func() {}, nil
		}
		// The holder before us may have removed the file between our open
		// and our lock: then we hold a lock no one else will look at, and
		// must lock the file that is there now.
		var held, there unix.Stat_t
		if unix.Fstat(int(f.Fd()), &held) == nil && unix.Stat(path, &there) == nil &&
			held.Dev == there.Dev && held.Ino == there.Ino {
			return func() {
				os.Remove(path) // while still locked, so no one locks the old file after us
				f.Close()
			}, nil
		}
		f.Close()
	}
}

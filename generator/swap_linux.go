package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap moves the new site at tmp to out. On Linux an existing out is
// exchanged with tmp in one atomic rename, so there is no instant at which
// out is missing and a browser reloading the preview could get a 404.
func swap(tmp, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return os.RemoveAll(tmp) // tmp now holds the old site
	case errors.Is(err, unix.ENOENT):
		return os.Rename(tmp, out) // first build
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return swapByRename(tmp, out) // a file system without exchange
	}
	return err
}

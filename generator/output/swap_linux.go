package output

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// swap moves the new site at tmp to out and returns where the old site now
// is ("" if there was none). On Linux an existing out is exchanged with tmp
// in one atomic rename, so there is no instant at which out is missing and
// a browser reloading the preview could get a 404.
func swap(tmp, out string) (old string, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return tmp, nil
	case errors.Is(err, unix.ENOENT):
		return "", os.Rename(tmp, out) // first build
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return swapByRename(tmp, out) // a file system without exchange
	}
	return "", err
}

// exchange swaps the paths a and b, atomically where the file system can.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return exchangeByRename(a, b)
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}

// isMountPoint reports whether the folder p is the root of a mount, which
// rename refuses to move ("device or resource busy").
func isMountPoint(p string) bool {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, p, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_TYPE, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return false
	}
	if st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	// Kernels before 5.8 do not say; a different device than the parent's
	// is a mount point too (though a bind mount from the same device is
	// missed, and left to commit's fallback).
	var parent unix.Stat_t
	if unix.Stat(filepath.Dir(p), &parent) != nil {
		return false
	}
	return unix.Mkdev(st.Dev_major, st.Dev_minor) != parent.Dev
}

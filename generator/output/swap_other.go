//go:build !linux

package output

// swap moves the new site at tmp to out, by two renames, and returns where
// the old site now is ("" if there was none).
func swap(tmp, out string) (old string, err error) { return swapByRename(tmp, out) }

// exchange swaps the paths a and b.
func exchange(a, b string) error { return exchangeByRename(a, b) }

// isMountPoint is false here: a mount point shows itself when renaming it
// fails with "device or resource busy", and commit falls back then.
func isMountPoint(p string) bool { return false }

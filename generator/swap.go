package main

import "os"

// swapByRename moves out aside, tmp into place, then removes the old site.
// out is missing for the instant between the two renames.
func swapByRename(tmp, out string) error {
	if _, err := os.Stat(out); os.IsNotExist(err) {
		return os.Rename(tmp, out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

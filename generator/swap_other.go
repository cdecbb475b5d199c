//go:build !linux

package main

// swap moves the new site at tmp to out, by two renames.
func swap(tmp, out string) error { return swapByRename(tmp, out) }

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// write puts files into out as one step: it fills a fresh sibling folder,
// then swaps it into place, so readers (and the dev server) only ever see
// the old complete site or the new complete site, and a failure part way
// leaves out untouched.
func write(out string, files map[string][]byte) error {
	return writeWith(out, files, nil)
}

// writeWith is write with a hook called before each file, so tests can
// stop a build part way through.
func writeWith(out string, files map[string][]byte, before func(n int) error) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %v", parent, plainErr(err))
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return fmt.Errorf("writing the site beside %s: %v", out, plainErr(err))
	}
	if err := fill(tmp, files, before); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, abs); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("putting the new site in place at %s: %v", out, plainErr(err))
	}
	return nil
}

// fill writes files under dir, creating folders as needed, in a stable order.
func fill(dir string, files map[string][]byte, before func(n int) error) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for i, name := range names {
		if before != nil {
			if err := before(i); err != nil {
				return err
			}
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("writing %s: %v", name, plainErr(err))
			}
			made[d] = true
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("writing %s: %v", name, plainErr(err))
		}
	}
	return nil
}

// removeStale deletes half-written sites left beside out by a build that
// was killed; only folders named as write names them are touched.
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".new-*"))
	for _, d := range stale {
		os.RemoveAll(d)
	}
}

func plainErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

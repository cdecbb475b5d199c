package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// staged is a new site being written into a fresh folder beside the output
// folder. commit swaps it into place as one step, so readers (and the dev
// server) only ever see the old complete site or the new complete site,
// and a failure part way leaves the output folder untouched.
type staged struct {
	tmp, out string
	mu       sync.Mutex
	made     map[string]bool // folders already created
}

// stage starts a new site for out.
func stage(out string) (*staged, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %v", parent, plainErr(err))
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return nil, fmt.Errorf("writing the site beside %s: %v", out, plainErr(err))
	}
	return &staged{tmp: tmp, out: abs, made: map[string]bool{}}, nil
}

// put writes one file of the new site; it is safe for concurrent use, so
// pages are written by the goroutines that render them.
func (s *staged) put(name string, data []byte) error {
	p := filepath.Join(s.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	s.mu.Lock()
	made := s.made[dir]
	s.mu.Unlock()
	if !made {
		// Mostly the parent is made already: one mkdir, where MkdirAll
		// would stat the folder and its parent first.
		if os.Mkdir(dir, 0o755) != nil {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("writing %s: %v", name, plainErr(err))
			}
		}
		s.mu.Lock()
		s.made[dir] = true
		s.mu.Unlock()
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %v", name, plainErr(err))
	}
	return nil
}

// commit puts the new site in place of the old.
func (s *staged) commit() error {
	if err := swap(s.tmp, s.out); err != nil {
		s.abort()
		return fmt.Errorf("putting the new site in place at %s: %v", s.out, plainErr(err))
	}
	return nil
}

// abort throws the new site away.
func (s *staged) abort() { os.RemoveAll(s.tmp) }

// write puts files into out as one step.
func write(out string, files map[string][]byte) error {
	return writeWith(out, files, nil)
}

// writeWith is write with a hook called before each file, so tests can
// stop a build part way through.
func writeWith(out string, files map[string][]byte, before func(n int) error) error {
	s, err := stage(out)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if before != nil {
			if err := before(i); err != nil {
				s.abort()
				return err
			}
		}
		if err := s.put(name, files[name]); err != nil {
			s.abort()
			return err
		}
	}
	return s.commit()
}

// removeStale deletes half-written sites left beside out by a build that
// was killed; only folders named as stage names them are touched.
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

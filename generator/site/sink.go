package site

import (
	"bytes"
	"context"
	"sync"
)

// Memory is a sink that keeps the files, for a package made from the
// whole site (export) and for tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put keeps a copy of data: a one-shot build reuses it once Put returns.
func (m *Memory) Put(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data)
	return nil
}

// Files are the files put, by path in the site.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Discard is a sink for checking a site without keeping it.
type Discard struct{}

// Put does nothing.
func (Discard) Put(string, []byte) error { return nil }

// recorder passes files on to a sink and notes their names, so the
// content folder's own files cannot quietly replace one the build made.
// Once ctx is done it refuses every file, which stops whatever is making
// them.
type recorder struct {
	ctx   context.Context
	sink  Sink
	mu    sync.Mutex
	names map[string]bool // files put with data
	kept  []string        // files a preview put with nil data: unchanged since its last build
	all   map[string]bool // names and kept, made when first asked
}

// newRecorder expects about size files, to size its map once: growing it
// to a large site's 20,000 names took a tenth of a one-page preview
// rebuild. A preview's unchanged pages are listed, not mapped: they are
// most of its files, and mapping them cost as much again.
func newRecorder(ctx context.Context, sink Sink, size int) *recorder {
	return &recorder{ctx: ctx, sink: sink, names: make(map[string]bool, size)}
}

// newPreviewRecorder is a recorder for a preview, which puts most files
// with nil data and a few with bytes.
func newPreviewRecorder(ctx context.Context, sink Sink, size int) *recorder {
	return &recorder{ctx: ctx, sink: sink, names: map[string]bool{}, kept: make([]string, 0, size)}
}

// Put passes the file on.
func (r *recorder) Put(name string, data []byte) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	if data == nil {
		r.kept = append(r.kept, name)
	} else {
		r.names[name] = true
	}
	r.mu.Unlock()
	return r.sink.Put(name, data)
}

// made reports whether a file named name was put. It is asked only about
// the content folder's own files, once every other file is put.
func (r *recorder) made(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.kept) == 0 {
		return r.names[name]
	}
	if r.all == nil {
		r.all = make(map[string]bool, len(r.names)+len(r.kept))
		for n := range r.names {
			r.all[n] = true
		}
		for _, n := range r.kept {
			r.all[n] = true
		}
	}
	return r.all[name]
}

// count is how many files were put.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.names) + len(r.kept)
}

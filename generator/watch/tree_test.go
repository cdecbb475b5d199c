package watch

import (
	"os"
	"path/filepath"
	"testing"
)

// tree does file operations below a temporary folder the way a program would, failing the
// test on any error. Names are relative to dir, unless absolute.
type tree struct {
	t       *testing.T
	dir     string // the watched folder
	outside string // a folder that is not watched
}

func (f tree) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(f.dir, filepath.FromSlash(name))
}

func (f tree) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// write creates name, or truncates it, and writes text in one go, as os.WriteFile does.
func (f tree) write(name, text string) {
	f.t.Helper()
	f.check(os.MkdirAll(filepath.Dir(f.path(name)), 0o755))
	f.check(os.WriteFile(f.path(name), []byte(text), 0o644))
}

// writeChunks truncates name and writes chunks one by one, as editors that save in place do.
func (f tree) writeChunks(name string, chunks ...string) {
	f.t.Helper()
	file, err := os.OpenFile(f.path(name), os.O_WRONLY|os.O_TRUNC, 0)
	f.check(err)
	for _, c := range chunks {
		_, err := file.WriteString(c) // no Sync: a slow disk could split the save in two
		f.check(err)
	}
	f.check(file.Close())
}

func (f tree) rename(from, to string) { f.t.Helper(); f.check(os.Rename(f.path(from), f.path(to))) }
func (f tree) remove(name string)     { f.t.Helper(); f.check(os.Remove(f.path(name))) }
func (f tree) removeAll(name string)  { f.t.Helper(); f.check(os.RemoveAll(f.path(name))) }
func (f tree) mkdirAll(name string)   { f.t.Helper(); f.check(os.MkdirAll(f.path(name), 0o755)) }
func (f tree) chmod(name string, mode os.FileMode) {
	f.t.Helper()
	f.check(os.Chmod(f.path(name), mode))
}
func (f tree) symlink(target, name string) {
	f.t.Helper()
	f.check(os.Symlink(target, f.path(name)))
}

// Package editor saves a page as editors do (in place, vim, an atomic
// rename, JetBrains' safe write), so that the bench and the watcher's
// benchmark time the file operations an educator's save really makes,
// from one copy of each sequence.
package editor

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A Save is the file operations one editor makes to save a page, as the
// watcher sees them (generator/watch/watch_test.go has each sequence as
// fsnotify reports it).
type Save struct {
	Name string
	Help string
	Save func(page string, text []byte) error
}

// Saves are the ways of saving that the bench's -save and the watcher's
// BenchmarkSave time.
var Saves = []Save{
	{"write", "write in place, as os.WriteFile, VS Code and nano do: empty the file, then write it", writeInPlace},
	{"vim", "vim's default: probe the folder, rename the page to page~, write a new page, fsync it, remove page~", saveVim},
	{"atomic", "atomic rename, as VS Code's atomic save and write-file-atomic do: write and fsync .page.tmp, rename it onto the page", saveAtomic},
	{"jetbrains", "JetBrains safe write: write and fsync page___jb_tmp___, rename the page to page___jb_old___, the temporary onto the page, remove the old", saveJetBrains},
}

// Find returns the save called name.
func Find(name string) (Save, error) {
	i := slices.IndexFunc(Saves, func(s Save) bool { return s.Name == name })
	if i < 0 {
		var names []string
		for _, s := range Saves {
			names = append(names, s.Name)
		}
		return Save{}, fmt.Errorf("%q: not one of %s", name, strings.Join(names, ", "))
	}
	return Saves[i], nil
}

func writeInPlace(page string, text []byte) error { return os.WriteFile(page, text, 0o644) }

// saveVim saves as vim does with its default backupcopy=auto, for a file
// it may rename: a probe file named 4913 to learn whether it may write in
// the folder, the page renamed to its backup, the new page written and
// fsynced, then the backup removed.
func saveVim(page string, text []byte) error {
	dir := filepath.Dir(page)
	probe := filepath.Join(dir, "4913")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		return err
	}
	if err := os.Remove(probe); err != nil {
		return err
	}
	backup := page + "~"
	if err := os.Rename(page, backup); err != nil {
		return err
	}
	if err := writeSynced(page, text); err != nil {
		return err
	}
	return os.Remove(backup)
}

// saveAtomic writes a hidden temporary file beside the page, fsyncs it
// and renames it onto the page.
func saveAtomic(page string, text []byte) error {
	tmp := filepath.Join(filepath.Dir(page), "."+filepath.Base(page)+".tmp")
	if err := writeSynced(tmp, text); err != nil {
		return err
	}
	return os.Rename(tmp, page)
}

// saveJetBrains saves as IntelliJ IDEA and its kin do with "safe write" on.
func saveJetBrains(page string, text []byte) error {
	tmp, old := page+"___jb_tmp___", page+"___jb_old___"
	if err := writeSynced(tmp, text); err != nil {
		return err
	}
	if err := os.Rename(page, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, page); err != nil {
		return err
	}
	return os.Remove(old)
}

func writeSynced(name string, text []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(text)
	serr := f.Sync()
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	if serr != nil {
		return serr
	}
	return cerr
}

// Help lists the saves, each with what it does, for a flag's help.
func Help() string {
	var b strings.Builder
	for i, s := range Saves {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s)", s.Name, s.Help)
	}
	return b.String()
}

package watch

import (
	"path/filepath"
	"strconv"
	"strings"
)

// ignored reports whether a file or folder name belongs to an editor or a tool rather than to
// the site, so that its comings and goings never trigger a rebuild. Each rule names the program
// whose droppings it catches; see the package comment for how a save is still seen.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."):
		// Hidden files: vim swap files (.page.md.swp), emacs locks (.#page.md), gedit's
		// .goutputstream-XXXXXX, atomic-save temps such as .page.md.tmp123, .DS_Store, and
		// hidden folders like .git, which would also use up watches.
		return true
	case strings.HasSuffix(name, "~"):
		return true // backups from vim, emacs, gedit and nano: page.md~
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") && len(name) > 1:
		return true // emacs auto-save: #page.md#
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true // JetBrains "safe write"
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swx", ".swo":
		return true // vim swap files, should one lack its leading dot
	}
	return vimProbe(name) || sedTemp(name) || tmpSuffix(name)
}

// vimProbe reports whether name is the file vim creates and deletes before a save to test
// whether it may write in the folder: "4913", or 4913+123k when that name is taken
// (bufwrite.c: for (i = 4913; ; i += 123)).
func vimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && '1' <= name[0] && name[0] <= '9' && n >= 4913 && (n-4913)%123 == 0
}

// sedTemp reports whether name is the temporary file GNU sed -i writes beside the file it
// edits before renaming it over the original: "sed" and six letters or digits (mkostemp's
// sedXXXXXX). Names with an extension, such as sedation.md, are real files.
func sedTemp(name string) bool {
	if len(name) != len("sedXXXXXX") || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, r := range name[3:] {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// tmpSuffix reports whether name ends in .tmp or .tmp and digits, the usual names for
// "write a temporary file, then rename it over the real one" (page.md.tmp, page.md.tmp4821).
// Template files such as page.tmpl are kept.
func tmpSuffix(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if !strings.HasPrefix(ext, ".tmp") {
		return false
	}
	for _, r := range ext[len(".tmp"):] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

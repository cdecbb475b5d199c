// Package layouts is the handbook's built-in look: the templates, styles,
// scripts and page starters in this folder, compiled into the program so
// that it needs nothing beside a content folder. A layouts folder next to
// the content replaces them file by file (see generator/layout).
package layouts

import "embed"

// FS holds this folder's templates (*.html, partials/), assets (assets/)
// and page starters (new/). Globs rather than names, so a file added here
// is built in without touching this list.
//
//go:embed *.html partials assets new
var FS embed.FS

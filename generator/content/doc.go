// Package content reads the handbook's Markdown sources.
//
// Every .md file under the content folder is a page. A file named index.md or
// _index.md is the page of the folder it sits in (a section); any other file
// x/y.md is the page at URL x/y/. Files that are not Markdown (images, PDFs) are
// returned as plain files to be copied beside the pages.
//
// A page may open with front matter: YAML between two "---" lines. The keys are
// fixed (see Meta) and checked: an unknown key, a value of the wrong type or a
// bad date is an Error at the line of the key, with a "did you mean" hint where
// one is close. A rejected value is left empty and Meta.Rejected says so, so
// that later checks do not report it a second time as missing. A page with no front matter takes its title from its first
// "# heading", else from its file name, so plain GitHub-style Markdown builds
// unchanged. The heading is read in the dialect conversion uses (package
// markdown/dialect), so the title is the heading's text as the page shows it.
//
// Load reads the whole folder. Update brings an earlier load up to date
// from the files a watcher names, reading only those, and walks the folder
// again, reusing every unchanged page, when only a walk can tell.
//
// Sources written on Windows work too: a UTF-8 byte order mark is dropped and
// CRLF line endings become LF before anything else reads the file, which keeps
// every line number true to what the educator sees in their editor.
package content

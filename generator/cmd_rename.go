package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

const renameUsage = `usage: generator rename OLD.md NEW.md [-content DIR]

Moves the page OLD.md to NEW.md (both in the content folder, as
skills/empathy.md, or content/skills/empathy.md), and rewrites every link
to it, keeping each #anchor, and, for a skill page, every skills: list
that names it. It leaves a redirect at the old address, by adding OLD.md
to the moved page's aliases:, so bookmarks and links from elsewhere keep
working. Nothing is changed if any file cannot be.

`

// runRename moves a page and mends everything that pointed at it, which
// by hand means an edit in every page that links to it.
func runRename(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("rename", renameUsage)
	dir := fs.String("content", "content", "folder of Markdown pages")
	words, err := parseWords(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(words) != 2 {
		return usageError{"rename: give the page's file and its new name, for example: rename skills/empathy.md skills/compassion.md"}
	}
	if info, err := os.Stat(*dir); err != nil || !info.IsDir() {
		return fmt.Errorf("the content folder %q does not exist (give another with -content)", *dir)
	}
	from, to := contentPath(*dir, words[0]), contentPath(*dir, words[1])
	plan, err := planRename(*dir, from, to)
	if err != nil {
		return err
	}
	if err := plan.apply(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Moved %s to %s\n", plan.oldFile, plan.newFile)
	fmt.Fprintf(stdout, "Rewrote %d %s and %d skills: %s in %d other %s\n",
		plan.links, plural(plan.links, "link", "links"), plan.skills, plural(plan.skills, "name", "names"),
		len(plan.edits), plural(len(plan.edits), "file", "files"))
	fmt.Fprintf(stdout, "The old address leads to the new one: %s is in its aliases:\n", from)
	if plan.retired != "" {
		fmt.Fprintf(stdout, "The page is back at its old address %s, so that is no longer in its aliases:\n", plan.retired)
	}
	return nil
}

// contentPath turns a file name as typed (content/skills/x.md,
// skills\x.md) into a content path (skills/x.md).
func contentPath(dir, name string) string {
	name = filepath.ToSlash(filepath.Clean(name))
	prefix := filepath.ToSlash(filepath.Clean(dir)) + "/"
	name = strings.TrimPrefix(name, prefix)
	return strings.TrimPrefix(path.Clean("/"+name), "/")
}

// renamePlan is every change a rename makes, worked out before any file
// is touched.
type renamePlan struct {
	oldFile, newFile string
	moved            []byte            // the page's new text, written to newFile
	edits            map[string][]byte // other files' new text, by file
	links, skills    int               // how many were rewritten
	retired          string            // the alias taken out, the page being back at that address
}

func planRename(dir, from, to string) (*renamePlan, error) {
	pages, files, _ := content.Load(dir) // other pages' problems are for build to report
	tree := nav.Build(pages, files)
	old, retired, err := renameTarget(dir, from, to, pages, tree)
	if err != nil {
		return nil, err
	}
	plan := &renamePlan{
		oldFile: old.Page.File,
		newFile: filepath.Join(dir, filepath.FromSlash(to)),
		edits:   map[string][]byte{},
	}
	oldSlug, newSlug := old.Page.Slug(), strings.TrimSuffix(path.Base(to), ".md")
	renamesSkill := old.Page.Meta.Kind == content.KindSkill && oldSlug != newSlug
	for _, p := range pages {
		raw, err := os.ReadFile(p.File)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot be read: %v", p.File, plainErr(err))
		}
		text, crlf := toLF(raw)
		fromDir, newDir := p.Dir(), p.Dir()
		if p == old.Page {
			newDir = path.Dir(to)
			if newDir == "." {
				newDir = ""
			}
		}
		var n int
		text, n = rewriteLinks(text, p.Line, func(dest string) (string, bool) {
			return relink(tree, fromDir, newDir, dest, old, to)
		})
		plan.links += n
		if renamesSkill {
			text, n = renameSkill(text, p.Meta, oldSlug, newSlug)
			plan.skills += n
		}
		if p == old.Page {
			text = addAlias(text, p.Meta, p.Line, from)
			if retired >= 0 {
				text = removeAlias(text, p.Meta, retired)
				plan.retired = p.Meta.Aliases[retired]
			}
			plan.moved = fromLF(text, crlf)
			continue
		}
		if !bytes.Equal(text, bytesLF(raw)) {
			plan.edits[p.File] = fromLF(text, crlf)
		}
	}
	return plan, nil
}

// renameTarget finds the page from names and checks that it may move to
// to. retired is the index of the page's own alias that the move retires,
// or -1.
func renameTarget(dir, from, to string, pages []*content.Page, tree *nav.Tree) (old *nav.Node, retired int, err error) {
	old = tree.Lookup(from)
	switch {
	case old == nil:
		return nil, 0, fmt.Errorf("%s: there is no such page to rename", filepath.Join(dir, filepath.FromSlash(from)))
	case old.Page.Section:
		return nil, 0, fmt.Errorf("%s is a section's own page: rename moves one page; to rename a section, rename its folder", old.Page.File)
	case !strings.HasSuffix(to, ".md") || to == "" || strings.HasPrefix(to, "../"):
		return nil, 0, usageError{fmt.Sprintf("rename: the new name %q should be a .md file inside the content folder, as skills/compassion.md", to)}
	case path.Base(to) == "index.md" || path.Base(to) == "_index.md":
		return nil, 0, usageError{fmt.Sprintf("rename: %q would make the page a section's own page; choose another name", to)}
	}
	newURL := strings.TrimSuffix(to, ".md") + "/"
	for _, p := range pages {
		if content.SameName(p.URL, newURL) && p != old.Page {
			return nil, 0, fmt.Errorf("%s already exists: choose another name, or rename that page first", p.File)
		}
	}
	// Moving a page back to an old name of its own retires that alias,
	// since its redirect would sit where the page now is; another page's
	// alias there is that page's redirect, which the move cannot take.
	retired = -1
	for _, p := range pages {
		for i, a := range p.Meta.Aliases {
			if u, err := nav.AliasURL(a); err != nil || !content.SameName(u, newURL) {
				continue
			}
			if p != old.Page {
				return nil, 0, fmt.Errorf("%s keeps %s as an old address (in its aliases:), with a redirect there: choose another name, or take it out of that page's aliases: first", p.File, a)
			}
			retired = i
		}
	}
	return old, retired, nil
}

// relink is the new destination of a link written dest on a page in
// folder fromDir that will be in newDir, when the page old moves to
// content path to; ok is false when the link need not change.
func relink(tree *nav.Tree, fromDir, newDir, dest string, old *nav.Node, to string) (string, bool) {
	t, err := nav.ParseTarget(fromDir, dest)
	if err != nil || t.External || t.Unsafe || t.Path == "" {
		return "", false
	}
	target := tree.Find(t)
	switch {
	case target == old:
	case fromDir != newDir && target != nil && !strings.HasPrefix(dest, "/"):
		// The moved page's own links, from its new folder.
		to = target.Page.Path
		if t.Dir || target.Page.Section {
			to = target.Page.URL // written as a folder, kept as one
		}
	case fromDir != newDir && tree.HasFile(t.Path) && !strings.HasPrefix(dest, "/"):
		to = t.Path // an image or download beside the moved page
	default:
		return "", false
	}
	var out string
	if strings.HasPrefix(dest, "/") {
		out = "/" + to
	} else {
		out = relPath(newDir, to)
	}
	if t.Fragment != "" {
		out += "#" + t.Fragment
	}
	return out, out != dest
}

// relPath is the relative link from folder dir to content path p.
func relPath(dir, p string) string {
	if dir == "" {
		if p == "" {
			return "./"
		}
		return p
	}
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(p))
	if err != nil {
		return "/" + p
	}
	rel = filepath.ToSlash(rel)
	if p == "" || strings.HasSuffix(p, "/") {
		rel += "/"
	}
	return rel
}

// linkDest finds the destinations of inline links, ](dest "title"), and
// of reference definitions, [name]: dest.
var (
	inlineDest = regexp.MustCompile(`\]\(\s*(<[^>\n]*>|[^)\s]+)`)
	refDest    = regexp.MustCompile(`(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)`)
	fence      = regexp.MustCompile("(?m)^ {0,3}(```|~~~)")
)

// rewriteLinks replaces each link destination in the body of text (from
// line bodyLine on) that change maps, outside fenced code, and returns
// the text and how many it replaced.
func rewriteLinks(text []byte, bodyLine int, change func(dest string) (string, bool)) ([]byte, int) {
	start := lineOffset(text, bodyLine)
	var out bytes.Buffer
	out.Write(text[:start])
	n := 0
	body := text[start:]
	inCode := false
	for len(body) > 0 {
		end := bytes.IndexByte(body, '\n') + 1
		if end == 0 {
			end = len(body)
		}
		line := body[:end]
		body = body[end:]
		if fence.Match(line) {
			inCode = !inCode
		}
		if inCode {
			out.Write(line)
			continue
		}
		last := 0
		for _, re := range []*regexp.Regexp{inlineDest, refDest} {
			for _, m := range re.FindAllSubmatchIndex(line, -1) {
				if m[2] < last {
					continue
				}
				dest := string(line[m[2]:m[3]])
				angle := strings.HasPrefix(dest, "<")
				if newDest, ok := change(strings.Trim(dest, "<>")); ok {
					if angle || strings.ContainsAny(newDest, " ()") {
						newDest = "<" + newDest + ">"
					}
					out.Write(line[last:m[2]])
					out.WriteString(newDest)
					last = m[3]
					n++
				}
			}
		}
		out.Write(line[last:])
	}
	return out.Bytes(), n
}

// renameSkill replaces the skill name oldSlug with newSlug in each entry
// of the front matter's skills: list.
func renameSkill(text []byte, m content.Meta, oldSlug, newSlug string) ([]byte, int) {
	word := regexp.MustCompile(`(^|[\s\[,'"-])` + regexp.QuoteMeta(oldSlug) + `($|[\s\],'"#])`)
	n := 0
	for i, s := range m.Skills {
		if s != oldSlug {
			continue
		}
		line, ok := m.Lines["skills."+strconv.Itoa(i)]
		if !ok {
			continue
		}
		a, b := lineOffset(text, line), lineOffset(text, line+1)
		loc := word.FindSubmatchIndex(text[a:b])
		if loc == nil {
			continue
		}
		s, e := a+loc[3], a+loc[4] // between the two boundaries
		text = append(text[:s:s], append([]byte(newSlug), text[e:]...)...)
		n++
	}
	return text, n
}

// addAlias adds alias to the front matter's aliases:, as a new list
// entry after the last one, or as a new key before the closing ---.
func addAlias(text []byte, m content.Meta, bodyLine int, alias string) []byte {
	if len(m.Aliases) > 0 {
		line := m.Lines["aliases."+strconv.Itoa(len(m.Aliases)-1)]
		a, b := lineOffset(text, line), lineOffset(text, line+1)
		l := string(text[a:b])
		if i := strings.LastIndex(l, "]"); strings.Contains(l, "[") && i >= 0 {
			return splice(text, a+i, a+i, ", "+alias)
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " -"))]
		return splice(text, b, b, indent+alias+"\n")
	}
	if bodyLine <= 1 { // no front matter
		return splice(text, 0, 0, "---\naliases: ["+alias+"]\n---\n")
	}
	closing := lineOffset(text, bodyLine-1)
	return splice(text, closing, closing, "aliases: ["+alias+"]\n")
}

// removeAlias takes entry i out of the front matter's aliases:, and the
// key itself when that was its only entry. m's line numbers must still
// hold up to entry i's line: rename calls it after addAlias, which only
// adds after the last entry.
func removeAlias(text []byte, m content.Meta, i int) []byte {
	line := m.Lines["aliases."+strconv.Itoa(i)]
	a, b := lineOffset(text, line), lineOffset(text, line+1)
	l := string(text[a:b])
	if open, close := strings.Index(l, "["), strings.LastIndex(l, "]"); open >= 0 && close > open {
		var keep []string
		for _, item := range strings.Split(l[open+1:close], ",") {
			if strings.Trim(strings.TrimSpace(item), `"'`) != m.Aliases[i] {
				keep = append(keep, strings.TrimSpace(item))
			}
		}
		if len(keep) == 0 {
			return splice(text, a, b, "")
		}
		return splice(text, a+open+1, a+close, strings.Join(keep, ", "))
	}
	// A block list's own line number is its first entry's, so the key is
	// found on the line above.
	if prev := lineOffset(text, line-1); len(m.Aliases) == 1 && strings.TrimSpace(string(text[prev:a])) == "aliases:" {
		a = prev
	}
	return splice(text, a, b, "")
}

func splice(text []byte, a, b int, s string) []byte {
	out := make([]byte, 0, len(text)+len(s))
	out = append(out, text[:a]...)
	out = append(out, s...)
	return append(out, text[b:]...)
}

// lineOffset is the byte offset where line (from 1) starts in text, or
// len(text) past its end.
func lineOffset(text []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// toLF reads a page's text as the content package numbers its lines: no
// byte order mark, LF line ends. crlf says to put CRLF back on writing,
// so an editor on Windows sees no change but the rename's.
func toLF(raw []byte) (text []byte, crlf bool) {
	return bytesLF(raw), bytes.Contains(raw, []byte("\r\n"))
}

func bytesLF(raw []byte) []byte {
	b := bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

func fromLF(text []byte, crlf bool) []byte {
	if !crlf {
		return text
	}
	return bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
}

// apply writes the plan: the other files, each replaced whole by a rename
// from a file beside it, then the page at its new name, then the old file
// goes. A failure part way leaves every file either old or new, and the
// page in at least one place.
func (plan *renamePlan) apply() error {
	for file, text := range plan.edits {
		tmp := file + ".rename-tmp"
		if err := os.WriteFile(tmp, text, 0o644); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("%s: cannot be written: %v", file, plainErr(err))
		}
		if err := os.Rename(tmp, file); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("%s: cannot be replaced: %v", file, plainErr(err))
		}
	}
	if err := createFile(plan.newFile, plan.moved); err != nil {
		return err
	}
	if err := os.Remove(plan.oldFile); err != nil {
		return fmt.Errorf("%s was copied to %s but cannot be removed: %v; delete it yourself", plan.oldFile, plan.newFile, plainErr(err))
	}
	return nil
}

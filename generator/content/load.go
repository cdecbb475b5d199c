package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// maxPageSize bounds what one page may hold; a larger "page" is almost
// certainly a mistake (an export, a log) and would slow every build.
const maxPageSize = 8 << 20

// maxCopySize bounds the other files, copied as they are (a PDF handout, a
// video). Each is held in memory until the site is written, and GitHub
// refuses files over 100 MB, so a larger one could not be kept with the
// handbook's sources anyway; it belongs on a shared drive or a web site.
const maxCopySize = 100 << 20

// File is a non-Markdown file in the content folder, copied as is.
type File struct {
	Path string // slash-separated, relative to the content folder
	Data []byte
}

// Load reads every Markdown file under dir and returns its pages sorted by
// path, and the other files to copy. Problems in one file do not stop the
// others being read; all are returned together. Messages name files by dir
// joined with their path, as the educator typed dir.
func Load(dir string) ([]*Page, []File, error) {
	return loadAgain(dir, nil)
}

// earlier is what a previous load of the same folder returned, for reuse:
// the pages that loaded without problems, by Path. loadAgain returns the
// same *Page for a file whose size and modification time are unchanged,
// so later stages can tell at a glance what an edit touched.
type earlier map[string]*Page

// loadAgain is Load, reusing unchanged pages from last (which may be nil),
// for Update when only a walk of the folder can tell what changed. Files
// named in changed (as Load names them in messages) are always read again,
// whatever their times say.
func loadAgain(dir string, last earlier, changed ...string) ([]*Page, []File, error) {
	touched := map[string]bool{}
	for _, c := range changed {
		touched[filepath.Clean(c)] = true
	}
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, nil, fmt.Errorf("the content folder %q does not exist (give another with -content)", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("the content folder %q cannot be opened: %v", dir, plain(err))
	}
	defer root.Close()

	// The walk notes what each entry holds, in order, and hands each file
	// to read to workers that read and parse it while the walk goes on;
	// the results are gathered in the walk's order, so messages come out
	// as a sequential load gives them.
	slots, walkErr := walk(root, dir, last, touched)
	var pages []*Page
	var files []File
	var errs []error
	for _, s := range slots {
		if s.page != nil {
			pages = append(pages, s.page)
		}
		if s.file != nil {
			files = append(files, *s.file)
		}
		if s.err != nil {
			errs = append(errs, s.err)
		}
	}
	if walkErr != nil {
		errs = append(errs, fmt.Errorf("reading the content folder: %v", plain(walkErr)))
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	errs = append(errs, collisions(pages))
	return pages, files, errors.Join(errs...)
}

// walk goes through the content folder in order, noting what each entry
// holds: a page from last whose file is unchanged and not touched, a
// problem, or a file for readAll's workers to read and parse, which they
// do while the walk goes on. It returns once every file is read.
func walk(root *os.Root, dir string, last earlier, touched map[string]bool) ([]*slot, error) {
	var slots []*slot
	read, done := readAll(root)
	walkErr := fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		shown := filepath.Join(dir, filepath.FromSlash(rel))
		if err != nil {
			slots = append(slots, &slot{err: &Error{File: shown, Err: fmt.Errorf("cannot be read: %v", plain(err))}})
			return nil
		}
		if rel != "." && skipped(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if why := unread(root, dir, rel, d.Type()); why != "" {
			slots = append(slots, &slot{err: &Error{File: shown, Warn: true, Err: errors.New(why)}})
			return nil
		}
		info, infoErr := d.Info() // before reading: an edit during the read shows next time
		if p := last[rel]; p != nil && infoErr == nil && !touched[filepath.Clean(shown)] &&
			info.Size() == p.size && info.ModTime().Equal(p.modTime) {
			slots = append(slots, &slot{page: p})
			return nil
		}
		s := &slot{rel: rel, shown: shown, info: info, infoErr: infoErr}
		slots = append(slots, s)
		read <- s
		return nil
	})
	close(read)
	<-done
	return slots, walkErr
}

// slot is one entry of the content folder, in the order of the walk.
type slot struct {
	rel, shown string
	info       fs.FileInfo
	infoErr    error

	page *Page
	file *File
	err  error
}

// readAll starts reading and parsing the slots sent on read, on every
// core; done is closed once read is closed and every slot is loaded.
func readAll(root *os.Root) (read chan<- *slot, done <-chan struct{}) {
	slots, finished := make(chan *slot, 64), make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for s := range slots {
				s.load(root)
			}
		})
	}
	go func() {
		wg.Wait()
		close(finished)
	}()
	return slots, finished
}

// load reads and parses one file.
func (s *slot) load(root *os.Root) {
	raw, err := read(root, s.rel)
	if err != nil {
		s.err = &Error{File: s.shown, Err: err}
		return
	}
	if !isPage(s.rel) {
		s.file = &File{Path: s.rel, Data: raw}
		return
	}
	p, err := parse(s.rel, s.shown, raw)
	if s.infoErr == nil && p != nil {
		p.size, p.modTime = s.info.Size(), s.info.ModTime()
	}
	s.page, s.err = p, err
}

// Known is what a load of the content folder returned, for Update.
type Known struct {
	Pages []*Page // drafts included
	Files []File
	Err   error // the load's problems, warnings included
}

// Update is Load for a caller that knows every file added, changed or
// removed since known was loaded, as a watcher does: it reads those files
// and nothing else, rather than walk the folder. Paths are as Load names
// files in messages; a path outside dir, or one Load would skip (hidden
// files, editors' droppings), is not content. When a path is a folder or a
// link, whose contents only a walk can tell, or when known had problems
// (which a change elsewhere may have mended), Update does the walk.
func Update(dir string, known Known, changed []string) ([]*Page, []File, error) {
	last := reusable(known)
	again := func() ([]*Page, []File, error) { return loadAgain(dir, last, changed...) }
	if len(changed) == 0 || len(known.Pages) == 0 || known.Err != nil {
		return again()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return again()
	}
	defer root.Close()
	// Both lists are sorted by path, as Load leaves them.
	u := &update{root: root, dir: dir, known: known, pages: slices.Clone(known.Pages), files: slices.Clone(known.Files)}
	// A file saved twice since the last good build is named twice; read
	// once, or its problems are reported twice.
	changed = slices.Compact(slices.Sorted(slices.Values(changed)))
	for _, c := range changed {
		if !u.apply(c) {
			return again() // a folder, or a link: only a walk tells what else changed
		}
	}
	if known.Err != nil || !sameURLs(known.Pages, u.pages) {
		// Otherwise no two pages shared an address last time, and each
		// still has the address it had.
		u.errs = append(u.errs, collisions(u.pages))
	}
	return u.pages, u.files, errors.Join(u.errs...)
}

// sameURLs reports whether a and b are pages at the same addresses, in
// the same order.
func sameURLs(a, b []*Page) bool {
	return slices.EqualFunc(a, b, func(p, q *Page) bool { return p.URL == q.URL })
}

// reusable are the pages of known that a walk may reuse: a page with a
// problem is read again, to report it again.
func reusable(known Known) earlier {
	troubled := map[string]bool{}
	for _, e := range Errors(known.Err) {
		var ce *Error
		if errors.As(e, &ce) {
			troubled[ce.File] = true
		}
	}
	last := make(earlier, len(known.Pages))
	for _, p := range known.Pages {
		if !troubled[p.File] {
			last[p.Path] = p
		}
	}
	return last
}

// update is the content folder as Update brings it up to date, one
// changed path at a time.
type update struct {
	root  *os.Root
	dir   string
	known Known
	pages []*Page // sorted by path
	files []File  // sorted by path
	errs  []error
}

// apply reads the changed path c again, or drops it if it has gone, and
// reports false when only a walk of the folder can tell what changed.
func (u *update) apply(c string) bool {
	rel, err := filepath.Rel(u.dir, c)
	if err != nil || !filepath.IsLocal(rel) {
		return true // not in the content folder
	}
	rel = filepath.ToSlash(rel)
	if slices.ContainsFunc(strings.Split(rel, "/"), skipped) {
		return true
	}
	info, err := u.root.Lstat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist) && holds(u.known, rel):
		return false // a folder that went: only a walk tells what else did
	case errors.Is(err, fs.ErrNotExist):
		u.remove(rel)
		return true
	case err != nil || !info.Mode().IsRegular():
		return false
	}
	shown := filepath.Join(u.dir, filepath.FromSlash(rel))
	u.remove(rel)
	raw, err := read(u.root, rel)
	if err != nil {
		u.errs = append(u.errs, &Error{File: shown, Err: err})
		return true
	}
	if !isPage(rel) {
		i, _ := slices.BinarySearchFunc(u.files, rel, fileByPath)
		u.files = slices.Insert(u.files, i, File{Path: rel, Data: raw})
		return true
	}
	p, err := parse(rel, shown, raw)
	u.errs = append(u.errs, err)
	if p != nil {
		p.size, p.modTime = info.Size(), info.ModTime()
		i, _ := slices.BinarySearchFunc(u.pages, rel, pageByPath)
		u.pages = slices.Insert(u.pages, i, p)
	}
	return true
}

// remove drops the page or file at rel.
func (u *update) remove(rel string) {
	if i, ok := slices.BinarySearchFunc(u.pages, rel, pageByPath); ok {
		u.pages = slices.Delete(u.pages, i, i+1)
	}
	if i, ok := slices.BinarySearchFunc(u.files, rel, fileByPath); ok {
		u.files = slices.Delete(u.files, i, i+1)
	}
}

func pageByPath(p *Page, rel string) int { return strings.Compare(p.Path, rel) }
func fileByPath(f File, rel string) int  { return strings.Compare(f.Path, rel) }

// holds reports whether known has a page or file inside folder rel. Both
// lists are sorted by path, so the first path at or after rel+"/" tells.
func holds(known Known, rel string) bool {
	prefix := rel + "/"
	i, _ := slices.BinarySearchFunc(known.Pages, prefix, func(p *Page, s string) int { return strings.Compare(p.Path, s) })
	j, _ := slices.BinarySearchFunc(known.Files, prefix, func(f File, s string) int { return strings.Compare(f.Path, s) })
	return i < len(known.Pages) && strings.HasPrefix(known.Pages[i].Path, prefix) ||
		j < len(known.Files) && strings.HasPrefix(known.Files[j].Path, prefix)
}

// unread says why the entry rel, of type mode, is not read, or returns ""
// for a file to read. Only regular files are read: opening a named pipe
// waits for a writer that never comes, and a device may never end.
// Symlinked folders are not followed (they may loop), and links out of the
// content folder (dir) are never read.
func unread(root *os.Root, dir, rel string, mode fs.FileMode) string {
	if mode&fs.ModeSymlink == 0 {
		if mode.IsRegular() {
			return ""
		}
		return fmt.Sprintf("is %s, so it was skipped: move it out of the content folder", special(mode, "not a file or a folder"))
	}
	info, err := root.Stat(rel)
	switch {
	case err == nil && info.Mode().IsRegular():
		return ""
	case err == nil && info.IsDir():
		return "is a link to a folder, so it was skipped: links to folders are not followed; copy the folder in instead"
	case err == nil:
		return fmt.Sprintf("is a link to %s, so it was skipped: copy the file in instead", special(info.Mode(), "not a file"))
	}
	// The root refuses a link that leaves it, and any link by a full path,
	// without saying whether its target exists; the plain file system tells.
	link := filepath.Join(dir, filepath.FromSlash(rel))
	_, err = os.Stat(link)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "is a link to something that does not exist, so it was skipped: mend the link or remove it"
	case err != nil:
		return fmt.Sprintf("is a link that cannot be followed (%v), so it was skipped: mend the link or remove it", plain(err))
	case leadsInto(link, dir):
		return "is a link that names its file by a full path, so it was skipped: make the link relative to its folder, or copy the file in instead"
	}
	return "is a link to something outside the content folder, so it was skipped: copy the file in instead"
}

// leadsInto reports whether the link at link ends up inside dir.
func leadsInto(link, dir string) bool {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		return false
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, target)
	return err == nil && filepath.IsLocal(rel)
}

// special names a kind of entry that is neither a regular file nor a
// folder, followed by what it is not: "a named pipe, not a file".
func special(mode fs.FileMode, not string) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe, " + not
	case mode&fs.ModeSocket != 0:
		return "a socket, " + not
	case mode&fs.ModeDevice != 0:
		return "a device, " + not
	}
	return "something that is " + not
}

func read(root *os.Root, rel string) ([]byte, error) {
	f, err := root.Open(rel)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", plain(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", plain(err))
	}
	// Sizes are rounded up, so a file just over a limit is not said to be
	// as large as the limit.
	mb := (info.Size() + 1<<20 - 1) >> 20
	switch {
	case isPage(rel) && info.Size() > maxPageSize:
		return nil, fmt.Errorf("is %d MB, larger than the %d MB a page may be: split it into several pages", mb, maxPageSize>>20)
	case info.Size() > maxCopySize:
		return nil, fmt.Errorf("is %d MB, larger than the %d MB a file to copy may be: put it on a shared drive or a web site and link to it there", mb, maxCopySize>>20)
	}
	b := make([]byte, info.Size())
	n, err := io.ReadFull(f, b)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", plain(err))
	}
	return b[:n], nil
}

// isPage reports whether the file at rel is a page (Markdown) rather than
// a file to copy.
func isPage(rel string) bool {
	return strings.ToLower(path.Ext(rel)) == ".md"
}

// skipped reports names that are not content: hidden files and the
// droppings editors leave beside the file being edited.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".tmp") || strings.Contains(name, "___jb_")
}

// collisions reports pages that would be written to the same URL, including
// names that some file systems treat as one: names differing only in case
// overwrite each other on Windows and macOS file shares, and names whose
// accented letters are stored differently (é as one character, or as e and
// a combining accent) on macOS, which compares names in one Unicode form.
// The second spelling usually comes from copying a file from a Mac, whose
// older file system stored the decomposed form.
func collisions(pages []*Page) error {
	seen := make(map[string]*Page, len(pages))
	var errs []error
	for _, p := range pages {
		key := fold(p.URL)
		if q, ok := seen[key]; ok {
			if p.Section && q.Section && (IsReadme(p.Path) || IsReadme(q.Path)) && p.URL == q.URL {
				errs = append(errs, &Error{File: p.File, Err: fmt.Errorf("this file and %s are both the page of the folder %q: a README.md is a folder's page only when the folder has no index.md or _index.md, so rename or remove one", q.File, "/"+p.URL)})
				continue
			}
			errs = append(errs, &Error{File: p.File, Err: fmt.Errorf("this file and %s %s %q: rename or remove one", q.File, clash(q.URL, p.URL), "/"+p.URL)})
			continue
		}
		seen[key] = p
	}
	return errors.Join(errs...)
}

// clash says how two URLs with the same fold become one page.
func clash(a, b string) string {
	switch {
	case a == b:
		return "both become the page"
	case strings.ToLower(a) == strings.ToLower(b):
		return "differ only in capital letters, so on Windows and macOS they become the same page"
	case norm.NFC.String(a) == norm.NFC.String(b):
		return "have names that look the same but store accented letters differently, so on macOS they become the same page"
	}
	return "differ only in capital letters and in how accented letters are stored, so on Windows and macOS they become the same page"
}

// SameName reports whether two slash-separated paths name the same file
// on some file system the handbook may be copied to, as collisions judges.
func SameName(a, b string) bool {
	return fold(a) == fold(b)
}

// fold is name as a file system that ignores case and Unicode form sees it.
func fold(name string) string {
	return strings.ToLower(norm.NFC.String(name))
}

// plain turns an *fs.PathError into its bare reason ("permission denied"):
// the caller already names the file.
func plain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

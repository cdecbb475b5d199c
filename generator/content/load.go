package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// maxFileSize bounds what one page may hold; a larger "page" is almost
// certainly a mistake (an export, a log) and would slow every build.
const maxFileSize = 8 << 20

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
	return LoadAgain(dir, nil)
}

// Earlier is what a previous Load of the same folder returned, for reuse:
// the pages that loaded without problems, by Path. LoadAgain returns the
// same *Page for a file whose size and modification time are unchanged,
// so later stages can tell at a glance what an edit touched.
type Earlier map[string]*Page

// LoadAgain is Load, reusing unchanged pages from earlier (which may be
// nil). Files named in changed (as Load names them in messages) are always
// read again, whatever their times say.
func LoadAgain(dir string, earlier Earlier, changed ...string) ([]*Page, []File, error) {
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

	var pages []*Page
	var files []File
	var errs []error
	walkErr := fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		shown := filepath.Join(dir, filepath.FromSlash(rel))
		if err != nil {
			errs = append(errs, &Error{File: shown, Err: fmt.Errorf("cannot be read: %v", plain(err))})
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
		if d.Type()&fs.ModeSymlink != 0 && !isFile(root, rel) {
			// Symlinked folders are not followed (they may loop), and links
			// out of the content folder are never read.
			errs = append(errs, &Error{File: shown, Warn: true, Err: errors.New("is a link to something outside the content folder or to a folder, so it was skipped: copy the file in instead")})
			return nil
		}
		info, infoErr := d.Info() // before reading: an edit during the read shows next time
		if p := earlier[rel]; p != nil && infoErr == nil && !touched[filepath.Clean(shown)] &&
			info.Size() == p.size && info.ModTime().Equal(p.modTime) {
			pages = append(pages, p)
			return nil
		}
		raw, err := read(root, rel)
		if err != nil {
			errs = append(errs, &Error{File: shown, Err: err})
			return nil
		}
		if strings.ToLower(path.Ext(rel)) != ".md" {
			files = append(files, File{Path: rel, Data: raw})
			return nil
		}
		p, err := parse(rel, shown, raw)
		if infoErr == nil && p != nil {
			p.size, p.modTime = info.Size(), info.ModTime()
		}
		if err != nil {
			errs = append(errs, err)
		}
		if p != nil {
			pages = append(pages, p)
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, fmt.Errorf("reading the content folder: %v", plain(walkErr)))
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	errs = append(errs, collisions(pages))
	return pages, files, errors.Join(errs...)
}

func isFile(root *os.Root, rel string) bool {
	info, err := root.Stat(rel)
	return err == nil && info.Mode().IsRegular()
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
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("is %d MB, larger than the %d MB a page may be: split it into several pages", info.Size()>>20, maxFileSize>>20)
	}
	b := make([]byte, info.Size())
	n, err := io.ReadFull(f, b)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", plain(err))
	}
	return b[:n], nil
}

// skipped reports names that are not content: hidden files and the
// droppings editors leave beside the file being edited.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".tmp") || strings.Contains(name, "___jb_")
}

// collisions reports pages that would be written to the same URL, including
// names differing only in case, which overwrite each other on Windows and
// macOS file shares.
func collisions(pages []*Page) error {
	seen := map[string]*Page{}
	var errs []error
	for _, p := range pages {
		key := strings.ToLower(p.URL)
		if q, ok := seen[key]; ok {
			why := "both become the page"
			if q.URL != p.URL {
				why = "differ only in capital letters, so on Windows and macOS they become the same page"
			}
			errs = append(errs, &Error{File: p.File, Err: fmt.Errorf("this file and %s %s %q: rename or remove one", q.File, why, "/"+p.URL)})
			continue
		}
		seen[key] = p
	}
	return errors.Join(errs...)
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

// Package layout renders pages through the html/template files in the
// layouts folder and gathers its static assets.
//
// layouts/base.html is the frame of every page and must define the blocks
// it uses; layouts/page.html fills it for ordinary pages. A file named after
// a page kind (skill.html, scenario.html, qualification.html, glossary.html)
// overrides page.html for pages of that kind, and 404.html makes the
// not-found page. Files in layouts/partials/ define named templates any
// layout may use. Everything under layouts/assets/ is copied to assets/ in
// the site. Each template is named after its file, so a mistake in one is
// reported as layouts/page.html:22 rather than as an anonymous template.
//
// Templates receive a Data value; its fields are the template API that
// educators editing layouts rely on, so they change with care.
//
// Set.Pages lays out one site's pages, each on its own and from any
// goroutine, so a build can write a page as soon as it has its Doc; its
// Plan carries the site's choices as values (how large a site keeps the
// whole contents in every page; a preview's sidebar memo). Shape hashes
// all that a page shows of the others (titles, order, descriptions,
// skills), so a preview knows which pages need laying out again;
// TestShapeCoversData keeps it in step with Data.
//
// A page does not run all of base.html itself: the pieces that read only
// what pages of one depth share (Root, Home, the site's title, the
// footer's links) run once for each set of those values in a build and are
// copied into the rest (split.go). They are cut from the templates loaded,
// an educator's base.html too, and only where html/template escapes each
// piece as it escapes the whole, so a page is byte for byte what the
// whole template makes.
package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"ppchandbook/generator/content"
)

// Set is the parsed layouts, ready to render.
type Set struct {
	byKind   map[content.Kind]*template.Template
	splits   map[*template.Template]*split // byKind's layouts, cut where pages share pieces; nil where none are shared
	notFound *template.Template
	Assets   map[string][]byte // path under assets/ → bytes
}

// SidebarMemo keeps a large site's sidebar scripts from one build to the
// next. While Shape, which the caller sets to the tree's Shape, is as it
// was, Pages.Finish hands over the same slices again rather than make
// 2.6 MB of scripts (on 10,000 pages) after every save, and a preview
// that remembers what it wrote knows them unchanged without reading them.
type SidebarMemo struct {
	Shape   [32]byte
	made    [32]byte // the Shape scripts were made for
	scripts map[string][]byte
}

// Files are the layouts a site is built with: each file in Dir replaces
// the built-in file of the same name, so an educator can change one
// template or stylesheet without copying the rest.
type Files struct {
	Dir      string // the layouts folder beside the content; it need not exist
	Defaults fs.FS  // the built-in layouts (package ppchandbook/layouts), or nil for Dir alone
}

// ReadFile reads name (slash-separated, as "new/skill.md") from Dir, or
// else from Defaults, and returns what to call the file in a message.
func (f Files) ReadFile(name string) (shown string, b []byte, err error) {
	file := filepath.Join(f.Dir, filepath.FromSlash(name))
	if info, err := os.Stat(file); err == nil && !info.Mode().IsRegular() {
		// Reading a named pipe waits for a writer that never comes.
		return file, nil, fmt.Errorf("%s is not a file that can be read (a named pipe, a device or a folder): move it out of the layouts folder", file)
	}
	b, err = os.ReadFile(file)
	if f.Defaults == nil || !errors.Is(err, fs.ErrNotExist) {
		return file, b, err
	}
	b, err = fs.ReadFile(f.Defaults, name)
	if err != nil {
		return file, nil, err // the educator's folder is where it was looked for
	}
	return builtIn + name, b, nil
}

// builtIn starts the name of a built-in file in a message, so a mistake
// is never blamed on a file the educator does not have. It holds no colon,
// which would break templateError's reading of the place.
const builtIn = "(built in) layouts/"

// files lists the files under folder sub, by slash-separated name below
// it, from both Dir and Defaults, sorted, each once.
func (f Files) files(sub string) ([]string, error) {
	seen := map[string]bool{}
	var errs []error
	walk := func(fsys fs.FS, shown string) {
		err := fs.WalkDir(fsys, sub, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == sub {
				return fs.SkipAll // a layouts folder without this folder is allowed
			}
			if err != nil {
				return fmt.Errorf("%s: cannot be read: %v", filepath.Join(shown, filepath.FromSlash(p)), err)
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~") {
				return nil
			}
			seen[strings.TrimPrefix(p, sub+"/")] = true
			return nil
		})
		errs = append(errs, err)
	}
	if f.Defaults != nil {
		walk(f.Defaults, builtIn)
	}
	if info, err := os.Stat(f.Dir); err == nil && info.IsDir() {
		walk(os.DirFS(f.Dir), f.Dir)
	}
	return slices.Sorted(maps.Keys(seen)), errors.Join(errs...)
}

// Load parses the templates of f and reads its assets.
func Load(f Files) (*Set, error) {
	if f.Defaults == nil {
		if info, err := os.Stat(f.Dir); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("the layouts folder %q does not exist (give another with -layouts)", f.Dir)
		}
	}
	base, err := loadBase(f)
	if err != nil {
		return nil, err
	}
	s := &Set{byKind: map[content.Kind]*template.Template{}, Assets: map[string][]byte{}}
	ts := &templates{f: f, base: base, parsed: map[string]*template.Template{}}
	page := ts.parse("page.html")
	if page == nil && len(ts.errs) == 0 {
		ts.errs = append(ts.errs, fmt.Errorf("%s: the layouts folder needs a page.html for ordinary pages", filepath.Join(f.Dir, "page.html")))
	}
	for _, k := range content.Kinds {
		if t := ts.parse(string(k) + ".html"); t != nil {
			s.byKind[k] = t
		} else {
			s.byKind[k] = page
		}
	}
	s.notFound = ts.parse("404.html")
	if s.notFound == nil {
		s.notFound = page
	}
	errs := ts.errs
	if len(errs) == 0 {
		s.splits = map[*template.Template]*split{}
		for _, t := range s.byKind {
			if _, ok := s.splits[t]; !ok {
				s.splits[t] = splitOf(t)
			}
		}
	}
	if err := s.loadAssets(f); err != nil {
		errs = append(errs, err)
	}
	return s, errors.Join(errs...)
}

// loadBase parses base.html, which frames every page, and the partials.
func loadBase(f Files) (*template.Template, error) {
	baseFile, baseText, err := f.ReadFile("base.html")
	if err != nil {
		return nil, fmt.Errorf("%s: the layouts folder needs a base.html that frames every page", filepath.Join(f.Dir, "base.html"))
	}
	base, err := template.New(baseFile).Funcs(funcs).Parse(string(baseText))
	if err != nil {
		return nil, templateError(err)
	}
	if err := parsePartials(base, f); err != nil {
		return nil, err
	}
	return base, nil
}

// templates parses the page templates, each on a clone of base, and
// gathers their mistakes.
type templates struct {
	f      Files
	base   *template.Template
	parsed map[string]*template.Template // by file name; nil for one missing or broken
	errs   []error
}

// parse returns the template of file name, or nil if there is none or it
// does not parse. page.html also serves the page kind: it is parsed, and
// its mistakes reported, once.
func (ts *templates) parse(name string) *template.Template {
	t, ok := ts.parsed[name]
	if !ok {
		t = ts.parseFile(name)
		ts.parsed[name] = t
	}
	return t
}

func (ts *templates) parseFile(name string) *template.Template {
	file, text, err := ts.f.ReadFile(name)
	if err != nil {
		return nil
	}
	t := template.Must(ts.base.Clone())
	if _, err := t.New(file).Parse(string(text)); err != nil {
		ts.errs = append(ts.errs, templateError(err))
		return nil
	}
	return t
}

func (s *Set) loadAssets(f Files) error {
	names, err := f.files("assets")
	errs := []error{err}
	for _, rel := range names {
		file, b, err := f.ReadFile("assets/" + rel)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot be read: %v", file, err))
			continue
		}
		name := path.Join("assets", rel)
		s.Assets[name] = Minify(name, b)
	}
	return errors.Join(errs...)
}

// parsePartials adds every layouts/partials/*.html to base, so any layout
// can use {{template "name" .}} with the names the partials define.
func parsePartials(base *template.Template, f Files) error {
	names, err := f.files("partials")
	errs := []error{err}
	for _, rel := range names {
		if strings.Contains(rel, "/") || !strings.HasSuffix(rel, ".html") {
			continue
		}
		file, b, err := f.ReadFile("partials/" + rel)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot be read: %v", file, err))
			continue
		}
		if _, err := base.New(file).Parse(string(b)); err != nil {
			errs = append(errs, templateError(err))
		}
	}
	return errors.Join(errs...)
}

var funcs = template.FuncMap{
	// add lets templates number things from 1.
	"add": func(a, b int) int { return a + b },
}

// forKind is the layout for pages of kind.
func (s *Set) forKind(kind content.Kind) *template.Template {
	if t := s.byKind[kind]; t != nil {
		return t
	}
	return s.byKind[content.KindPage]
}

// NotFound renders the 404 page.
func (s *Set) NotFound(data *Data) ([]byte, error) { return run(s.notFound, data) }

func run(t *template.Template, data *Data) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(pageSize)
	if err := runTo(&buf, t, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func runTo(buf *bytes.Buffer, t *template.Template, data *Data) error {
	if err := t.ExecuteTemplate(buf, t.Name(), data); err != nil {
		return templateError(err)
	}
	return nil
}

// pageSize is a typical page, so a page's buffer is not regrown as it fills.
const pageSize = 48 << 10

// pageBuffers are reused by one-shot builds: otherwise each page is a
// fresh 48 KB, 480 MB of garbage on a 10,000-page site.
var pageBuffers = sync.Pool{New: func() any {
	b := new(bytes.Buffer)
	b.Grow(pageSize)
	return b
}}

// tmplPlace matches html/template's "template: NAME:LINE:COL: msg" and
// "template: NAME:LINE: msg" prefixes.
var tmplPlace = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// unclosed matches text/template's "unclosed action started at NAME:LINE".
var unclosed = regexp.MustCompile(`^unclosed action started at (.+):(\d+)$`)

// templateError turns a template error into "layouts/page.html:22:5: ..."
// so an educator's editor can jump to it.
func templateError(err error) error {
	msg := err.Error()
	m := tmplPlace.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("layout: %s", msg)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	text := m[4]
	if u := unclosed.FindStringSubmatch(text); u != nil && u[1] == m[1] {
		// Go reports where the file ends; the educator needs the line
		// the action starts on.
		line, _ = strconv.Atoi(u[2])
		return content.Errorf(m[1], line, 0, "template: unclosed action: end it with }}")
	}
	if i := strings.Index(text, "can't evaluate field "); i >= 0 {
		field := strings.Fields(text[i+len("can't evaluate field "):])[0]
		text = fmt.Sprintf("the page data has no field %q (see the Data type in generator/layout for the fields there are)", field)
	} else {
		text = "template: " + strings.TrimPrefix(text, "executing \""+m[1]+"\" at ")
	}
	return content.Errorf(m[1], line, col, "%s", text)
}

package scorm

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Options are the educator's choices for a package.
type Options struct {
	Title      string // of the organisation and its item, as the LMS lists it
	Identifier string // of the manifest: the LMS's key for the package, kept the same across versions
	Mastery    int    // score out of 100 that passes the knowledge checks; 0 for none (completed, not passed)
}

//go:embed adapter.js
var adapterJS []byte

//go:embed launch.html
var launchHTML string

var launchTemplate = template.Must(template.New("launch.html").Parse(launchHTML))

// adapterFile is the script each page of the package loads.
const adapterFile = "scorm/adapter.js"

// manifestFile is where every LMS looks for the manifest: the zip's root.
const manifestFile = "imsmanifest.xml"

// modified is every entry's time, so the same site gives the same bytes.
var modified = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// Write writes files, a built handbook, to w as a SCORM 1.2 package: the
// manifest first, then every file in name order, each page with the
// adapter's <script> added, and the adapter and its launch page under
// scorm/. Every problem with the site is reported at once.
func Write(w io.Writer, files map[string][]byte, opt Options) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	var errs []error
	for name := range files {
		if !safeName.MatchString(name) {
			errs = append(errs, fmt.Errorf("%s: LMSs need file names of letters, digits, '-', '_' and '.' only (no spaces): rename it", name))
		}
		if name == manifestFile || strings.HasPrefix(name, "scorm/") {
			errs = append(errs, fmt.Errorf("%s: the SCORM package puts its own file there: rename or move it", name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	c, err := readCourse(files, opt.Mastery)
	if err != nil {
		return err
	}
	out := maps.Clone(files)
	for name, b := range files {
		if strings.HasSuffix(name, ".html") && name != "404.html" { // 404.html links from the server's root
			out[name] = withAdapter(name, b)
		}
	}
	out[adapterFile] = adapterJS
	if out[launchFile], err = launchPage(opt.Title, c); err != nil {
		return err
	}
	names := slices.Sorted(maps.Keys(out))
	zw := zip.NewWriter(w)
	if err := add(zw, manifestFile, manifest(opt, names)); err != nil {
		return err
	}
	for _, name := range names {
		if err := add(zw, name, out[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// safeName is a file name every LMS and every web server takes as it is.
var safeName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$`)

// identifier is an XML ID (NCName), which the manifest's identifier must be.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*$`)

// Validate reports every option that no LMS would take.
func (opt Options) Validate() error {
	var errs []error
	if strings.TrimSpace(opt.Title) == "" {
		errs = append(errs, errors.New("the package needs a title"))
	}
	if !identifier.MatchString(opt.Identifier) {
		errs = append(errs, fmt.Errorf("identifier %q: use letters, digits, '-', '_' and '.', starting with a letter, e.g. nhs-trust-ppc-handbook", opt.Identifier))
	}
	if opt.Mastery < 0 || opt.Mastery > 100 {
		errs = append(errs, fmt.Errorf("mastery score %d: give a score from 1 to 100, or 0 for none", opt.Mastery))
	}
	return errors.Join(errs...)
}

// withAdapter adds the adapter's <script> at the end of a page's body.
// It runs after the handbook's own scripts, as deferred scripts do.
func withAdapter(name string, b []byte) []byte {
	root := strings.Repeat("../", strings.Count(name, "/"))
	tag := `<script src="` + root + adapterFile + `" defer></script>` + "\n"
	i := bytes.LastIndex(b, []byte("</body>"))
	if i < 0 {
		return b
	}
	return slices.Concat(b[:i], []byte(tag), b[i:])
}

// launchPage is the SCO's launch page, with the course for the adapter.
func launchPage(title string, c *course) ([]byte, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = launchTemplate.Execute(&b, struct {
		Title  string
		Course template.JS
	}{title, template.JS(data)}) // json.Marshal escapes <, > and &
	return b.Bytes(), err
}

func add(zw *zip.Writer, name string, data []byte) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

package nav

import (
	"cmp"
	"errors"
	"net/url"
	"path"
	"regexp"
	"strings"

	"ppchandbook/generator/content"
)

// Target is a link destination as the site understands it.
type Target struct {
	External bool   // a URL with a scheme (https:, mailto:, tel:) or a //host
	Unsafe   bool   // a scheme that runs code: javascript:, vbscript:, data: but for pictures
	Picture  bool   // a data:image/png, jpeg, gif or webp address: a picture written into the page
	Path     string // content path of the target, cleaned; "" for the same page
	Dir      bool   // written as a folder ("../skills/")
	Fragment string // without "#", unescaped
}

// ParseTarget reads a link destination written on a page in folder fromDir.
// Relative paths are resolved against fromDir; a leading "/" means the top of
// the content folder. Query strings are ignored for internal links.
func ParseTarget(fromDir, dest string) (Target, error) {
	dest = strings.TrimSpace(dest)
	if scheme, ok := schemeOf(dest); ok {
		switch {
		case scheme == "data" && pictureData.MatchString(dest):
			return Target{Picture: true}, nil
		case scheme == "javascript", scheme == "vbscript", scheme == "data", scheme == "file":
			return Target{Unsafe: true}, nil
		}
		return Target{External: true}, nil
	}
	if strings.HasPrefix(dest, "//") {
		return Target{External: true}, nil
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	var t Target
	var err error
	if t.Fragment, err = url.PathUnescape(frag); err != nil {
		t.Fragment = frag
	}
	if p == "" {
		return t, nil
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = strings.ReplaceAll(p, `\`, "/") // links typed on Windows
	t.Dir = strings.HasSuffix(p, "/")
	if !strings.HasPrefix(p, "/") {
		p = path.Join(fromDir, p)
		if p == ".." || strings.HasPrefix(p, "../") {
			return t, errors.New("it goes outside the content folder")
		}
	}
	clean := path.Clean("/" + p)
	if clean == "/" {
		t.Dir = true // the top of the site: "../" from a section, or "/"
	}
	t.Path = strings.TrimPrefix(clean, "/")
	return t, nil
}

// pictureData matches a data: address of a picture a browser shows and
// never runs, as a word processor or Google Docs writes one into a page
// it exports. SVG is left out: it can hold scripts.
var pictureData = regexp.MustCompile(`(?i)^data:image/(png|jpeg|gif|webp|avif)[;,]`)

// schemeOf returns the URL scheme of dest, if it has one. A Windows drive
// letter ("C:") is not a scheme but is external all the same.
func schemeOf(dest string) (string, bool) {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return "", false
	}
	s := strings.ToLower(dest[:i])
	for j, r := range s {
		if !(r >= 'a' && r <= 'z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "", false
		}
	}
	return s, true
}

// Find returns the page a target names: a Markdown file by path, or a
// folder's section page.
func (t *Tree) Find(target Target) *Node {
	if n := t.byPath[target.Path]; n != nil {
		return n
	}
	lower := strings.ToLower(target.Path)
	if strings.HasSuffix(lower, ".md") {
		return nil
	}
	dir := strings.TrimSuffix(target.Path, "/")
	if strings.HasSuffix(lower, ".html") && !t.files[target.Path] {
		// The address of a page's file, as another tool wrote it:
		// folder/index.html is the folder's page, page.html the page.
		dir = strings.TrimSuffix(dir[:len(dir)-len(".html")], "/index")
		if dir == "index" {
			dir = ""
		}
	}
	if dir != "" {
		dir += "/"
	}
	return t.byURL[dir]
}

// HasFile reports whether a non-Markdown file exists at a content path.
func (t *Tree) HasFile(p string) bool { return t.files[p] }

// Resolve rewrites a link written on page from into a relative href. It
// returns false, leaving the link as written, when the destination is
// external or names nothing; the link checker explains why.
func (t *Tree) Resolve(from *content.Page, dest string) (string, bool) {
	target, err := ParseTarget(from.Dir(), dest)
	if err != nil || target.External || target.Unsafe || target.Picture {
		return "", false
	}
	frag := ""
	if target.Fragment != "" {
		frag = "#" + url.PathEscape(target.Fragment)
	}
	if target.Path == "" && !target.Dir {
		return cmp.Or(frag, "#"), true // "#" alone: the top of this page
	}
	if target.Fragment != "" {
		// Heading IDs are in lower case, as GitHub makes them, and
		// GitHub finds "#Setup" for "setup": so does a link here.
		frag = "#" + url.PathEscape(strings.ToLower(target.Fragment))
	}
	if n := t.Find(target); n != nil {
		return Href(from, n.Page) + frag, true
	}
	if t.files[target.Path] {
		return Root(from) + escapePath(target.Path) + frag, true
	}
	return "", false
}

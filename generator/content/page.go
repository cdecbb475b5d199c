package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"html"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"ppchandbook/generator/markdown/dialect"
)

// Page is one Markdown source file, ready to convert.
type Page struct {
	Path    string   // slash-separated, relative to the content folder: "skills/communication.md"
	File    string   // as shown in messages: "content/skills/communication.md"
	URL     string   // site-relative, "" for the home page, else ending in "/": "skills/communication/"
	Section bool     // index.md or _index.md: the page of its folder
	Meta    Meta     // front matter, with Title always set
	Body    []byte   // Markdown after the front matter, normalised to LF
	Line    int      // line in the source file where Body starts
	Hash    [32]byte // of the raw file bytes, so unchanged files can reuse earlier work

	size    int64     // of the file when read, for loadAgain
	modTime time.Time // of the file when read, for loadAgain
}

// Slug is the page's file name without extension, or its folder's name for
// a section page; skills are named by it in front matter.
func (p *Page) Slug() string {
	if p.URL == "" {
		return ""
	}
	return path.Base(strings.TrimSuffix(p.URL, "/"))
}

// Dir is the slash-separated folder of the source file, "" at the top.
func (p *Page) Dir() string {
	d := path.Dir(p.Path)
	if d == "." {
		return ""
	}
	return d
}

// parse builds a Page from a file's bytes. All problems are returned
// together; the page is still usable for link checking when err != nil.
func parse(rel, file string, raw []byte) (*Page, error) {
	p := &Page{Path: rel, File: file, Hash: sha256.Sum256(raw)}
	p.URL, p.Section = pageURL(rel)
	if err := checkEncoding(raw); err != nil {
		return nil, &Error{File: file, Line: lineOf(raw, err.offset), Err: err}
	}
	src := normalise(raw)
	meta, body, line, err := splitFrontMatter(src)
	if err != nil {
		return nil, &Error{File: file, Line: 1, Col: 1, Err: err}
	}
	p.Body, p.Line = body, line
	if meta != nil {
		err = parseMeta(file, meta, 1, &p.Meta)
	}
	if p.Meta.Lines == nil {
		p.Meta.Lines = map[string]int{}
	}
	if p.Meta.Kind == "" {
		p.Meta.Kind = KindPage
	}
	if p.Meta.Title == "" {
		p.Meta.Title = firstHeading(body)
	}
	if p.Meta.Title == "" {
		p.Meta.Title = titleFromName(p)
	}
	return p, errors.Join(err, warnings(p, meta != nil))
}

// pageURL maps a source path to the page's URL: index.md, _index.md and
// README.md are their folder's page (README.md as on GitHub, in mdBook and
// in MkDocs, so a handbook written for them keeps its structure), anything
// else gets a folder of its own, so URLs stay clean (skills/communication/)
// while each is written as an index.html.
func pageURL(rel string) (url string, section bool) {
	dir, name := path.Split(strings.TrimSuffix(rel, path.Ext(rel)))
	if name == "index" || name == "_index" || IsReadme(rel) {
		return dir, true
	}
	return dir + name + "/", false
}

// IsReadme reports whether the content path rel is a folder's README.md,
// in any case, as GitHub shows it.
func IsReadme(rel string) bool {
	return strings.EqualFold(path.Base(rel), "README.md")
}

// normalise drops a UTF-8 byte order mark and turns CRLF and lone CR line
// endings into LF, so offsets count lines the way editors do.
func normalise(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

type encodingError struct {
	offset int
	msg    string
}

func (e *encodingError) Error() string { return e.msg }

// checkEncoding rejects files that are not UTF-8 text, with advice an
// educator can act on, instead of publishing mojibake.
func checkEncoding(b []byte) *encodingError {
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return &encodingError{0, "the file is saved as UTF-16: save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"}
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &encodingError{i, "the file contains a NUL byte, so it looks like a binary file rather than Markdown text"}
	}
	if utf8.Valid(b) {
		return nil // the usual case, checked many times faster than rune by rune
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return &encodingError{i, "the file has a character that is not valid UTF-8: save it again as UTF-8"}
		}
		i += size
	}
	return nil
}

// lineOf is the line of offset in raw bytes, counting CRLF, LF and lone
// CR endings as editors do.
func lineOf(b []byte, offset int) int {
	return bytes.Count(normalise(b[:offset]), []byte("\n")) + 1
}

// firstHeading returns the text of the first level-1 heading ("# Title"
// or a Title underlined with ===), for pages written without front matter.
// It parses with the dialect conversion uses, so fences, tables, closing
// hashes, a {#id} and typographic quotes are read exactly as the page will
// be rendered.
func firstHeading(body []byte) string {
	doc := dialect.Parse(body)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			return PlainText(h, body)
		}
	}
	return ""
}

// PlainText is the visible text of n, without Markdown: what a reader
// sees of a heading, a link or an image's alt text. Link destinations and
// emphasis marks are left out, and entities, typed (&amp;) or from the
// typographer (&rsquo;), become the characters they stand for.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.CodeSpan:
			// Code is shown as typed: "&amp;" in code is five characters.
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			// goldmark leaves entities ("Q&amp;A") to its renderer.
			b.WriteString(html.UnescapeString(string(c.Value(src))))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// titleFromName turns "attention-to-detail.md" into "Attention to detail".
func titleFromName(p *Page) string {
	name := p.Slug()
	if name == "" {
		return "Home"
	}
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

package markdown

import (
	stdhtml "html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"ppchandbook/generator/content"
)

// walker makes one pass over a parsed page: it collects headings, IDs,
// links and text, and applies the handbook's changes to the tree before it
// is rendered.
type walker struct {
	page    *content.Page
	src     []byte
	lines   lineIndex
	ids     *ids
	resolve Resolver
	policy  *bluemonday.Policy
	kind    content.Kind
	doc     *Doc
	section *Section
	text    squasher               // the section's words so far
	tables  int                    // tables so far, to name each uniquely
	quizzes int                    // quizzes so far, to name each uniquely
	errs    []error                // problems in the Markdown, at file:line
	fences  []*ast.FencedCodeBlock // with a language, for highlightWarnings

	samePage []fragmentLink // links to a heading of this page, for mendCase

	defs     Definitions
	termSeen map[string]bool // glossary links already given a tooltip
}

func (w *walker) walk(root ast.Node) *Doc {
	w.doc = &Doc{IDs: map[string]int{}, Terms: map[string]string{}}
	w.section = &Section{}
	w.headingIDs(root)
	if h := titleHeading(root, w.src); h != nil {
		w.leadingHeading(h)
		w.titleID(h)
		root.RemoveChild(root, h) // the layout prints the title as the h1
	}
	for n := root.FirstChild(); n != nil; {
		next := n.NextSibling()
		w.block(n)
		n = next
	}
	w.flush()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindRawHTML) {
			w.rawHTML(n)
		}
		return ast.WalkContinue, nil
	})
	w.mendCase()
	return w.doc
}

// block handles one top-level block and everything inside it.
func (w *walker) block(top ast.Node) {
	if h, ok := top.(*ast.Heading); ok {
		w.flush()
		w.heading(h)
		return
	}
	ast.Walk(top, w.visit)
}

// visit handles node n of a top-level block, on the way in.
func (w *walker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Type() == ast.TypeBlock {
		// Before the block's own text (a code block's lines), so that
		// "page needs:" and the code after it stay two words.
		w.text.WriteByte(' ')
	}
	switch n := n.(type) {
	case *ast.Heading:
		// Inside a quote or list: no new search section, and its links
		// are handled by heading, so the walk must not visit them again.
		w.headingRecord(n)
		w.text.WriteString(content.PlainText(n, w.src) + " ")
		return ast.WalkSkipChildren, nil
	case *ast.Link:
		dest := string(n.Destination)
		w.link(n, dest, false, func(d string) { n.Destination = []byte(d) })
		w.glossaryTerm(n, dest)
	case *ast.Image:
		w.link(n, string(n.Destination), true, func(d string) { n.Destination = []byte(d) })
		n.SetAttributeString("loading", []byte("lazy")) // pages load fast on a slow NHS connection
		w.altText(n)
	case *east.DefinitionTerm:
		w.term(n)
	case *east.FootnoteLink:
		// Its number is left out of the text, and the space before it
		// with it: "secretary [^hc]." is "secretary.", not "secretary .".
		w.text.space = false
	case *east.TaskCheckBox:
		w.doc.Tasks++
	case *ast.Blockquote:
		w.blockquote(n)
	case *east.Table:
		w.tables++
		n.SetAttributeString("aria-label", []byte(tableLabel(n, w.src, w.tables)))
		return ast.WalkSkipChildren, w.addText(n)
	case *ast.Text:
		w.text.Write(n.Value(w.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.text.WriteByte(' ')
		}
	case *ast.String:
		w.text.WriteString(stdhtml.UnescapeString(string(n.Value)))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.codeBlock(n)
	}
	return ast.WalkContinue, nil
}

// blockquote warns of a callout marker that is not one of GitHub's.
func (w *walker) blockquote(n *ast.Blockquote) {
	if marker := calloutFrom(n, w.src); marker != "" {
		line, _ := w.lines.at(w.src, max(blockStart(n.FirstChild()), 0))
		w.errs = append(w.errs, content.Warnf(w.page.File, line, 0, "%s", unknownCallout(marker)))
	}
}

// codeBlock keeps a code block's words, and a fence for highlighting,
// unless it is a quiz.
func (w *walker) codeBlock(n ast.Node) {
	if w.quiz(n) {
		return // its words were added by w.quiz
	}
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		w.fences = append(w.fences, f)
	}
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		w.text.Write(seg.Value(w.src))
	}
}

// addText collects the text of n's subtree without other processing, for
// nodes whose children need no rewriting.
func (w *walker) addText(n ast.Node) error {
	return ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			// As in block: a space only where the text breaks a line, so
			// "(<a>RTT</a>)" stays "(RTT)" and "it</a>." stays "it.".
			w.text.Write(c.Value(w.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.text.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's apostrophes and dashes ("&rsquo;").
			w.text.WriteString(stdhtml.UnescapeString(string(c.Value)))
		case *ast.Link:
			w.link(c, string(c.Destination), false, func(d string) { c.Destination = []byte(d) })
		case *ast.Image:
			w.link(c, string(c.Destination), true, func(d string) { c.Destination = []byte(d) })
			w.altText(c)
		}
		if c.Type() == ast.TypeBlock { // the table, its rows and cells: a space between
			w.text.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
}

// leadingHeading warns of a "# heading" that opens a page with a title:
// in front matter, as it is left out, the title taking its place. One
// that only repeats the title is harmless but confusing to edit; one that
// differs would vanish without a word.
func (w *walker) leadingHeading(h *ast.Heading) {
	if _, titled := w.page.Meta.Lines["title"]; !titled {
		return // the heading is the title
	}
	line, _ := w.lines.at(w.src, max(blockStart(h), 0))
	if strings.EqualFold(strings.TrimSpace(content.PlainText(h, w.src)), w.page.Meta.Title) {
		w.errs = append(w.errs, content.Warnf(w.page.File, line, 0, "this # heading repeats the title, which the page shows above it already: remove it, and start the page's headings at ##"))
		return
	}
	w.errs = append(w.errs, content.Warnf(w.page.File, line, 0, "this # heading is left out, because the page shows the title from title: in its place: make it the title, or make it a ## heading"))
}

// altText warns of an image with no words for a screen reader to say, as
// check did alone before, so build and check agree.
func (w *walker) altText(n *ast.Image) {
	if strings.TrimSpace(content.PlainText(n, w.src)) != "" {
		return
	}
	l := w.doc.Links[len(w.doc.Links)-1] // just recorded by link
	if off := n.Pos(); off >= 0 {
		l.Line, l.Col = w.lines.at(w.src, off) // at the "!": with no alt text, link finds no text to start from
	}
	w.errs = append(w.errs, content.Warnf(w.page.File, l.Line, l.Col,
		"image %q has no alt text, so screen reader users cannot tell what it shows: say what it shows between the square brackets", l.Dest))
}

func (w *walker) flush() {
	w.section.Text = w.text.String()
	if w.section.Text != "" || w.section.ID != "" {
		w.doc.Text = append(w.doc.Text, *w.section)
	}
	w.text.Reset()
	w.section = &Section{}
}

func (w *walker) heading(h *ast.Heading) {
	txt, id := w.headingRecord(h)
	w.section = &Section{ID: id, Heading: txt}
}

// headingRecord notes a heading's ID and text and rewrites its links.
func (w *walker) headingRecord(h *ast.Heading) (txt, id string) {
	if h.Level == 1 {
		h.Level = 2 // one h1 per page: the title
	}
	attr, _ := h.AttributeString("id")
	b, _ := attr.([]byte)
	id, txt = string(b), content.PlainText(h, w.src)
	line, _ := w.lines.at(w.src, max(blockStart(h), 0))
	// Links inside headings still need rewriting.
	_ = w.addLinksOnly(h)
	if slices.Contains(Reserved, id) {
		w.errs = append(w.errs, content.Errorf(w.page.File, line, 0,
			"heading id %q is used by the page layout: choose another {#id}", id))
	}
	if first, dup := w.doc.IDs[id]; dup {
		w.errs = append(w.errs, content.Errorf(w.page.File, line, 0,
			"heading id %q is already used on line %d: give this heading another {#id}", id, first))
	}
	w.doc.Headings = append(w.doc.Headings, Heading{Level: h.Level, ID: id, Text: txt, Line: line})
	w.doc.IDs[id] = line
	return txt, id
}

func (w *walker) addLinksOnly(n ast.Node) error {
	return ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			w.link(l, string(l.Destination), false, func(d string) { l.Destination = []byte(d) })
		case *ast.Image:
			w.link(l, string(l.Destination), true, func(d string) { l.Destination = []byte(d) })
		}
		return ast.WalkContinue, nil
	})
}

// term gives a definition-list term an id from its text before any
// bracket, so "DNA (did not attend)" can be linked as glossary.md#dna.
func (w *walker) term(n *east.DefinitionTerm) {
	txt := content.PlainText(n, w.src)
	if i := strings.Index(txt, " ("); i > 0 {
		txt = txt[:i]
	}
	id := string(w.ids.Generate([]byte(txt), n.Kind()))
	n.SetAttributeString("id", []byte(id))
	line, _ := w.lines.at(w.src, max(blockStart(n), 0))
	w.doc.IDs[id] = line
	w.doc.Terms[id] = termDefinition(n, w.src)
}

func (w *walker) link(n ast.Node, dest string, image bool, set func(string)) {
	off := textStart(n)
	if off < 0 {
		off = max(blockStart(n), 0)
	} else {
		off = opening(w.src, off, image)
	}
	line, col := w.lines.at(w.src, off)
	w.doc.Links = append(w.doc.Links, Link{Dest: dest, Line: line, Col: col, Image: image})
	if image && len(dest) > maxPicture && strings.HasPrefix(strings.ToLower(strings.TrimSpace(dest)), "data:") {
		w.errs = append(w.errs, content.Errorf(w.page.File, line, col,
			"image written into the page is %d KB, more than the %d KB a page may hold, so every reader would wait for it: save the picture as a file beside the page and link to it, as ![what it shows](picture.png)",
			len(dest)>>10, maxPicture>>10))
		set("")
		return
	}
	if unsafeLink(strings.TrimSpace(dest)) {
		set("") // not published, in either mode; the link checker says so
		return
	}
	if w.resolve == nil {
		return
	}
	if href, ok := w.resolve(w.page, dest); ok {
		set(href)
		if strings.HasPrefix(href, "#") && len(href) > 1 && strings.HasPrefix(strings.TrimSpace(dest), "#") {
			w.samePage = append(w.samePage, fragmentLink{dest, set})
		}
	}
}

// maxPicture is the most bytes a picture written into a page (a data:
// address, as Google Docs exports one) may take: a photo that size is
// already slow on a phone, and a page holding several can reach
// megabytes that every reader downloads.
const maxPicture = 256 << 10

// opening finds the "[" (or "![") that opens the link whose text starts at
// off, looking back over emphasis and code marks on the same line, so the
// column points where the educator typed the link.
func opening(src []byte, off int, image bool) int {
	i := min(off, len(src)) - 1
	for i >= 0 && src[i] != '[' && src[i] != '\n' {
		i--
	}
	if i < 0 || src[i] != '[' {
		return off
	}
	if image && i > 0 && src[i-1] == '!' {
		return i - 1
	}
	return i
}

// textStart is the offset of the first text inside n, or -1.
func textStart(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// squash is strings.Join(strings.Fields(s), " ") without the slice of
// fields between, and text that needs no change comes back as it is,
// without a copy.
func squash(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			clean = false // may be a Unicode space; the squasher decides
		case asciiSpace[c] == 0:
		case c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ':
			clean = false
		}
	}
	if clean {
		return s
	}
	q := squasher{b: make([]byte, 0, len(s))}
	q.WriteString(s)
	return q.String()
}

// squasher gathers text as squash would return it, as it arrives: white
// space between words becomes one space and the rest is dropped, so a
// section's text is neither held nor walked twice. Pieces must break
// between runes, as the text of Markdown nodes does.
type squasher struct {
	b     []byte
	space bool // white space since the last word: the next word needs a separator
}

func (q *squasher) WriteString(s string) { squashOnto(q, s) }
func (q *squasher) Write(p []byte)       { squashOnto(q, p) }
func (q *squasher) WriteByte(c byte) error {
	if c == ' ' { // the usual byte: between nodes
		q.space = true
		return nil
	}
	squashOnto(q, []byte{c})
	return nil
}

// String returns the text so far.
func (q *squasher) String() string { return string(q.b) }

// Reset empties q, keeping its buffer for the next section.
func (q *squasher) Reset() { q.b, q.space = q.b[:0], false }

func squashOnto[T string | []byte](q *squasher, s T) {
	for i := 0; i < len(s); {
		word := skip(s, i, true)
		if word > i {
			q.space = true
		}
		i = skip(s, word, false)
		if word < i {
			if q.space && len(q.b) > 0 {
				q.b = append(q.b, ' ')
			}
			q.space = false
			q.b = append(q.b, s[word:i]...) // the bytes as they were, even if not UTF-8
		}
	}
}

// skip returns the index of the first byte at or after i that starts a
// rune that is not (if space) or is (if !space) white space.
func skip[T string | []byte](s T, i int, space bool) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if (asciiSpace[c] == 1) != space {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune([]byte(s[i:min(i+utf8.UTFMax, len(s))]))
		if unicode.IsSpace(r) != space {
			return i
		}
		i += n
	}
	return i
}

var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Raw HTML is handled in two steps. The walker reads each raw HTML node as
// a browser's tokenizer would (rawHTML): it drops comments, which are
// editors' notes in every mode; records and rewrites the links and images
// in it like Markdown ones; counts its id and name anchors; and, unless the
// page sets raw_html: true, sanitises it. It stores the result on the node,
// and htmlRenderer writes it out. goldmark hands over raw HTML a piece at a
// time ("<b>", then the text, then "</b>" as separate nodes), so each piece
// is read on its own; the sanitiser does not need them balanced.

// attrHTML is the node attribute holding a raw HTML node's finished HTML.
// goldmark never renders the attributes of raw HTML nodes, so it cannot
// leak.
const attrHTML = "ppc-html"

// htmlRenderer writes the HTML the walker made for each raw HTML node.
type htmlRenderer struct{}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.render)
	reg.Register(ast.KindRawHTML, r.render)
}

func (r *htmlRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if v, ok := node.AttributeString(attrHTML); ok {
			w.Write(v.([]byte))
		}
	}
	return ast.WalkSkipChildren, nil
}

// fragment is a raw HTML node's text, with where each piece of it is in
// the page's source: an HTML block inside a quote or a list loses the
// markers at the start of each line.
type fragment struct {
	text   []byte
	pieces []piece
}

type piece struct{ at, src int } // offset in text, offset in the source

func fragmentOf(n ast.Node, src []byte) fragment {
	var f fragment
	add := func(seg text.Segment, start int) {
		f.pieces = append(f.pieces, piece{at: len(f.text), src: start})
		f.text = append(f.text, seg.Value(src)...)
	}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			add(seg, seg.Start)
		}
		if n.HasClosure() {
			add(n.ClosureLine, n.ClosureLine.Start)
		}
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			add(seg, seg.Start)
		}
	}
	return f
}

// source is the source offset of offset at in the fragment's text.
func (f fragment) source(at int) int {
	p := piece{src: 0}
	for _, q := range f.pieces {
		if q.at > at {
			break
		}
		p = q
	}
	return p.src + at - p.at
}

// rawHTML finishes one raw HTML node, as the comment at the top of this
// file describes.
func (w *walker) rawHTML(n ast.Node) {
	f := fragmentOf(n, w.src)
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(f.text))
	at := 0 // offset of the token in f.text
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := bytes.Clone(z.Raw()) // z.Token may lower-case it in place
		start := at
		at += len(raw)
		switch tt {
		case html.CommentToken:
			continue // an editor's note, never published
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !w.page.Meta.RawHTML && tok.DataAtom == atom.Img && dataSrc(tok) {
				// The sanitiser would drop the address and leave an
				// <img> with none, which is not valid HTML.
				line, _ := w.lines.at(w.src, f.source(start))
				w.doc.Removed = append(w.doc.Removed, Removal{Line: line, What: "<img> with a data: address"})
				continue
			}
			if w.rawTag(&tok, f, start, raw) || tok.DataAtom == atom.H1 {
				demote(&tok)
				out.WriteString(tok.String())
				continue
			}
		case html.EndTagToken:
			if tok := z.Token(); tok.DataAtom == atom.H1 {
				demote(&tok)
				out.WriteString(tok.String())
				continue
			}
		}
		out.Write(raw)
	}
	finished := out.Bytes()
	if !w.page.Meta.RawHTML {
		finished = w.sanitise(finished, f.source(0))
	}
	if n.Kind() == ast.KindHTMLBlock && len(bytes.TrimSpace(finished)) == 0 {
		finished = nil // a block that was only a comment or a script leaves no blank line
	}
	n.SetAttributeString(attrHTML, finished)
}

// rawTag handles the links and anchors of one start tag, and reports
// whether it changed the tag.
func (w *walker) rawTag(tok *html.Token, f fragment, start int, raw []byte) (changed bool) {
	var id, name, unsafe string
	for i := range tok.Attr {
		a := &tok.Attr[i]
		switch {
		case a.Key == "id":
			id = a.Val
		case a.Key == "name" && tok.DataAtom == atom.A:
			name = a.Val
		case a.Key == "href" && (tok.DataAtom == atom.A || tok.DataAtom == atom.Area),
			a.Key == "src" && (tok.DataAtom == atom.Img || tok.DataAtom == atom.Source):
			rewritten, isUnsafe := w.rawLink(a, f, start, raw)
			if isUnsafe {
				unsafe = a.Key // not published; the link checker says so
			}
			changed = changed || rewritten
		}
	}
	if unsafe != "" {
		tok.Attr, changed = dropAttr(tok.Attr, unsafe), true
	}
	// <a name="x">, the old way to make a link target, is not valid
	// HTML any more: it becomes <a id="x">, which every browser follows.
	if name != "" && id == "" {
		id = name
		for i := range tok.Attr {
			if tok.Attr[i].Key == "name" {
				tok.Attr[i].Key = "id"
			}
		}
		changed = true
	}
	if id == "" {
		return changed
	}
	line, _ := w.lines.at(w.src, f.source(start))
	if _, dup := w.doc.IDs[id]; dup || w.ids.used[id] {
		// Most often <a name> beside a heading that already has the
		// same ID: the target exists, and a second would be invalid.
		tok.Attr = dropAttr(tok.Attr, "id")
		return true
	}
	w.ids.Put([]byte(id))
	w.doc.IDs[id] = line
	return changed
}

// rawLink records the link in attribute a (href or src) of a tag at
// start in fragment f, whose text is raw, and rewrites its destination
// as a Markdown link's is. It reports whether it rewrote it, and whether
// the link runs code and so is not published.
func (w *walker) rawLink(a *html.Attribute, f fragment, start int, raw []byte) (rewritten, unsafe bool) {
	dest := strings.TrimSpace(a.Val)
	if w.page.Meta.RawHTML && unsafeLink(dest) {
		return false, false // the raw_html pass, defuse, reports it
	}
	off := f.source(start)
	if k := bytes.Index(raw, []byte(a.Val)); k >= 0 && a.Val != "" {
		off = f.source(start + k)
	}
	line, col := w.lines.at(w.src, off)
	w.doc.Links = append(w.doc.Links, Link{Dest: dest, Line: line, Col: col, Image: a.Key == "src"})
	if unsafeLink(dest) {
		return false, true
	}
	if w.resolve == nil {
		return false, false
	}
	if href, ok := w.resolve(w.page, dest); ok && href != a.Val {
		a.Val = href
		return true, false
	}
	return false, false
}

// demote makes an h1 tag an h2: the page's one h1 is its title, which
// the layout shows, as a Markdown "# heading" after the first is demoted.
func demote(tok *html.Token) {
	if tok.DataAtom == atom.H1 {
		tok.Data, tok.DataAtom = "h2", atom.H2
	}
}

// dataSrc reports whether an img tag's src is a data: address.
func dataSrc(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "src" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "data:") {
			return true
		}
	}
	return false
}

func dropAttr(attrs []html.Attribute, key string) []html.Attribute {
	out := attrs[:0]
	for _, a := range attrs {
		if a.Key != key {
			out = append(out, a)
		}
	}
	return out
}

// escapedHTMLRenderer shows raw HTML as the text that was typed, for the
// text of quizzes, whose questions and options must stay phrasing
// content. Comments are still editors' notes, and are dropped.
type escapedHTMLRenderer struct{}

func (r *escapedHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.render)
	reg.Register(ast.KindRawHTML, r.render)
}

func (r *escapedHTMLRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	f := fragmentOf(node, src)
	z := html.NewTokenizer(bytes.NewReader(f.text))
	var out []byte
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.CommentToken {
			out = append(out, z.Raw()...)
		}
	}
	if node.Kind() == ast.KindHTMLBlock {
		if len(bytes.TrimSpace(out)) == 0 {
			return ast.WalkSkipChildren, nil
		}
		w.WriteString("<p>")
		w.Write(util.EscapeHTML(out))
		w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	}
	w.Write(util.EscapeHTML(out))
	return ast.WalkSkipChildren, nil
}

package markdown

import (
	"bytes"
	"fmt"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// Removal is one tag or attribute the sanitiser took out of a page's raw
// HTML, for check to report.
type Removal struct {
	Line int    // in the source file
	What string // "<iframe>", `onclick="go()" on <a>`
}

// newPolicy is the allow-list for raw HTML in pages without raw_html:
// true, close to GitHub's (the html-pipeline sanitization filter): text
// formatting, tables, lists, details, images and links, with titles,
// languages, ARIA labels and ids. Scripts, styles, frames, forms, event
// handlers, style and class attributes never pass, nor any address but
// http:, https:, mailto: and relative ones. The presentational attributes
// GitHub still allows (align, border, bgcolor, …) and the elements HTML
// has dropped (tt, strike, center, font) are left out too: a page is
// checked as HTML5, and the stylesheet decides how things look.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("h1", "h2", "h3", "h4", "h5", "h6", "br", "b", "i", "strong", "em", "a", "pre", "code",
		"img", "div", "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead", "tbody", "tfoot", "blockquote",
		"dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt", "rp", "li", "tr", "td", "th", "s",
		"summary", "details", "caption", "figure", "figcaption", "abbr", "bdo", "cite", "dfn", "mark", "small",
		"span", "time", "wbr", "u")
	p.AllowAttrs("id", "title", "lang", "dir", "aria-label", "aria-hidden", "aria-describedby", "aria-labelledby").Globally()
	p.AllowAttrs("href").OnElements("a")
	p.AllowNoAttrs().OnElements("a") // <a>text</a> is harmless, and keeps its </a> matched
	p.AllowAttrs("src", "alt", "width", "height", "loading").OnElements("img")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("cite").OnElements("blockquote", "del", "ins", "q")
	p.AllowAttrs("datetime").OnElements("del", "ins", "time")
	p.AllowAttrs("colspan", "rowspan", "headers").OnElements("td", "th")
	p.AllowAttrs("scope", "abbr").OnElements("th")
	p.AllowAttrs("start", "reversed", "type").OnElements("ol")
	p.AllowAttrs("value").OnElements("li")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

// sanitise applies the policy to one piece of raw HTML and notes what it
// removed; at is the piece's offset in the source, for the lines.
func (w *walker) sanitise(in []byte, at int) []byte {
	out := w.policy.SanitizeBytes(in)
	first, _ := w.lines.at(w.src, at)
	for _, r := range removed(in, out) {
		r.Line += first
		w.doc.Removed = append(w.doc.Removed, r)
	}
	return out
}

// tag is one start tag, for comparing HTML before and after sanitising.
type tag struct {
	name  string
	attrs []html.Attribute
	line  int // lines before it in its piece of HTML
}

func tags(b []byte) []tag {
	var out []tag
	line := 0
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			t := z.Token()
			out = append(out, tag{name: t.Data, attrs: t.Attr, line: line})
		}
		line += bytes.Count(raw, []byte("\n"))
	}
}

// removed lists the tags and attributes of before that are not in after.
// The sanitiser only ever drops tags and attributes, keeping the order of
// the rest, so one pass matches them up.
func removed(before, after []byte) []Removal {
	if bytes.Equal(before, after) {
		return nil
	}
	var out []Removal
	kept := tags(after)
	j := 0
	for _, t := range tags(before) {
		if j >= len(kept) || kept[j].name != t.name {
			out = append(out, Removal{Line: t.line, What: "<" + t.name + ">"})
			continue
		}
		for _, a := range t.attrs {
			if !hasAttr(kept[j].attrs, a) {
				out = append(out, Removal{Line: t.line, What: fmt.Sprintf("%s=%q on <%s>", a.Key, a.Val, t.name)})
			}
		}
		j++
	}
	return out
}

func hasAttr(attrs []html.Attribute, a html.Attribute) bool {
	for _, b := range attrs {
		if b.Key == a.Key && b.Val == a.Val {
			return true
		}
	}
	return false
}

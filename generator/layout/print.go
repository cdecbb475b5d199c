package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"path"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// PrintPage is the generated "whole handbook" page: every page in reading
// order on one page, for the browser's print or Save as PDF.
func PrintPage() *content.Page {
	return &content.Page{
		Path: "whole-handbook.md",
		File: "(the generated whole-handbook page)",
		URL:  "whole-handbook/",
		Line: 1,
		Meta: content.Meta{
			Title:       "The whole handbook on one page",
			Description: "Every page in reading order, ready to print or save as a PDF for your portfolio.",
			Kind:        content.KindPage,
			Weight:      100000,
			Lines:       map[string]int{},
		},
	}
}

// Print joins every page's content in reading order. Each page becomes a
// section headed by its title; its headings move down one level and its
// IDs gain the page's prefix, so IDs stay unique on the one page. Links
// between pages become links within it, so the printed PDF keeps working
// cross-references. A scenario's timeline, by page in timelines, comes
// before its text as on the scenario's own page. memo, if not nil, holds
// each page's part as the build before made it, to reuse.
func Print(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, timelines map[*content.Page]template.HTML, page *content.Page, memo *PrintMemo) *markdown.Doc {
	prefixOf := map[string]string{} // page file ("skills/communication/index.html") → ID prefix
	for _, n := range tree.Order {
		if n.Page != page && docs[n.Page] != nil {
			prefixOf[n.Page.URL+"index.html"] = sectionID(n.Page) // unescaped, as printHref finds it
		}
	}
	section := memo.start(prefixOf)
	var b bytes.Buffer
	b.Grow(memo.size())
	b.WriteString(`<p class="print-hint">Use your browser's Print command, or Save as PDF, to keep a copy. The contents and links below work on screen and in the PDF. Each page starts on a new sheet, and web addresses are printed beside their links.</p>` + "\n")
	b.WriteString(`<p class="print-action" hidden><button type="button" class="button print-button">Print this handbook</button></p>` + "\n")
	b.WriteString(`<nav class="toc print-toc" aria-labelledby="print-contents"><h2 id="print-contents" class="toc-title">Contents</h2><ol>`)
	for _, n := range tree.Order {
		if n.Page == page || docs[n.Page] == nil {
			continue
		}
		fmt.Fprintf(&b, `<li><a href="#%s">%s</a></li>`, sectionID(n.Page), escape(n.Page.Meta.Title))
	}
	b.WriteString("</ol></nav>\n")
	for _, n := range tree.Order {
		doc := docs[n.Page]
		if n.Page == page || doc == nil {
			continue
		}
		b.Write(section(n.Page, doc.HTML, timelines[n.Page]))
	}
	memo.made(b.Len())
	return &markdown.Doc{HTML: b.String(), IDs: map[string]int{}}
}

// printSection is page p's section of the print page, from its HTML and
// its timeline, given every page's prefix by file.
func printSection(p *content.Page, html string, tl template.HTML, prefixOf map[string]string) []byte {
	var b bytes.Buffer
	id := sectionID(p)
	fmt.Fprintf(&b, `<section class="print-page" aria-labelledby="%s">`+"\n", id)
	fmt.Fprintf(&b, `<h2 id="%s">%s</h2>`+"\n", id, escape(p.Meta.Title))
	if d := p.Meta.Description; d != "" {
		fmt.Fprintf(&b, `<p class="lead">%s</p>`+"\n", escape(d))
	}
	if tl != "" {
		// Not a region as on the scenario's page: on this one the
		// regions' names would repeat from scenario to scenario.
		b.Write(rewrite(`<div class="pathway"><h2 id="timeline-title">The pathway at a glance</h2>`+string(tl)+`</div>`, p, id, prefixOf))
	}
	b.Write(rewrite(html, p, id, prefixOf))
	writeSources(&b, p.Meta.Sources)
	b.WriteString("</section>\n")
	return b.Bytes()
}

// PrintMemo keeps each page's section of the whole-handbook page from one
// build to the next. A section depends on the page's HTML, timeline,
// address and front matter (title, description, sources), and on the
// addresses of every page on the print page; making every page's again
// was two fifths of a one-page rebuild of the handbook.
type PrintMemo struct {
	prefixOf map[string]string
	sections map[printKey][]byte // by what each was made from, as the build before made them
	len      int                 // of the page the build before made
}

// printKey is what a section is made from. The front matter is in the
// file's hash; the title is there too, as a generated page has no file.
type printKey struct {
	html, url, title string
	timeline         template.HTML
	file             [32]byte
}

// start returns printSection for one build, given every page's prefix by
// file: with a memo, a section made from the same things as last time is
// reused while every prefix is as it was.
func (m *PrintMemo) start(prefixOf map[string]string) func(p *content.Page, html string, tl template.HTML) []byte {
	if m == nil {
		return func(p *content.Page, html string, tl template.HTML) []byte {
			return printSection(p, html, tl, prefixOf)
		}
	}
	old := m.sections
	if !maps.Equal(m.prefixOf, prefixOf) {
		old = nil
	}
	m.prefixOf, m.sections = prefixOf, make(map[printKey][]byte, len(old))
	return func(p *content.Page, html string, tl template.HTML) []byte {
		k := printKey{html, p.URL, p.Meta.Title, tl, p.Hash}
		b, ok := old[k]
		if !ok {
			b = printSection(p, html, tl, prefixOf)
		}
		m.sections[k] = b
		return b
	}
}

// size is the length of the page the build before made, to make room for.
func (m *PrintMemo) size() int {
	if m == nil {
		return 0
	}
	return m.len
}

func (m *PrintMemo) made(n int) {
	if m != nil {
		m.len = n
	}
}

// writeSources lists a page's sources as the page itself does, so that
// on paper each web address is printed beside its title.
func writeSources(b *bytes.Buffer, sources []content.Source) {
	if len(sources) == 0 {
		return
	}
	b.WriteString(`<div class="sources"><h3>Sources</h3><ol>`)
	for _, src := range sources {
		b.WriteString("<li>")
		if u, err := url.Parse(src.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			// Only web addresses are linked: html/template, which writes
			// the page's own list, defuses a javascript: one in the same way.
			fmt.Fprintf(b, `<a href="%s">%s</a>`, escape(src.URL), escape(src.Title))
		} else {
			b.WriteString(escape(src.Title))
		}
		if src.Publisher != "" {
			b.WriteString(". " + escape(src.Publisher))
		}
		if src.Date != "" {
			b.WriteString(", " + escape(src.Date))
		}
		b.WriteString(".</li>")
	}
	b.WriteString("</ol></div>\n")
}

// sectionID names a page's section on the print page: "skills-communication".
func sectionID(p *content.Page) string {
	if p.URL == "" {
		return "page-home"
	}
	// An ID holds no white space, and an href would need it escaped: a
	// file name with spaces ("my notes.md") gets underscores.
	id := strings.ReplaceAll(strings.TrimSuffix(p.URL, "/"), "/", "-")
	return "page-" + strings.Join(strings.Fields(id), "_")
}

// rewrite adapts one page's HTML for the print page. It is one scan over
// the bytes rather than regular expressions: on a thousand-page site the
// print page is the largest thing the build makes.
func rewrite(html string, p *content.Page, prefix string, prefixOf map[string]string) []byte {
	base := &url.URL{Path: "/" + p.URL}
	title := escape(p.Meta.Title)
	out := make([]byte, 0, len(html)+len(html)/8)
	for i := 0; i < len(html); {
		j := strings.IndexAny(html[i:], "=<")
		if j < 0 {
			out = append(out, html[i:]...)
			break
		}
		j += i
		out = append(out, html[i:j]...)
		if html[j] == '<' { // a heading moves down a level
			if k := headingLevel(html, j); k > 0 {
				n := len("<h")
				if html[j+1] == '/' {
					n++
				}
				out = append(out, html[j:j+n]...)
				out = append(out, byte('0'+min(k+1, 6)))
				i = j + n + 1
				continue
			}
			out = append(out, '<')
			i = j + 1
			continue
		}
		name := attrName(html, j)
		end := strings.IndexByte(html[min(j+2, len(html)):], '"')
		if j+1 >= len(html) || html[j+1] != '"' || end < 0 || !rewritten[name] {
			out = append(out, '=')
			i = j + 1
			continue
		}
		out = append(out, `="`...)
		out = appendAttr(out, name, string(html[j+2:j+2+end]), base, title, prefix, prefixOf)
		out = append(out, '"')
		i = j + 2 + end + 1
	}
	// Quizzes are regions named "Knowledge check"; on one page they need
	// their page's name to stay distinct.
	return nameQuizzes(out, title)
}

// appendAttr appends the value val of attribute name, one that rewritten
// lists, as the print page needs it: links and pictures made to work
// from the print page's address (base is the page's own), and IDs and
// region names made unique among all pages (prefix is the page's, title
// its escaped title).
func appendAttr(out []byte, name, val string, base *url.URL, title, prefix string, prefixOf map[string]string) []byte {
	switch name {
	case "href":
		return append(out, printHref(val, base, prefix, prefixOf)...)
	case "src":
		return append(out, printSrc(val, base)...)
	case "fill": // a timeline's hatching: url(#id)
		if id, ok := strings.CutPrefix(val, "url(#"); ok {
			val = "url(#" + prefix + "--" + id
		}
		return append(out, val...)
	case "aria-label":
		// Regions such as "Table 1: Standard" recur from page to page;
		// naming the page keeps every landmark's name unique.
		return append(out, title+": "+val...)
	}
	// An ID, or references to IDs on the same page.
	for k, id := range strings.Fields(val) {
		if k > 0 {
			out = append(out, ' ')
		}
		out = append(out, prefix+"--"+id...)
	}
	return out
}

// nameQuizzes turns each ">Knowledge check</p>" (or "Knowledge check 2")
// into "Knowledge check: Page title</p>".
func nameQuizzes(html []byte, title string) []byte {
	const mark = `">Knowledge check`
	var out []byte
	for {
		i := bytes.Index(html, []byte(mark))
		if i < 0 {
			return append(out, html...)
		}
		end := bytes.Index(html[i:], []byte("</p>"))
		if end < 0 {
			return append(out, html...)
		}
		out = append(out, html[:i+end]...)
		out = append(out, ": "+title...)
		html = html[i+end:]
	}
}

// rewritten are the attributes whose values name IDs or links.
var rewritten = map[string]bool{"id": true, "href": true, "src": true, "for": true, "aria-label": true, "fill": true,
	"aria-describedby": true, "aria-labelledby": true, "aria-controls": true}

// attrName is the attribute name just before the "=" at eq.
func attrName(html string, eq int) string {
	k := eq
	for k > 0 && (html[k-1] == '-' || html[k-1] >= 'a' && html[k-1] <= 'z') {
		k--
	}
	if k == 0 || html[k-1] != ' ' {
		return ""
	}
	return string(html[k:eq])
}

// headingLevel is n for "<hn" or "</hn" followed by space or ">" at lt, else 0.
func headingLevel(html string, lt int) int {
	k := lt + 1
	if k < len(html) && html[k] == '/' {
		k++
	}
	if k+2 >= len(html) || html[k] != 'h' || html[k+1] < '1' || html[k+1] > '6' {
		return 0
	}
	if c := html[k+2]; c != ' ' && c != '>' {
		return 0
	}
	return int(html[k+1] - '0')
}

func printHref(href string, base *url.URL, prefix string, prefixOf map[string]string) string {
	if href == "#" {
		return "#" + prefix // the top of the page: its section
	}
	if strings.HasPrefix(href, "#") {
		return "#" + prefix + "--" + href[1:]
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return href
	}
	target := base.ResolveReference(u)
	file := strings.TrimPrefix(target.Path, "/")
	if path.Base(file) != "index.html" {
		return "../" + escapePath(file) // a file beside the pages: relative to whole-handbook/
	}
	pre, ok := prefixOf[file]
	if !ok {
		return "../" + escapePath(file) // a page not on this one, such as the progress page
	}
	if target.Fragment != "" {
		return "#" + pre + "--" + target.Fragment
	}
	return "#" + pre
}

// printSrc re-bases a picture's address, written relative to its page,
// on the print page's folder, whatever the depth of the page it came from.
func printSrc(src string, base *url.URL) string {
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(src, "/") {
		return src
	}
	t := base.ResolveReference(u)
	out := "../" + escapePath(strings.TrimPrefix(t.Path, "/"))
	if t.RawQuery != "" {
		out += "?" + t.RawQuery
	}
	return out
}

// escapePath escapes a site path for an attribute: spaces and the like,
// but not its slashes.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func escape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

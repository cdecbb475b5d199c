package layout

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
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

var (
	attrRef   = regexp.MustCompile(`\b(id|href|aria-describedby|aria-labelledby|for|aria-label)="([^"]*)"`)
	heading   = regexp.MustCompile(`<(/?)h([1-6])\b`)
	quizTitle = regexp.MustCompile(`(<p class="quiz-title"[^>]*>)(Knowledge check(?: \d+)?)<`)
)

// Print joins every page's content in reading order. Each page becomes a
// section headed by its title; its headings move down one level and its
// IDs gain the page's prefix, so IDs stay unique on the one page. Links
// between pages become links within it, so the printed PDF keeps working
// cross-references.
func Print(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, page *content.Page) *markdown.Doc {
	prefixOf := map[string]string{} // page file ("skills/communication/index.html") → ID prefix
	for _, n := range tree.Order {
		if n.Page != page && docs[n.Page] != nil {
			prefixOf[nav.FileOf(n.Page)] = sectionID(n.Page)
		}
	}
	var b bytes.Buffer
	b.WriteString(`<p class="print-hint">Use your browser's Print command, or Save as PDF, to keep a copy. The contents and links below work on screen and in the PDF.</p>` + "\n")
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
		id := sectionID(n.Page)
		fmt.Fprintf(&b, `<section class="print-page" aria-labelledby="%s">`+"\n", id)
		fmt.Fprintf(&b, `<h2 id="%s">%s</h2>`+"\n", id, escape(n.Page.Meta.Title))
		if d := n.Page.Meta.Description; d != "" {
			fmt.Fprintf(&b, `<p class="lead">%s</p>`+"\n", escape(d))
		}
		b.Write(rewrite(doc.HTML, n.Page, id, prefixOf))
		b.WriteString("</section>\n")
	}
	return &markdown.Doc{HTML: b.Bytes(), IDs: map[string]int{}}
}

// sectionID names a page's section on the print page: "skills-communication".
func sectionID(p *content.Page) string {
	if p.URL == "" {
		return "page-home"
	}
	return "page-" + strings.ReplaceAll(strings.TrimSuffix(p.URL, "/"), "/", "-")
}

// rewrite adapts one page's HTML for the print page.
func rewrite(html []byte, p *content.Page, prefix string, prefixOf map[string]string) []byte {
	base := &url.URL{Path: "/" + p.URL}
	out := attrRef.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := attrRef.FindSubmatch(m)
		name, val := string(sub[1]), string(sub[2])
		switch name {
		case "href":
			return []byte(`href="` + printHref(val, base, prefix, prefixOf) + `"`)
		case "aria-label":
			// Regions such as "Table 1: Standard" recur from page to page;
			// naming the page keeps every landmark's name unique.
			return []byte(`aria-label="` + escape(p.Meta.Title) + ": " + val + `"`)
		default: // an ID or a reference to one on the same page
			ids := strings.Fields(val)
			for i, id := range ids {
				ids[i] = prefix + "--" + id
			}
			return []byte(name + `="` + strings.Join(ids, " ") + `"`)
		}
	})
	// Quizzes are regions named "Knowledge check"; on one page they need
	// their page's name to stay distinct.
	out = quizTitle.ReplaceAll(out, []byte(`${1}${2}: `+escape(p.Meta.Title)+`<`))
	return heading.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := heading.FindSubmatch(m)
		level, _ := strconv.Atoi(string(sub[2]))
		return []byte("<" + string(sub[1]) + "h" + strconv.Itoa(min(level+1, 6)))
	})
}

func printHref(href string, base *url.URL, prefix string, prefixOf map[string]string) string {
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
		return "../" + file // a file beside the pages: relative to whole-handbook/
	}
	pre, ok := prefixOf[file]
	if !ok {
		return "../" + file // a page not on this one, such as the progress page
	}
	if target.Fragment != "" {
		return "#" + pre + "--" + target.Fragment
	}
	return "#" + pre
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

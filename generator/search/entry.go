package search

import (
	"html"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// entry is one search result: a heading section of a page, the part of a
// page before its first heading, or a glossary term.
type entry struct {
	page    int    // index in Index.pages
	heading string // "" for the top of a page
	anchor  string // element id to link to; "" for the top of a page
	text    string // plain text, for matching and for the snippet
	from    uint64 // serial of the pageIndex it came from
	at      int    // its place among that page's entries
	mayEnd  bool   // a text file may end before it: endsBefore of its page's file and its anchor
}

// sections lists the entries of one page as markdown sections, top first.
// The top always exists, so a page is found by its title even when its
// text starts with a heading; it holds the description, which the layout
// prints as the page's lead paragraph, then any text before the first
// heading. doc is nil for a section page the tree made up.
func sections(p *content.Page, doc *markdown.Doc) []markdown.Section {
	if doc != nil && p.Meta.Kind == content.KindGlossary {
		return glossarySections(p, doc)
	}
	top := markdown.Section{Text: p.Meta.Description}
	var rest []markdown.Section
	if doc != nil {
		rest = doc.Text
	}
	if len(rest) > 0 && rest[0].ID == "" {
		top.Text = join(top.Text, unescape(rest[0].Text))
		rest = rest[1:]
	}
	out := make([]markdown.Section, 0, 1+len(rest))
	out = append(out, top)
	for _, s := range rest {
		out = append(out, markdown.Section{ID: s.ID, Heading: unescape(s.Heading), Text: unescape(s.Text)})
	}
	return out
}

// unescape turns the entities goldmark's typographer writes into text
// (&rsquo; into ’), so snippets read as the page does.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

// glossarySections makes each term of a glossary its own entry, linking to
// the term's <dt id>, so "DNA" finds the definition of DNA rather than the
// whole of section D. The terms are read back from the page's HTML, the
// only place that pairs each id with its definition. Text of a heading
// section outside its definition lists stays an entry of its own; a
// heading section that holds only terms (the letters A to Z) has none.
func glossarySections(p *content.Page, doc *markdown.Doc) []markdown.Section {
	page := doc.HTML
	headings := map[string]string{}
	for _, s := range doc.Text {
		headings[s.ID] = unescape(s.Heading)
	}
	// Cut the page at each heading: the first part is the top of the page.
	cuts := []int{0}
	ids := []string{""}
	for at := 0; ; {
		i := strings.Index(page[at:], "<h")
		if i < 0 {
			break
		}
		at += i
		if id, ok := headingID(page[at:]); ok {
			cuts = append(cuts, at)
			ids = append(ids, id)
		}
		at += 2
	}
	cuts = append(cuts, len(page))
	var out []markdown.Section
	for i, id := range ids {
		if id == synonymsID {
			continue // a list for search to read (synonymsOf), not a place to find
		}
		part := page[cuts[i]:cuts[i+1]]
		if id != "" {
			// Skip the heading itself: its text is the section's heading.
			if end := strings.Index(part, "</h"); end >= 0 {
				part = part[end:]
			}
		}
		terms, rest := splitTerms(part)
		text := plainText(rest)
		if id == "" {
			text = join(p.Meta.Description, text)
		}
		if id == "" || text != "" || len(terms) == 0 {
			out = append(out, markdown.Section{ID: id, Heading: headings[id], Text: text})
		}
		out = append(out, terms...)
	}
	return out
}

// splitTerms takes the <dt id>/<dd> pairs out of an HTML fragment and
// returns them as sections, with the HTML that is left.
func splitTerms(part string) (terms []markdown.Section, rest string) {
	var b strings.Builder
	const open = `<dt id="`
	for {
		i := strings.Index(part, open)
		if i < 0 {
			b.WriteString(part)
			return terms, b.String()
		}
		b.WriteString(part[:i])
		id, after, _ := strings.Cut(part[i+len(open):], `">`)
		term, after, _ := strings.Cut(after, "</dt>")
		// The definition runs to the next term or the end of the list.
		end := len(after)
		for _, stop := range []string{"<dt", "</dl>"} {
			if i := strings.Index(after, stop); i >= 0 && i < end {
				end = i
			}
		}
		terms = append(terms, markdown.Section{ID: html.UnescapeString(id), Heading: plainText(term), Text: plainText(after[:end])})
		part = after[end:]
	}
}

// plainText is the text of an HTML fragment with its tags removed and its
// spaces collapsed. A block tag counts as a space, so that
// "<p>a</p><p>b</p>" is "a b", not "ab".
func plainText(fragment string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(fragment, '<')
		if open < 0 {
			b.WriteString(fragment)
			break
		}
		b.WriteString(fragment[:open])
		end := strings.IndexByte(fragment[open:], '>')
		if end < 0 {
			break
		}
		if !isInline(fragment[open+1 : open+end]) {
			b.WriteByte(' ')
		}
		fragment = fragment[open+end+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// isInline reports whether a tag (the text between < and >) is one that
// sits inside a line of text, so that removing it must not add a space:
// "<em>rulebook</em>." is "rulebook.", not "rulebook .".
func isInline(tag string) bool {
	name := strings.TrimPrefix(tag, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	switch strings.ToLower(name) {
	case "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u":
		return true
	}
	return false
}

// headingID returns the id of the h2 to h6 tag s starts with.
func headingID(s string) (string, bool) {
	if len(s) < 3 || s[2] < '2' || s[2] > '6' {
		return "", false
	}
	rest, ok := strings.CutPrefix(s[3:], ` id="`)
	if !ok {
		return "", false
	}
	id, _, ok := strings.Cut(rest, `"`)
	return html.UnescapeString(id), ok
}

package search

import (
	"regexp"
	"strings"
	"testing"
)

// TestHandbookSnippets checks the text of every handbook page's entries,
// from which snippets are cut, against the page as rendered: each
// space-separated piece of an entry's text must be a piece of the page's
// own text. A space put around a link ("( RTT )", "children ."), an
// apostrophe lost ("patient s") or two blocks run together
// ("was.Situation") makes a piece the page does not have. The first
// entry, the first snippet a reader sees of the page, must not be empty.
func TestHandbookSnippets(t *testing.T) {
	tree, docs := loadDir(t, "../../content")
	checked := 0
	for _, n := range tree.Order {
		p, doc := n.Page, docs[n.Page]
		if doc == nil {
			continue
		}
		rendered := map[string]bool{}
		// Footnote numbers are left out of the search text.
		page := footnoteRef.ReplaceAllString(doc.HTML, "")
		for _, w := range strings.Fields(plainText(page) + " " + p.Meta.Description) {
			rendered[w] = true
		}
		secs := sections(p, doc)
		if len(secs) == 0 || secs[0].Text == "" && (len(secs) < 2 || secs[1].Text == "") {
			t.Errorf("%s: no text for its first snippet", p.File)
		}
		for i, s := range secs {
			for _, w := range strings.Fields(s.Text) {
				if !rendered[w] {
					t.Errorf("%s: entry %d (%q) has %q, which the page does not: …%s…", p.File, i, s.Heading, w, around(s.Text, w))
					break // one report per entry is enough to find it
				}
			}
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("checked %d handbook pages; want them all", checked)
	}
}

var footnoteRef = regexp.MustCompile(` ?<sup id="fnref[^"]*"><a [^>]*>[^<]*</a></sup>`)

// around is the text near the first w in s.
func around(s, w string) string {
	i := strings.Index(s, w)
	from, to := max(0, i-30), min(len(s), i+len(w)+30)
	for from > 0 && s[from]&0xC0 == 0x80 {
		from--
	}
	for to < len(s) && s[to]&0xC0 == 0x80 {
		to++
	}
	return s[from:to]
}

// TestPlainText covers the HTML-to-text rule the glossary's entries use:
// inline elements join their neighbours, blocks are spaces.
func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>a</p><p>b</p>", "a b"},
		{"(<a href=x>RTT</a>)", "(RTT)"},
		{"the patient&rsquo;s <em>own</em>.", "the patient’s own."},
		{"<td>was.</td><td>Situation</td>", "was. Situation"},
		{"a<br>b", "a b"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates element IDs that are unique within one page: heading IDs
// as GitHub makes them (headingid.go), and IDs for glossary terms and
// quizzes from Slug, which keeps letters of any script where goldmark's
// own generator drops every non-ASCII letter.
type ids struct {
	used map[string]bool
	next map[string]int // base ID → the number to try first for its next repeat
}

func newIDs() *ids {
	s := &ids{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range Reserved {
		s.used[id] = true
	}
	return s
}

// Reserved are the IDs the built-in layouts give elements around the
// content (TestLayoutIDsReserved holds the list to the templates); a
// heading with the same text gets a numbered ID instead of clashing.
var Reserved = []string{
	"main", "sidebar", "theme-choice", // base.html
	"search-form", "search-input", "search-results", "search-help", // partials/search.html
	"timeline-title", "usedby-title", "skills-title", "children-title", "sources-title", // page.html
	"print-contents",  // the whole-handbook page's contents
	"progress-import", // the progress page's file input
}

// Generate returns a new unique ID for a term or quiz with this text.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.unique(Slug(string(value))))
}

// unique returns base, or base numbered if it is taken, and takes it.
func (s *ids) unique(base string) string {
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		// Start after the last number given to this base, so n equal
		// headings cost n tries rather than n²/2 (20,000 took 70 s).
		// Numbers taken since by other means are still skipped.
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return id
}

// Put records an ID written by hand ({#my-id}).
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slug makes the anchor for a heading text: lower case, letters and digits
// of any script kept, spaces and dashes turned into single hyphens, other
// punctuation and Markdown marks dropped. "1. Clock starts" → "1-clock-starts".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_' || r == '\t' || r == '–' || r == '—':
			dash = true
		}
	}
	return b.String()
}

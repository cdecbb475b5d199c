package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates element IDs that are unique within one page. goldmark's own
// generator drops every non-ASCII letter, so "Café" and "Cafe" differ and
// Welsh or accented headings lose their words; this one keeps letters of any
// script.
type ids struct {
	used map[string]bool
	next map[string]int // base ID → the number to try first for its next repeat
}

func newIDs() *ids {
	s := &ids{used: map[string]bool{}, next: map[string]int{}}
	for _, id := range reserved {
		s.used[id] = true
	}
	return s
}

// reserved are the IDs the layouts use around the content; a heading with
// the same text gets a numbered ID instead of clashing.
var reserved = []string{"main", "sidebar", "toc-title", "children-title", "sources-title", "search", "usedby-title", "skills-title", "timeline-title"}

// Generate returns a new unique ID for a heading or term with this text.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	text := string(value)
	if kind == ast.KindHeading && strings.IndexByte(text, '[') >= 0 {
		// goldmark passes the heading's raw Markdown; GitHub slugs the
		// visible text, so drop link destinations first. Most headings
		// have no link, and the regular expression was 1% of a build.
		text = inlineLink.ReplaceAllString(text, "$1")
	}
	base := Slug(text)
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
	return []byte(id)
}

// inlineLink matches [text](dest), ![alt](src) and [text][ref].
var inlineLink = regexp.MustCompile(`!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)

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

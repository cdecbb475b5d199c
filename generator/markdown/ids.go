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
}

func newIDs() *ids {
	s := &ids{used: map[string]bool{}}
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
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
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

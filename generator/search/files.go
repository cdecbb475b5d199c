package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Sizes, in bytes of JSON, that decide how the index is split. A query
// loads index.js, then the terms files its words fall in (a few per word),
// then the text files of the ten results it shows, so its first results
// cost a few times termsTarget and at most ten times textTarget beyond
// index.js, however large the site. For the handbook, whose terms fit in
// index.js, that is about 30 KB then 2 KB a file, gzipped.
const (
	termsInline = 192 << 10 // up to this, the terms go in index.js itself
	termsTarget = 64 << 10  // the size each terms file grows to
	textTarget  = 4 << 10   // the size each text file grows to
)

// version is the file format, for search.js to refuse files it does not
// understand rather than misread them.
const version = 1

type indexFile struct {
	Kind     string   `json:"kind"` // "index"
	Version  int      `json:"version"`
	Entries  int      `json:"entries"`          // number of entries
	Stop     []string `json:"stop"`             // words queries drop, as the index did
	Text     []int    `json:"text"`             // first entry in each text-N.js
	Shards   []string `json:"shards,omitempty"` // first term of each terms-N.js, when there are any
	Terms    []string `json:"terms"`            // when there are no terms files; else null
	Postings []string `json:"postings"`
}

type termsFile struct {
	Kind     string   `json:"kind"` // "terms"
	N        int      `json:"n"`
	Terms    []string `json:"terms"`    // sorted in UTF-16 order, as JavaScript compares
	Postings []string `json:"postings"` // Postings[i] lists the entries with Terms[i]
}

type textFile struct {
	Kind    string  `json:"kind"` // "text"
	N       int     `json:"n"`
	Pages   [][]any `json:"pages"`   // [title, file] of the pages the entries are on
	Entries [][]any `json:"entries"` // [page in Pages, heading, anchor, text]
}

// Files returns the index as scripts, by path in the site: search/index.js,
// search/terms-N.js when the terms are too many for index.js, and
// search/text-N.js. The format is described in the package comment.
func (ix *Index) Files() map[string][]byte {
	out := map[string][]byte{}
	index := indexFile{Kind: "index", Version: version, Entries: len(ix.entries), Stop: stopWords(), Text: []int{}}
	terms, postings := ix.encodePostings()
	size := 0
	for i := range terms {
		size += len(terms[i]) + len(postings[i]) + 6 // quotes and commas
	}
	if size <= termsInline {
		index.Terms, index.Postings = terms, postings
	} else {
		for n, shard := range split(terms, postings) {
			index.Shards = append(index.Shards, terms[shard[0]])
			out[fmt.Sprintf("search/terms-%d.js", n)] = script(termsFile{
				Kind: "terms", N: n, Terms: terms[shard[0]:shard[1]], Postings: postings[shard[0]:shard[1]]})
		}
	}
	for n, f := range ix.textFiles() {
		index.Text = append(index.Text, f.first)
		out[fmt.Sprintf("search/text-%d.js", n)] = script(f.textFile)
	}
	out["search/index.js"] = script(index)
	return out
}

// script wraps v as a script that hands it to search.js. The JSON escapes
// <, > and & (as \u003c and so on), so no text in the index can close the
// script element or start a comment, whatever a page's title says.
func script(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, numbers and slices: cannot fail
	}
	return append(append([]byte("window.__ppcSearch.add("), b...), ");\n"...)
}

// encodePostings returns every term, sorted, with its postings written as
// a string: for each entry, the gap from the previous entry less one,
// shifted left three bits past the field flags, in base 32, most
// significant digit first. The last digit of a number is one of
// lastDigits, the others one of moreDigits, so no separator is needed and
// a common term costs one or two characters per entry.
func (ix *Index) encodePostings() (terms, postings []string) {
	const (
		lastDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
		moreDigits = "ghijklmnopqrstuvwxyz0123456789-_"
	)
	order := make([]int, len(ix.terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareUTF16(ix.terms[a], ix.terms[b]) })
	terms = make([]string, len(order))
	postings = make([]string, len(order))
	var b []byte
	for i, n := range order {
		terms[i] = ix.terms[n]
		b = b[:0]
		prev := -1
		for _, p := range ix.postings[n] {
			id := int(p >> 3)
			v := uint32(id-prev-1)<<3 | p&7
			prev = id
			var digits [7]byte
			at := len(digits) - 1
			digits[at] = lastDigits[v&31]
			for v >>= 5; v > 0; v >>= 5 {
				at--
				digits[at] = moreDigits[v&31]
			}
			b = append(b, digits[at:]...)
		}
		postings[i] = string(b)
	}
	return terms, postings
}

// split cuts the sorted terms into runs of about termsTarget bytes,
// returned as [start, end) pairs.
func split(terms, postings []string) [][2]int {
	var out [][2]int
	start, size := 0, 0
	for i := range terms {
		size += len(terms[i]) + len(postings[i]) + 6
		if size >= termsTarget || i == len(terms)-1 {
			out = append(out, [2]int{start, i + 1})
			start, size = i+1, 0
		}
	}
	return out
}

type textPart struct {
	textFile
	first int // first entry in the file
}

// textFiles groups the entries, in reading order, into files of about
// textTarget bytes. Small files keep the cost of showing ten results low
// wherever they are; neighbouring sections of a page, which often match
// together, usually share a file.
func (ix *Index) textFiles() []textPart {
	var out []textPart
	var cur *textPart
	size, page := 0, -1 // page: of the last entry added to cur
	for i, e := range ix.entries {
		if cur == nil || size >= textTarget {
			out = append(out, textPart{textFile: textFile{Kind: "text", N: len(out)}, first: i})
			cur, size, page = &out[len(out)-1], 0, -1
		}
		if e.page != page {
			p := ix.pages[e.page]
			cur.Pages = append(cur.Pages, []any{p.title, p.file})
			size += len(p.title) + len(p.file) + 8
			page = e.page
		}
		cur.Entries = append(cur.Entries, []any{len(cur.Pages) - 1, e.heading, e.anchor, e.text})
		size += len(e.heading) + len(e.anchor) + len(e.text) + 12
	}
	return out
}

// compareUTF16 orders strings as JavaScript's < does, by UTF-16 code
// units, so search.js can binary-search the sorted terms. It differs from
// Go's byte order only for characters above U+FFFF, whose surrogates sort
// before U+E000..U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Order(ra) - utf16Order(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func utf16Order(r rune) int {
	if r >= 0xE000 && r <= 0xFFFF {
		return int(r) + 0x100000 // above every surrogate pair
	}
	return int(r)
}

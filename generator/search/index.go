package search

import (
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Index is the search index of a whole site, ready to be written out by
// Files.
type Index struct {
	pages    []page
	entries  []entry    // in reading order; a posting names one by its position
	terms    []string   // by term number, in order of first use
	postings [][]uint32 // by term number: entry<<3 | field flags, in entry order
}

type page struct {
	title string // from front matter
	file  string // output file relative to the site root, from nav.FileOf
}

// Where a term occurs in an entry, as the low three bits of a posting. The
// level (bits 1 and 2) is the best field the term is in; bit 0 says the
// term is in the text as well. search.js ranks by these bits alone, so a
// query is scored without loading any text.
const (
	inText       = 1      // in the entry's text
	levelContext = 1 << 1 // in the title of the page the entry is on
	levelHeading = 2 << 1 // in the entry's own heading (or glossary term)
	levelTitle   = 3 << 1 // in the title, and the entry is the page's top
	levelMask    = 3 << 1
)

// Build indexes every page of tree in reading order, one entry for each
// heading section and glossary term. docs holds each page's converted
// Markdown; a page without one (a section page the tree made up) is
// indexed by its title and description.
func Build(tree *nav.Tree, docs map[*content.Page]*markdown.Doc) *Index {
	return BuildWith(tree, docs, nil)
}

// Memo keeps each page's words between builds, for a preview that
// rebuilds the index after every save: splitting text into words is most
// of the work, and a page's words change only when its Doc does.
type Memo struct {
	mu    sync.Mutex
	words map[*markdown.Doc][][]string // by section: the words of its text
}

// NewMemo makes an empty Memo.
func NewMemo() *Memo { return &Memo{words: map[*markdown.Doc][][]string{}} }

// sectionWords returns the words of section i's text, from memo when it
// has them.
func (m *Memo) sectionWords(doc *markdown.Doc, i int, text string, fresh map[*markdown.Doc][][]string) []string {
	if m != nil && doc != nil {
		m.mu.Lock()
		ws := m.words[doc]
		m.mu.Unlock()
		if i < len(ws) {
			fresh[doc] = ws
			return ws[i]
		}
	}
	var out []string
	words(text, func(w string, _ int) { out = append(out, w) })
	if doc != nil {
		fresh[doc] = append(fresh[doc], out)
	}
	return out
}

// BuildWith is Build reusing memo (which may be nil); afterwards memo
// holds only this build's pages.
func BuildWith(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, memo *Memo) *Index {
	fresh := map[*markdown.Doc][][]string{}
	b := builder{Index: &Index{}, words: map[string]int32{}, numbers: map[string]int32{}}
	for _, n := range tree.Order {
		p := n.Page
		b.pages = append(b.pages, page{title: p.Meta.Title, file: nav.FileOf(p)})
		for i, s := range sections(p, docs[p]) {
			title := uint8(levelTitle)
			if i > 0 {
				title = levelContext
			}
			b.add(p.Meta.Title, title)
			b.add(s.Heading, levelHeading)
			if memo == nil {
				b.add(s.Text, inText)
			} else {
				for _, w := range memo.sectionWords(docs[p], i, s.Text, fresh) {
					b.addWord(w, inText)
				}
			}
			b.entries = append(b.entries, entry{page: len(b.pages) - 1, heading: s.Heading, anchor: s.ID, text: s.Text})
			b.flush()
		}
	}
	if memo != nil {
		memo.mu.Lock()
		memo.words = fresh
		memo.mu.Unlock()
	}
	return b.Index
}

// builder collects the postings of one entry at a time. Terms are numbered
// as they are first met, so each word costs one map lookup.
type builder struct {
	*Index
	words   map[string]int32 // word as written → term number, or -1 for a stop word
	numbers map[string]int32 // term → term number
	flags   []uint8          // by term number: fields of the current entry
	touched []int32          // terms with flags, in the current entry
}

// add records the words of text as found in field.
func (b *builder) add(text string, field uint8) {
	words(text, func(w string, _ int) { b.addWord(w, field) })
}

// addWord records one word as found in field.
func (b *builder) addWord(w string, field uint8) {
	n, ok := b.words[w]
	if !ok {
		n = b.number(key(w))
		b.words[w] = n
	}
	if n < 0 {
		return
	}
	f := b.flags[n]
	if f == 0 {
		b.touched = append(b.touched, n)
	}
	if field == inText {
		f |= inText
	} else if field > f&levelMask {
		f = f&inText | field
	}
	b.flags[n] = f
}

// number returns the number of a term, numbering it if it is new.
func (b *builder) number(term string) int32 {
	if term == "" {
		return -1
	}
	if n, ok := b.numbers[term]; ok {
		return n
	}
	n := int32(len(b.terms))
	b.numbers[term] = n
	b.terms = append(b.terms, term)
	b.postings = append(b.postings, nil)
	b.flags = append(b.flags, 0)
	return n
}

// flush adds the current entry's postings and starts the next entry.
func (b *builder) flush() {
	id := uint32(len(b.entries) - 1)
	for _, n := range b.touched {
		b.postings[n] = append(b.postings[n], id<<3|uint32(b.flags[n]))
		b.flags[n] = 0
	}
	b.touched = b.touched[:0]
}

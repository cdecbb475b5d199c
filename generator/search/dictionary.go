package search

import (
	"math/bits"
	"strings"

	"ppchandbook/generator/markdown"
)

// dictionary numbers terms as they are first met, so each word costs one
// table lookup. Numbers last as long as the Memo does: a term no page uses
// any more has no postings, and Files leaves it out.
type dictionary struct {
	words   wordTable        // word as written → term number, or -1 for a stop word
	numbers map[string]int32 // term → term number
	terms   []string         // by term number
	flags   []uint8          // by term number: fields of the entry being indexed
	touched []uint32         // terms with flags, in the entry being indexed
}

func newDictionary() *dictionary {
	return &dictionary{numbers: map[string]int32{}}
}

// index splits a page's sections into words and returns its entries with
// their terms.
func (d *dictionary) index(serial uint64, title string, secs []markdown.Section) *pageIndex {
	pi := &pageIndex{serial: serial, entries: secs, terms: make([][]uint32, len(secs))}
	for i, s := range secs {
		level := uint8(levelTitle)
		if i > 0 {
			level = levelContext
		}
		d.add(title, level)
		d.add(s.Heading, levelHeading)
		d.add(s.Text, inText)
		ts := make([]uint32, len(d.touched))
		for j, n := range d.touched {
			ts[j] = n<<3 | uint32(d.flags[n])
			d.flags[n] = 0
		}
		d.touched = d.touched[:0]
		pi.terms[i] = ts
	}
	return pi
}

// add records the words of text as found in field.
func (d *dictionary) add(text string, field uint8) {
	for i := 0; ; {
		start, end, h := nextWord(text, i)
		if start == end {
			return
		}
		d.addWord(text[start:end], h, field)
		i = end
	}
}

// addWord records one word, whose hash is h, as found in field.
func (d *dictionary) addWord(w string, h uint64, field uint8) {
	n, ok := d.words.get(w, h)
	if !ok {
		n = d.number(key(w))
		// w is a piece of a page's text: a copy lets the text go once
		// the page is indexed, where the word would keep all of it.
		d.words.put(strings.Clone(w), h, n)
	}
	if n < 0 {
		return
	}
	f := d.flags[n]
	if f == 0 {
		d.touched = append(d.touched, uint32(n))
	}
	if field == inText {
		f |= inText
	} else if field > f&levelMask {
		f = f&inText | field
	}
	d.flags[n] = f
}

// number returns the number of a term, numbering it if it is new.
func (d *dictionary) number(term string) int32 {
	if term == "" {
		return -1
	}
	if n, ok := d.numbers[term]; ok {
		return n
	}
	n := int32(len(d.terms))
	term = strings.Clone(term) // it may be a piece of a page's text, as in addWord
	d.numbers[term] = n
	d.terms = append(d.terms, term)
	d.flags = append(d.flags, 0)
	return n
}

// wordTable maps words as written to term numbers. Looking words up was
// the larger half of indexing a page (45% of it, with a Go map): every
// word of every page is looked up, and the few thousand distinct words
// are met again and again. This table takes the hash nextWord made while
// finding the word, rather than hashing it again, and finds most words
// at the first slot it looks at (linear probing, at most half full).
type wordTable struct {
	slots []wordSlot // a power of two of them; a slot with no word is free
	used  int
	shift uint // 64 - log2(len(slots)): a hash's top bits pick its slot
}

type wordSlot struct {
	hash uint64
	word string
	n    int32
}

// get returns the number of w, whose hash is h, and whether w is there.
func (t *wordTable) get(w string, h uint64) (int32, bool) {
	if t.slots == nil {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := t.slot(h); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == h && s.word == w {
			return s.n, true
		}
		if s.word == "" {
			return 0, false
		}
	}
}

// put adds w, whose hash is h and which is not there yet, with number n.
func (t *wordTable) put(w string, h uint64, n int32) {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	t.insert(wordSlot{h, w, n})
	t.used++
}

func (t *wordTable) insert(s wordSlot) {
	mask := len(t.slots) - 1
	i := t.slot(s.hash)
	for t.slots[i].word != "" {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// slot is where a word whose hash is h is first looked for: the top bits
// of h times a large odd number (Fibonacci hashing), which mixes every bit
// of h into them.
func (t *wordTable) slot(h uint64) int {
	return int((h * 0x9e3779b97f4a7c15) >> t.shift)
}

func (t *wordTable) grow() {
	old := t.slots
	size := max(1024, 2*len(old))
	t.slots = make([]wordSlot, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for _, s := range old {
		if s.word != "" {
			t.insert(s)
		}
	}
}

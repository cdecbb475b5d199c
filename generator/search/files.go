package search

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Sizes, in bytes of JSON, that decide how the index is split. A query
// loads index.js, then the terms files its words fall in (one for each
// word, up to three for the word being typed), then the text files of the
// results it shows (eight pages, up to three sections each), so what its
// first results cost depends on these and not on the size of the site.
// The budget is the handbook's: a first query at most 60 KB gzipped
// (TestHandbookSize; 57 KB at worst over every two-letter prefix). Terms
// files of 12 to 20 KB mean a query loads the few terms it needs rather
// than the handbook's 90 KB of them, and text files of 4 to 8 KB (about
// 2 KB gzipped) that eight pages of results cost some 25 KB. Every file
// costs a build time to write (about a quarter of a millisecond each on a
// virtual disk): a 10,000-page site has some 5,400 files.
const (
	termsInline = 16 << 10 // up to this, the terms go in index.js itself
	termsMin    = 12 << 10 // the size a terms file grows to before it may end
	termsMax    = 20 << 10 // the size at which a terms file ends whatever
	textMin     = 4 << 10  // the size a text file grows to before it may end
	textMax     = 8 << 10  // the size at which a text file ends whatever

	writers = 4 // goroutines making and handing over text files
)

// version is the file format, for search.js to refuse files it does not
// understand rather than misread them.
const version = 3

// textPerFolder is how many text files share a folder. Creating a file in
// a folder that already holds thousands costs about three times as much as
// in a small one (measured on this project's ext4 disks: 4,400 files of
// 17 KB took 1.7 s in one folder and 0.56 s spread over 44), and a large
// site has thousands of text files.
const textPerFolder = 100

// textPath is the path of text file n in the site, made once for a
// preview's memo, which names every text file on every rebuild.
func (m *Memo) textPath(n int) string {
	m.namesMu.Lock()
	defer m.namesMu.Unlock()
	for len(m.names) <= n {
		m.names = append(m.names, "search/"+textName(len(m.names)))
	}
	return m.names[n]
}

// textName is the path of text file n within search/.
func textName(n int) string {
	// Not fmt: a preview names every text file on every rebuild.
	return "t" + strconv.Itoa(n/textPerFolder) + "/text-" + strconv.Itoa(n) + ".js"
}

type indexFile struct {
	Kind     string       `json:"kind"` // "index"
	Version  int          `json:"version"`
	Entries  int          `json:"entries"`          // number of entries
	Stop     []string     `json:"stop"`             // words queries drop, as the index did
	Pages    string       `json:"pages"`            // entries of each page in reading order, as encodeCounts writes them
	Synonyms [][][]string `json:"synonyms"`         // groups of names, each name its terms, from the glossary (synonymsOf)
	Text     string       `json:"text"`             // entries in each text-N.js, as encodeCounts writes them
	Shards   []string     `json:"shards,omitempty"` // first term of each terms-N.js, when there are any
	Terms    []string     `json:"terms"`            // when there are no terms files; else null
	Postings []string     `json:"postings"`
}

// termsFile is the shape of a terms file, which termsScript writes.
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
	var mu sync.Mutex
	ix.Write(func(name string, b []byte) error {
		mu.Lock()
		defer mu.Unlock()
		out[name] = b
		return nil
	})
	return out
}

// Write hands each file Files would return to put as soon as it is made,
// so that a build need not hold them all; it stops at put's first error.
// put is called from several goroutines at once.
// With a Memo, a file whose contents are as the memo's last build wrote
// them is the same slice, so a caller can tell it is unchanged without
// reading it.
func (ix *Index) Write(put func(name string, b []byte) error) error {
	m := ix.memo
	index, terms, err := ix.writeTerms(put)
	if err != nil {
		return err
	}
	index.Entries = len(ix.entries)
	runs := ix.textRuns()
	keys, made, err := ix.writeText(put, runs)
	if err != nil {
		return err
	}
	var counts []int
	for _, r := range runs {
		counts = append(counts, r[1]-r[0])
	}
	m.terms = terms
	if ix.keep {
		m.text, m.handed.text = made, keys
	}
	index.Text = encodeCounts(counts)
	return put("search/index.js", script(index))
}

// writeText hands the text files, one for each run of entries, to put.
// They are most of the index's bytes: they are made and handed over by
// several goroutines, as writing a file is mostly waiting for the disk.
// Without a memo to keep them, each file is let go once handed over; with
// one, it returns each file's key and bytes, by run.
func (ix *Index) writeText(put func(name string, b []byte) error, runs [][2]int) (keys []string, made [][]byte, err error) {
	m := ix.memo
	if ix.keep {
		keys, made = make([]string, len(runs)), make([][]byte, len(runs))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for range writers {
		wg.Go(func() {
			for {
				n := int(next.Add(1) - 1)
				if n >= len(runs) {
					return
				}
				var b []byte
				if ix.keep {
					// A key names the file's number, so a file made before
					// with this key was made at this number.
					keys[n] = ix.textKey(n, runs[n])
					if n < len(m.text) && n < len(m.handed.text) && m.handed.text[n] == keys[n] {
						b = m.text[n]
					}
				}
				if b == nil {
					b = ix.textScript(n, runs[n])
				}
				if ix.keep {
					made[n] = b
				}
				if onDisk(m.onDisk.text, n, keys) {
					b = nil // the folder holds it as it is: tell the sink so, without the bytes
				}
				if err := put(m.textPath(n), b); err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
					next.Store(int64(len(runs))) // stop the others
					return
				}
			}
		})
	}
	wg.Wait()
	return keys, made, first
}

// writeTerms hands the terms files to put, when the terms are too many for
// index.js, and returns index.js as far as the terms make it: without its
// entries and text files. It returns the files it made by termsKey, for
// the memo.
func (ix *Index) writeTerms(put func(name string, b []byte) error) (indexFile, map[string][]byte, error) {
	m := ix.memo
	index := indexFile{Kind: "index", Version: version, Stop: stopWords(),
		Pages: encodeCounts(ix.counts), Synonyms: ix.synonyms}
	if index.Synonyms == nil {
		index.Synonyms = [][][]string{}
	}
	live := m.order(ix.postings)
	postings := make([]string, len(live))
	size := 0
	for i, t := range live {
		postings[i] = m.encode(t, ix.postings[t])
		size += len(m.dict.terms[t]) + len(postings[i]) + 6 // quotes and commas
	}
	m.forgetUnused(ix.postings)
	terms := map[string][]byte{}
	var keys []string
	if size <= termsInline {
		index.Terms = make([]string, len(live))
		for i, t := range live {
			index.Terms[i] = m.dict.terms[t]
		}
		index.Postings = postings
	} else {
		for n, r := range split(m.dict.terms, live, postings) {
			index.Shards = append(index.Shards, m.dict.terms[live[r[0]]])
			var b []byte
			var k string
			if ix.keep {
				k = m.termsKey(n, live[r[0]:r[1]])
				b = m.terms[k]
			}
			if b == nil {
				b = m.termsScript(n, live[r[0]:r[1]], postings[r[0]:r[1]])
			}
			if ix.keep {
				terms[k] = b
				keys = append(keys, k)
			}
			if onDisk(m.onDisk.terms, n, keys) {
				b = nil // the folder holds it as it is
			}
			if err := put(fmt.Sprintf("search/terms-%d.js", n), b); err != nil {
				return index, nil, err
			}
		}
	}
	if ix.keep {
		m.handed.terms = keys
	}
	return index, terms, nil
}

// onDisk reports whether file n, whose key is keys[n], is in the output
// folder as it is now, by the keys of the files there (nil unless this is
// a preview whose last Write reached the folder).
func onDisk(there []string, n int, keys []string) bool {
	return n < len(there) && n < len(keys) && there[n] == keys[n]
}

// script wraps v as a script that hands it to search.js. The JSON escapes
// <, > and & (as \u003c and so on), so no text in the index can close the
// script element or start a comment, whatever a page's title says.
func script(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, numbers and slices: cannot fail
	}
	return append(append([]byte(scriptStart), b...), scriptEnd...)
}

const (
	scriptStart = "window.__ppcSearch.add("
	scriptEnd   = ");\n"
)

// termsScript writes a terms file as script would, without reflection: the
// terms files of a large site are several megabytes, written again after
// every save in a preview.
func (m *Memo) termsScript(n int, terms []int32, postings []string) []byte {
	size := len(scriptStart) + len(scriptEnd) + 64
	for i, t := range terms {
		size += len(m.dict.terms[t]) + len(postings[i]) + 8
	}
	b := make([]byte, 0, size)
	b = append(b, scriptStart+`{"kind":"terms","n":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `,"terms":[`...)
	for i, t := range terms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, m.quoted(t)...)
	}
	b = append(b, `],"postings":[`...)
	for i, p := range postings {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), p...), '"') // digits need no escaping
	}
	return append(b, "]}"+scriptEnd...)
}

// quoted returns term t as a JSON string, escaped as json.Marshal does.
func (m *Memo) quoted(t int32) string {
	for len(m.quotes) < len(m.dict.terms) {
		m.quotes = append(m.quotes, "")
	}
	if m.quotes[t] == "" {
		m.quotes[t] = string(appendQuoted(nil, m.dict.terms[t]))
	}
	return m.quotes[t]
}

// order returns the numbers of the terms with postings, sorted in UTF-16
// order of the terms. Terms met since the last build are sorted on their
// own and merged in, so a save that adds a word costs little.
func (m *Memo) order(postings [][]uint32) []int32 {
	if n := len(m.sorted); n < len(m.dict.terms) {
		cmp := func(a, b int32) int { return compareUTF16(m.dict.terms[a], m.dict.terms[b]) }
		fresh := make([]int32, 0, len(m.dict.terms)-n)
		for t := n; t < len(m.dict.terms); t++ {
			fresh = append(fresh, int32(t))
		}
		slices.SortFunc(fresh, cmp)
		merged := make([]int32, 0, len(m.dict.terms))
		old := m.sorted
		for len(old) > 0 && len(fresh) > 0 {
			if cmp(old[0], fresh[0]) < 0 {
				merged, old = append(merged, old[0]), old[1:]
			} else {
				merged, fresh = append(merged, fresh[0]), fresh[1:]
			}
		}
		m.sorted = append(append(merged, old...), fresh...)
	}
	live := make([]int32, 0, len(m.sorted))
	for _, t := range m.sorted {
		if int(t) < len(postings) && len(postings[t]) > 0 {
			live = append(live, t)
		}
	}
	return live
}

// encoding is a term's postings as last written, and their string.
type encoding struct {
	postings []uint32
	text     string
	version  uint64 // changes whenever text does
}

// encode returns the string of term t's postings, from the memo when they
// are as they were last time.
func (m *Memo) encode(t int32, postings []uint32) string {
	for len(m.encoded) < len(m.dict.terms) {
		m.encoded = append(m.encoded, encoding{})
	}
	e := &m.encoded[t]
	if e.text == "" || !same(e.postings, postings) {
		e.text = encodePostings(postings)
		m.versions++
		e.version = m.versions
	}
	e.postings = postings
	return e.text
}

// same reports whether two postings lists are equal, at a glance when
// they are one slice, as they are for every term a save did not touch.
func same(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b)
}

// forgetUnused lets go of the postings of terms no page uses any more,
// which would otherwise hold an earlier build's postings in memory.
func (m *Memo) forgetUnused(postings [][]uint32) {
	for t := range m.encoded {
		if t >= len(postings) || len(postings[t]) == 0 {
			m.encoded[t] = encoding{}
		}
	}
}

// encodePostings writes a term's postings as a string: for each entry,
// the gap from the previous entry less one, shifted left three bits past
// the field flags, in base 32, most significant digit first. The last
// digit of a number is one of lastDigits, the others one of moreDigits, so
// no separator is needed and a common term costs one or two characters
// per entry.
func encodePostings(postings []uint32) string {
	b := make([]byte, 0, 2*len(postings))
	prev := -1
	for _, p := range postings {
		id := int(p >> 3)
		v := uint32(id-prev-1)<<3 | p&7
		prev = id
		b = appendNumber(b, v)
	}
	return string(b)
}

// appendNumber writes v in base 32, most significant digit first, the
// last digit one of lastDigits and the others one of moreDigits.
func appendNumber(b []byte, v uint32) []byte {
	const (
		lastDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
		moreDigits = "ghijklmnopqrstuvwxyz0123456789-_"
	)
	var digits [7]byte
	at := len(digits) - 1
	digits[at] = lastDigits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		at--
		digits[at] = moreDigits[v&31]
	}
	return append(b, digits[at:]...)
}

// split cuts the sorted terms into runs of some tens of kilobytes,
// returned as [start, end) pairs. As with text files, a run ends before a
// term chosen by the term alone, so a save that changes the postings of a
// few terms changes the files those terms are in and no others.
func split(terms []string, live []int32, postings []string) [][2]int {
	var out [][2]int
	start, size := 0, 0
	for i, t := range live {
		if i > start && (size >= termsMax || size >= termsMin && endsBefore(terms[t], "")) {
			out = append(out, [2]int{start, i})
			start, size = i, 0
		}
		size += len(terms[t]) + len(postings[i]) + 6
	}
	if start < len(live) {
		out = append(out, [2]int{start, len(live)})
	}
	return out
}

// termsKey names what terms file n holds, for the memo: its terms and the
// version of each one's postings.
func (m *Memo) termsKey(n int, terms []int32) string {
	b := binary.AppendUvarint(make([]byte, 0, 8*len(terms)), uint64(n))
	for _, t := range terms {
		b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(t)), m.encoded[t].version)
	}
	return string(b)
}

// textRuns groups the entries, in reading order, into runs of a few
// kilobytes, returned as [start, end) pairs. Small files keep the cost of
// showing ten results low wherever they are; neighbouring sections of a
// page, which often match together, usually share a file. A run ends,
// once it is textMin long, before an entry chosen by its page and anchor
// alone, so an edit to one page changes the runs near it and leaves the
// rest of the site's text files as they were.
func (ix *Index) textRuns() [][2]int {
	var out [][2]int
	run, start := newTextRun(), 0
	for i, e := range ix.entries {
		pg := ix.pages[e.page]
		if run.endsBefore(e) {
			out = append(out, [2]int{start, i})
			run, start = newTextRun(), i
		}
		run.add(e, pg)
	}
	if start < len(ix.entries) {
		out = append(out, [2]int{start, len(ix.entries)})
	}
	return out
}

// textRun measures the text file being filled, so that textRuns and
// Stream end text files at the same entries.
type textRun struct {
	entries int
	size    int // bytes of JSON, roughly
	page    int // of the last entry added; -1 before the first
}

func newTextRun() textRun { return textRun{page: -1} }

// endsBefore reports whether the run ends before e.
func (r *textRun) endsBefore(e entry) bool {
	return r.entries > 0 && (r.size >= textMax || r.size >= textMin && e.mayEnd)
}

// add counts e, on page pg, into the run.
func (r *textRun) add(e entry, pg page) {
	if e.page != r.page {
		r.size += len(pg.title) + len(pg.file) + 8
		r.page = e.page
	}
	r.size += len(e.heading) + len(e.anchor) + len(e.text) + 12
	r.entries++
}

// endsBefore reports, for about half of all entries, that a text file may
// end before the entry with this page file and anchor.
func endsBefore(file, anchor string) bool {
	// FNV-1a, written out so that it costs no allocation: this runs for
	// every entry and term of the site on every build.
	h := uint32(2166136261)
	for _, s := range [...]string{file, "#", anchor} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * 16777619
		}
	}
	return h&1 == 0
}

// textKey names what text file n holds, for the memo: the pages the
// entries came from and their places there.
func (ix *Index) textKey(n int, r [2]int) string {
	b := binary.AppendUvarint(nil, uint64(n))
	for _, e := range ix.entries[r[0]:r[1]] {
		b = binary.AppendUvarint(binary.AppendUvarint(b, e.from), uint64(e.at))
	}
	return string(b)
}

// textScript writes text file n, holding the entries in r, as script
// would write a textFile, without reflection: the text files hold every
// word of the site, 75 MB of JSON on a 10,000-page corpus.
func (ix *Index) textScript(n int, r [2]int) []byte {
	// Sized as textRun measures it, pages' titles and files included, with
	// room for the quotes and commas: growing b would copy it all.
	run := newTextRun()
	for _, e := range ix.entries[r[0]:r[1]] {
		run.add(e, ix.pages[e.page])
	}
	b := make([]byte, 0, len(scriptStart)+len(scriptEnd)+64+run.size+12*run.entries)
	b = append(b, scriptStart+`{"kind":"text","n":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `,"pages":[`...)
	pages, page := 0, -1
	for _, e := range ix.entries[r[0]:r[1]] {
		if e.page != page {
			if pages > 0 {
				b = append(b, ',')
			}
			p := ix.pages[e.page]
			b = append(appendQuoted(append(appendQuoted(append(b, '['), p.title), ','), p.file), ']')
			pages++
			page = e.page
		}
	}
	b = append(b, `],"entries":[`...)
	pages, page = -1, -1
	for i, e := range ix.entries[r[0]:r[1]] {
		if e.page != page {
			pages++
			page = e.page
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, '['), int64(pages), 10)
		for _, s := range [...]string{e.heading, e.anchor, e.text} {
			b = appendQuoted(append(b, ','), s)
		}
		b = append(b, ']')
	}
	return append(b, "]}"+scriptEnd...)
}

// appendQuoted appends s as encoding/json writes a string, HTML-escaped:
// <, > and & as \u003c and so on, so no text can close the script
// element; U+2028 and U+2029 escaped for old JavaScript engines; invalid
// UTF-8 as U+FFFD.
func appendQuoted(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if quoteSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// quoteSafe says which ASCII bytes appendQuoted copies as they are: one
// table lookup a byte, where six comparisons were (the text files are a
// search index's largest part, and most of their bytes are ASCII text).
var quoteSafe = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

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

package search

import (
	"runtime"
	"slices"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Index is the search index of a whole site, ready to be written out by
// Files.
type Index struct {
	pages    []page
	entries  []entry      // in reading order; a posting names one by its position
	postings [][]uint32   // by term number: entry<<3 | field flags, in entry order
	memo     *Memo        // numbers the terms, and keeps what Files wrote
	keep     bool         // the memo outlives this build: keep the files in it
	counts   []int        // by page: how many entries it has
	synonyms [][][]string // from the glossary: groups of names, each as its terms
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

// Memo carries the index from one build to the next, for a preview that
// rebuilds it after every save. Each page's entries and terms depend only
// on its Doc, title, description and file, so a page whose inputs are
// unchanged is not split into words again; and Files writes again only
// the postings and text files whose contents changed. A Memo is for one
// build at a time.
type Memo struct {
	dict     dictionary
	pages    map[pageKey]*pageIndex // the last build's pages
	serial   uint64                 // of the last pageIndex made
	encoded  []encoding             // by term number: the postings last written
	quotes   []string               // by term number: the term as a JSON string
	terms    map[string][]byte      // the last build's terms files, by termsKey
	versions uint64                 // of the last encoding made
	sorted   []int32                // term numbers in UTF-16 order of their terms
	text     [][]byte               // the last build's text files, by number; handed.text has their keys
	names    []string               // the paths of text files, by number
	namesMu  sync.Mutex

	reading  []*pageIndex // the last build's pages, in reading order
	keys     []pageKey    // and their keys
	entries  []entry      // and their entries, as Build listed them
	postings [][]uint32   // the last build's postings

	// What the output folder holds, for a preview, so that Write can hand
	// over a file unchanged since as nil rather than its bytes: by file
	// number, the key (textKey, termsKey) of each text and terms file
	// handed over by the last Write, and of those on disk, as of Settle.
	handed, onDisk files
}

// files are the keys of the text and terms files, by file number.
type files struct{ text, terms []string }

// Settle records that the files the last Write handed over are now in the
// output folder, so that the next Write hands over those it would make
// the same as nil.
func (m *Memo) Settle() { m.onDisk = m.handed }

// Unsettle makes the next Write hand over every file with its bytes, as
// for an output folder to be written whole.
func (m *Memo) Unsettle() { m.onDisk = files{} }

// NewMemo makes an empty Memo.
func NewMemo() *Memo {
	return &Memo{dict: *newDictionary()}
}

// pageKey is everything a page's entries are made from.
type pageKey struct {
	doc                      *markdown.Doc
	title, description, file string
	glossary                 bool
}

// pageIndex is one page's entries and, for each, its terms.
type pageIndex struct {
	serial   uint64 // tells this page's text apart from any other's, for Files
	entries  []markdown.Section
	terms    [][]uint32   // by entry: term number<<3 | field flags
	synonyms [][][]string // a glossary's synonym groups (synonymsOf)
	mayEnd   []bool       // by entry: endsBefore its page's file and its anchor, from Build
}

// Build indexes every page of tree in reading order, one entry for each
// heading section and glossary term. docs holds each page's converted
// Markdown; a page without one (a section page the tree made up) is
// indexed by its title and description. memo is nil for a build that
// stands alone; a preview passes the same Memo every time, so Build
// reuses the build before, and afterwards memo holds this build, for the
// next.
func Build(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, memo *Memo) *Index {
	ix := &Index{memo: memo, keep: memo != nil, pages: make([]page, 0, len(tree.Order))}
	if memo == nil {
		memo = NewMemo()
		ix.memo = memo
	}
	keys := make([]pageKey, 0, len(tree.Order))
	for _, n := range tree.Order {
		p := n.Page
		k := pageKey{docs[p], p.Meta.Title, p.Meta.Description, nav.FileOf(p), p.Meta.Kind == content.KindGlossary}
		keys = append(keys, k)
		ix.pages = append(ix.pages, page{title: k.title, file: k.file})
	}
	order := memo.reuse(tree, keys)
	if order == nil {
		order = memo.lookup(tree, keys)
	}
	ix.entries = memo.entriesOf(order, keys)
	for _, pi := range order {
		ix.counts = append(ix.counts, len(pi.entries))
		ix.synonyms = append(ix.synonyms, pi.synonyms...)
	}
	ix.postings = memo.regather(order)
	if ix.postings == nil {
		ix.postings = gather(order, len(memo.dict.terms))
	}
	memo.reading, memo.postings, memo.keys, memo.entries = order, ix.postings, keys, ix.entries
	return ix
}

// entriesOf lists the entries of the pages in order. When every page
// that is not the last build's has as many entries as the one in its
// place had, the last build's list is patched in place: at 10,000 pages
// a new list was a quarter of what a one-page rebuild allocated, which
// the collector then had to follow.
func (m *Memo) entriesOf(order []*pageIndex, keys []pageKey) []entry {
	for n, pi := range order {
		if pi.mayEnd == nil { // a page's key holds its file, so this holds while pi is reused
			pi.mayEnd = make([]bool, len(pi.entries))
			for i, s := range pi.entries {
				pi.mayEnd[i] = endsBefore(keys[n].file, s.ID)
			}
		}
	}
	if out, ok := m.patchEntries(order); ok {
		return out
	}
	total := 0
	for _, pi := range order {
		total += len(pi.entries)
	}
	out := make([]entry, 0, total)
	for n, pi := range order {
		out = appendEntries(out, n, pi)
	}
	return out
}

// patchEntries rewrites the last build's entries of the pages that
// changed in place, if each kept its number of entries.
func (m *Memo) patchEntries(order []*pageIndex) ([]entry, bool) {
	if len(order) != len(m.reading) || m.entries == nil {
		return nil, false
	}
	first := 0
	var changed []int // by page, the first entry of each changed page
	for n, pi := range order {
		was := m.reading[n]
		if len(pi.entries) != len(was.entries) {
			return nil, false
		}
		if pi != was {
			changed = append(changed, n, first)
		}
		first += len(pi.entries)
	}
	out := m.entries
	for i := 0; i < len(changed); i += 2 {
		n, at := changed[i], changed[i+1]
		appendEntries(out[at:at], n, order[n])
	}
	return out, true
}

// appendEntries appends the entries of pi, page n in reading order, to out.
func appendEntries(out []entry, n int, pi *pageIndex) []entry {
	for i, s := range pi.entries {
		out = append(out, entry{page: n, heading: s.Heading, anchor: s.ID, text: s.Text, from: pi.serial, at: i, mayEnd: pi.mayEnd[i]})
	}
	return out
}

// reuse returns the pages of this build, in reading order, when they are
// the last build's but for a few whose keys changed in place (an edit
// that moved no page), indexing only those; or nil. On a large site the
// map lookups of lookup were most of a one-page rebuild's index; here a
// page costs a comparison with its key of last time.
func (m *Memo) reuse(tree *nav.Tree, keys []pageKey) []*pageIndex {
	const most = 64 // changed pages; past this lookup is as quick
	if len(keys) != len(m.keys) {
		return nil
	}
	var changed []int
	for i, k := range keys {
		if k == m.keys[i] {
			continue
		}
		if _, ok := m.pages[k]; ok || len(changed) == most {
			return nil // a page moved, or many changed: lookup sorts it out
		}
		changed = append(changed, i)
	}
	order := slices.Clone(m.reading)
	todo := make([]work, 0, len(changed))
	for _, i := range changed {
		delete(m.pages, m.keys[i])
	}
	for _, i := range changed {
		if _, ok := m.pages[keys[i]]; ok {
			continue // the same key as a page indexed above, which order[i] takes below
		}
		m.serial++
		m.pages[keys[i]] = nil
		todo = append(todo, work{at: i, serial: m.serial, page: tree.Order[i].Page, doc: keys[i].doc})
		order[i] = nil
	}
	m.dict.indexAll(todo, order)
	for _, w := range todo {
		m.pages[keys[w.at]] = order[w.at]
	}
	for _, i := range changed {
		order[i] = m.pages[keys[i]]
	}
	return order
}

// lookup returns the pages of this build, in reading order, each found
// by its key among the last build's or indexed now.
func (m *Memo) lookup(tree *nav.Tree, keys []pageKey) []*pageIndex {
	last := m.pages
	m.pages = make(map[pageKey]*pageIndex, len(keys))
	order := make([]*pageIndex, 0, len(keys))
	var todo []work
	for i, k := range keys {
		pi := last[k]
		if pi == nil {
			var seen bool
			if pi, seen = m.pages[k]; !seen {
				m.serial++
				todo = append(todo, work{at: len(order), serial: m.serial, page: tree.Order[i].Page, doc: k.doc})
				m.pages[k] = nil // until indexed: a second page with this key waits for the first
			}
		}
		order = append(order, pi)
	}
	m.dict.indexAll(todo, order)
	for i, k := range keys {
		if order[i] == nil { // the same key as a page indexed above
			order[i] = m.pages[k]
		}
		m.pages[k] = order[i]
	}
	return order
}

// regather makes this build's postings from the last build's when only a
// few pages changed and each kept its number of entries, so that every
// entry keeps its number: only the terms of those pages, as they were and
// as they are, have postings to make again. It returns nil when it cannot.
func (m *Memo) regather(order []*pageIndex) [][]uint32 {
	const most = 64 // changed pages; past this a full gather is as quick
	if len(order) != len(m.reading) {
		return nil
	}
	var changed []span
	first := uint32(0)
	for i, pi := range order {
		was := m.reading[i]
		if len(pi.entries) != len(was.entries) {
			return nil
		}
		if pi != was {
			if len(changed) == most {
				return nil
			}
			changed = append(changed, span{was, pi, first})
		}
		first += uint32(len(pi.entries))
	}
	postings := make([][]uint32, len(m.dict.terms))
	copy(postings, m.postings)
	if len(changed) == 0 {
		return postings
	}
	// Each term's postings in the changed pages, as they were and as they
	// are; a term whose postings there are the same keeps its list.
	type delta struct{ was, now []uint32 }
	deltas := map[uint32]*delta{}
	at := func(t uint32) *delta {
		d := deltas[t]
		if d == nil {
			d = &delta{}
			deltas[t] = d
		}
		return d
	}
	for _, c := range changed {
		for e, ts := range c.old.terms {
			for _, t := range ts {
				d := at(t >> 3)
				d.was = append(d.was, (c.first+uint32(e))<<3|t&7)
			}
		}
		for e, ts := range c.now.terms {
			for _, t := range ts {
				d := at(t >> 3)
				d.now = append(d.now, (c.first+uint32(e))<<3|t&7)
			}
		}
	}
	for t, d := range deltas {
		if !slices.Equal(d.was, d.now) {
			postings[t] = splice(postings[t], d.now, changed)
		}
	}
	return postings
}

// gather makes the postings of every term from the pages' terms, in two
// passes (count, then fill) so that they share one allocation.
func gather(pages []*pageIndex, terms int) [][]uint32 {
	end := make([]int, terms)
	for _, pi := range pages {
		for _, ts := range pi.terms {
			for _, t := range ts {
				end[t>>3]++
			}
		}
	}
	total := 0
	for t, n := range end {
		total += n
		end[t] = total - n // where term t's postings start, for now
	}
	flat := make([]uint32, total)
	id := uint32(0)
	for _, pi := range pages {
		for _, ts := range pi.terms {
			for _, t := range ts {
				flat[end[t>>3]] = id<<3 | t&7
				end[t>>3]++
			}
			id++
		}
	}
	postings := make([][]uint32, terms)
	start := 0
	for t, e := range end {
		postings[t] = flat[start:e:e]
		start = e
	}
	return postings
}

// span is a page whose entries are numbered from first.
type span struct {
	old, now *pageIndex
	first    uint32
}

// splice makes a term's postings from old, with the entries of the
// changed pages (in order) replaced by add (sorted).
func splice(old, add []uint32, changed []span) []uint32 {
	out := make([]uint32, 0, len(old)+len(add))
	at := 0
	for _, c := range changed {
		// A posting is its entry's number times 8 plus flags, so the
		// postings of a page's entries are those from first<<3 up to the
		// next page's first<<3.
		from, to := c.first<<3, (c.first+uint32(len(c.now.entries)))<<3
		i, _ := slices.BinarySearch(old[at:], from)
		j, _ := slices.BinarySearch(old[at:], to)
		out = append(out, old[at:at+i]...)
		for len(add) > 0 && add[0] < to {
			out, add = append(out, add[0]), add[1:]
		}
		at += j
	}
	return append(out, old[at:]...)
}

// work is a page to split into words: order[at] of Build.
type work struct {
	at     int
	serial uint64
	page   *content.Page
	doc    *markdown.Doc
}

// parallelFrom is the fewest pages to index per extra goroutine. Below
// it, or with one core, pages are indexed in turn.
var parallelFrom = 256

// indexAll indexes each page of todo into order[at]. Splitting text into
// words is the longest stretch of a large one-shot build that runs on one
// core (0.6 s at 10,000 pages), so a long todo list is cut into runs, each
// indexed with a dictionary of its own, and their term numbers are then
// mapped onto d's, run by run. Numbering each run's terms in the order it
// met them, after every earlier run's, is the order indexing one page at a
// time would give, so the index is the same either way.
func (d *dictionary) indexAll(todo []work, order []*pageIndex) {
	runs := min(runtime.GOMAXPROCS(0), len(todo)/parallelFrom)
	if runs <= 1 {
		for _, w := range todo {
			order[w.at] = w.index(d)
		}
		return
	}
	dicts := make([]*dictionary, runs)
	var wg sync.WaitGroup
	for r := range runs {
		run := todo[r*len(todo)/runs : (r+1)*len(todo)/runs]
		dicts[r] = newDictionary()
		wg.Go(func() {
			for _, w := range run {
				order[w.at] = w.index(dicts[r])
			}
		})
	}
	wg.Wait()
	for r, own := range dicts {
		to := make([]uint32, len(own.terms))
		for t, term := range own.terms {
			to[t] = uint32(d.number(term))
		}
		for _, w := range todo[r*len(todo)/runs : (r+1)*len(todo)/runs] {
			for _, ts := range order[w.at].terms {
				for i, v := range ts {
					ts[i] = to[v>>3]<<3 | v&7
				}
			}
		}
	}
}

// index indexes w's page with d, with its synonyms if it is a glossary.
func (w work) index(d *dictionary) *pageIndex {
	return indexPage(d, w.serial, w.page, w.doc)
}

func indexPage(d *dictionary, serial uint64, p *content.Page, doc *markdown.Doc) *pageIndex {
	pi := d.index(serial, p.Meta.Title, sections(p, doc))
	if p.Meta.Kind == content.KindGlossary {
		pi.synonyms = synonymsOf(doc)
	}
	return pi
}

package search

import (
	"fmt"
	"runtime"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Stream makes the index of a one-shot build while its pages are still
// being converted, and writes the same files Build and Write would. Each
// page is split into words as soon as it is converted, on the goroutine
// that converted it, and each text file is written as soon as the pages
// before its last entry are in. Build keeps every page's text until the
// last page is converted: 65 MB on the generated 10,000-page corpus, which
// the collector marked at each of its thirty-odd collections. A Stream
// holds the text of a page only until the text file it falls in is
// written.
//
// Pages come in any order and from several goroutines at once. Terms are
// numbered in reading order, as Build numbers them, by mapping each
// worker's own numbers onto the index's page by page.
type Stream struct {
	put   func(name string, b []byte) error
	pages []page                 // by reading position
	at    map[*content.Page]int  // reading position of each page
	later map[*content.Page]bool // pages given with Made, once the whole site has made them
	dicts chan *workerDict       // one for each goroutine indexing at once

	mu       sync.Mutex
	ready    []*indexed   // by reading position: indexed, waiting for the pages before
	next     int          // reading position of the first page not yet numbered
	memo     *Memo        // numbers the terms
	order    []*pageIndex // pages numbered so far, their terms only
	run      textRun      // the text file being filled
	entries  []entry      // of that file
	first    int          // number of its first entry
	starts   []int        // first entry of each text file made
	counts   []int        // entries of each page numbered so far
	synonyms [][][]string // from the glossary, once numbered
	err      error        // the first that put returned
}

// workerDict is a dictionary one goroutine at a time indexes pages with,
// so each keeps the words it has stemmed, and the index's number for each
// of its terms, once known.
type workerDict struct {
	*dictionary
	global []int32 // by this dictionary's term number; -1 until known. Under Stream.mu.
}

// indexed is a page split into words, its terms numbered by dict.
type indexed struct {
	pi    *pageIndex
	dict  *workerDict
	terms []string // dict's terms as they were once this page was indexed
}

// textOut is a text file to make and hand over.
type textOut struct {
	n       int
	entries []entry
}

// NewStream starts the index of tree, whose files it hands to put as they
// are made. Pages in later are made from the whole site (the progress
// page, the skills map): Add ignores them and Made gives them. A page of
// the tree that is not converted (a section the tree made up) is given
// with Add and a nil Doc.
func NewStream(tree *nav.Tree, put func(name string, b []byte) error, later ...*content.Page) *Stream {
	s := &Stream{
		put:   put,
		pages: make([]page, len(tree.Order)),
		at:    make(map[*content.Page]int, len(tree.Order)),
		later: map[*content.Page]bool{},
		dicts: make(chan *workerDict, runtime.GOMAXPROCS(0)),
		ready: make([]*indexed, len(tree.Order)),
		memo:  NewMemo(),
		order: make([]*pageIndex, 0, len(tree.Order)),
		run:   newTextRun(),
	}
	for i, n := range tree.Order {
		s.pages[i] = page{title: n.Page.Meta.Title, file: nav.FileOf(n.Page)}
		s.at[n.Page] = i
	}
	for _, p := range later {
		s.later[p] = true
	}
	for range cap(s.dicts) {
		s.dicts <- &workerDict{dictionary: newDictionary()}
	}
	return s
}

// Add indexes p, just converted to doc (nil for a page the tree made up).
// It is safe for concurrent use; it ignores pages not in the tree and the
// pages to be given with Made.
func (s *Stream) Add(p *content.Page, doc *markdown.Doc) {
	if !s.later[p] {
		s.add(p, doc)
	}
}

// Made indexes p, one of the pages NewStream was told come later.
func (s *Stream) Made(p *content.Page, doc *markdown.Doc) {
	if s.later[p] {
		s.add(p, doc)
	}
}

func (s *Stream) add(p *content.Page, doc *markdown.Doc) {
	at, ok := s.at[p]
	if !ok {
		return
	}
	d := <-s.dicts
	pi := indexPage(d.dictionary, 0, p, doc)
	page := &indexed{pi: pi, dict: d, terms: d.terms}
	s.dicts <- d

	s.mu.Lock()
	s.ready[at] = page
	var out []textOut
	for s.next < len(s.ready) && s.ready[s.next] != nil {
		out = s.number(s.next, out)
		s.ready[s.next] = nil
		s.next++
	}
	s.mu.Unlock()
	s.write(out)
}

// number gives the page at reading position i the index's term numbers
// and its entries their places in text files, returning out with the
// text files that are now complete. Called in reading order, under mu.
func (s *Stream) number(i int, out []textOut) []textOut {
	page := s.ready[i]
	d, global := page.dict, page.dict.global
	for _, ts := range page.pi.terms {
		for j, v := range ts {
			t := v >> 3
			for int(t) >= len(global) {
				global = append(global, -1)
			}
			if global[t] < 0 {
				global[t] = s.memo.dict.number(page.terms[t])
			}
			ts[j] = uint32(global[t])<<3 | v&7
		}
	}
	d.global = global
	pg := s.pages[i]
	for _, sec := range page.pi.entries {
		e := entry{page: i, heading: sec.Heading, anchor: sec.ID, text: sec.Text, mayEnd: endsBefore(pg.file, sec.ID)}
		if s.run.endsBefore(e) {
			out = s.closeRun(out)
		}
		s.run.add(e, pg)
		s.entries = append(s.entries, e)
	}
	s.counts = append(s.counts, len(page.pi.entries))
	s.synonyms = append(s.synonyms, page.pi.synonyms...)
	page.pi.entries = nil // the text is in s.entries until its file is made
	s.order = append(s.order, page.pi)
	return out
}

// closeRun ends the text file being filled, adding it to out.
func (s *Stream) closeRun(out []textOut) []textOut {
	out = append(out, textOut{n: len(s.starts), entries: s.entries})
	s.starts = append(s.starts, s.first)
	s.first += len(s.entries)
	s.entries, s.run = nil, newTextRun()
	return out
}

// write makes the text files in out and hands them over, outside mu, so
// that other pages are numbered meanwhile.
func (s *Stream) write(out []textOut) {
	for _, f := range out {
		ix := &Index{pages: s.pages, entries: f.entries}
		if err := s.put("search/"+textName(f.n), ix.textScript(f.n, [2]int{0, len(f.entries)})); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = err
			}
			s.mu.Unlock()
			return
		}
	}
}

// Close writes the last text file, the terms files and index.js. Every
// page of the tree must have been given, with Add or Made.
func (s *Stream) Close() error {
	s.mu.Lock()
	if s.next < len(s.ready) {
		defer s.mu.Unlock()
		return fmt.Errorf("search: %s was never indexed", s.pages[s.next].file)
	}
	var out []textOut
	if len(s.entries) > 0 {
		out = s.closeRun(out)
	}
	s.mu.Unlock()
	s.write(out)
	s.mu.Lock()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return err
	}
	ix := &Index{pages: s.pages, postings: gather(s.order, len(s.memo.dict.terms)), memo: s.memo, counts: s.counts, synonyms: s.synonyms}
	index, _, err := ix.writeTerms(s.put)
	if err != nil {
		return err
	}
	counts := make([]int, len(s.starts))
	for i, start := range s.starts {
		end := s.first
		if i+1 < len(s.starts) {
			end = s.starts[i+1]
		}
		counts[i] = end - start
	}
	index.Entries, index.Text = s.first, encodeCounts(counts)
	return s.put("search/index.js", script(index))
}

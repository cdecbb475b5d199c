package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

func gzipSize(t testing.TB, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf) // the default level, as web servers use
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// worstFirstResults bounds what a first query of so many words loads:
// index.js; for each word, the terms files of its stem and of up to two
// acronyms it may stand for, and for the word being typed up to three more
// for its prefix (the prefix's shorter fallbacks fall in the same files
// but for a word that straddles a file boundary); and the text files of
// eight pages of three sections each, the largest. size measures each file.
func worstFirstResults(files map[string][]byte, words int, size func([]byte) int) int {
	total := size(files["search/index.js"])
	var terms, text []int
	for name, b := range files {
		switch {
		case strings.HasPrefix(name, "search/terms-"):
			terms = append(terms, size(b))
		case strings.Contains(name, "/text-"):
			text = append(text, size(b))
		}
	}
	slices.Sort(terms)
	slices.Sort(text)
	for _, s := range terms[max(0, len(terms)-3*words-3):] {
		total += s
	}
	for _, s := range text[max(0, len(text)-8*3):] {
		total += s
	}
	return total
}

// firstQueries are what TestHandbookSize measures: the queries trainees
// tried, and the start of every word a reader might type.
func firstQueries() []string {
	qs := []string{"DNA", "did not attend", "nullify", "clock stop", "cancer 62", "caldicott",
		"refferal", "pateint", "recieved", "ERS", "patient tracking list", "referral to treatment"}
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			qs = append(qs, string(a)+string(b))
		}
	}
	return qs
}

// TestHandbookSize builds the index of the real handbook and checks that
// search costs a reader little: every query of firstQueries, from a fresh
// start, loads at most 60 KB, compressed as a web server would send it.
func TestHandbookSize(t *testing.T) {
	if testing.Short() {
		t.Skip("a search client's downloads for many queries, run by go test ./... (CI's race step is -short)")
	}
	files := buildDir(t, "../../content")
	gz := map[string]int{}
	all := 0
	for name, b := range files {
		gz[name] = gzipSize(t, b)
		all += gz[name]
	}
	worst, worstQuery := 0, ""
	var sizes []int
	for _, q := range firstQueries() {
		c := newClient(t, files)
		if total, _, _ := c.search(q); total == 0 {
			continue
		}
		n := 0
		for _, name := range c.loaded {
			n += gz["search/"+name]
		}
		sizes = append(sizes, n)
		if n > worst {
			worst, worstQuery = n, q
		}
	}
	slices.Sort(sizes)
	t.Logf("handbook: %d files, %d bytes gzipped in all; index.js %d bytes gzipped; %d first queries load %d bytes gzipped at the median, %d at worst (%q)",
		len(files), all, gz["search/index.js"], len(sizes), sizes[len(sizes)/2], worst, worstQuery)
	if worst > 60_000 {
		t.Errorf("search(%q) first loads %d bytes gzipped; want at most 60 KB", worstQuery, worst)
	}
	c := newClient(t, files)
	total, results, _ := c.search("referral")
	if total == 0 || len(results) == 0 {
		t.Errorf("search(referral) in the handbook = %d results; want some", total)
	}
}

// synthetic makes a site of n pages of made-up English-like text, with a
// vocabulary of common and rare words in a Zipf distribution, like real
// text, and some acronyms.
func synthetic(n int) (*nav.Tree, map[*content.Page]*markdown.Doc) {
	r := rand.New(rand.NewPCG(1, 2))
	syllables := []string{"ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu", "va", "we", "xi", "yo", "za", "ing", "er", "al", "ment", "tion", "s"}
	vocab := make([]string, 30_000)
	for i := range vocab {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if i%500 == 0 {
			vocab[i] = strings.ToUpper(b.String()[:3]) // an acronym
		} else {
			vocab[i] = b.String()
		}
	}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[zipf.Uint64()])
		}
		return b.String()
	}
	pages := make([]*content.Page, n)
	docs := make(map[*content.Page]*markdown.Doc, n)
	for i := range pages {
		path := fmt.Sprintf("part-%03d/page-%05d.md", i/100, i)
		p := &content.Page{Path: path, File: "content/" + path, URL: strings.TrimSuffix(path, ".md") + "/", Line: 1,
			Meta: content.Meta{Title: text(3), Description: text(12), Kind: content.KindPage, Lines: map[string]int{}}}
		doc := &markdown.Doc{Text: []markdown.Section{{Text: text(40)}}}
		for h := range 4 {
			heading := text(3)
			doc.Text = append(doc.Text, markdown.Section{ID: fmt.Sprintf("h%d", h), Heading: heading, Text: text(60)})
		}
		pages[i], docs[p] = p, doc
	}
	return nav.Build(pages, nil), docs
}

// TestLargeSite checks that a 10,000-page site is split so that a reader's
// first use and first results stay small: index.js, loaded when the box is
// first used, at most 50 KB, and any of a few typical queries loading
// under 1 MB in all.
func TestLargeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-page index")
	}
	tree, docs := synthetic(10_000)
	files := Build(tree, docs, nil).Files()
	raw := func(b []byte) int { return len(b) }
	first := len(files["search/index.js"])
	worst := worstFirstResults(files, 2, raw)
	all := 0
	for _, b := range files {
		all += len(b)
	}
	t.Logf("10,000 pages: %d files, %d bytes; index.js %d bytes (%d gzipped); worst two-word first query %d bytes",
		len(files), all, first, gzipSize(t, files["search/index.js"]), worst)
	if first > 50_000 {
		t.Errorf("index.js is %d bytes; want at most 50 KB", first)
	}
	if worst >= 1<<20 {
		t.Errorf("a first query may load %d bytes; want under 1 MB", worst)
	}
	// Typical queries, each from a fresh start.
	var words []string
	for _, n := range tree.Order {
		if doc := docs[n.Page]; doc != nil {
			words = strings.Fields(doc.Text[0].Text)
			break
		}
	}
	for _, query := range []string{words[0], words[0] + " " + words[1], words[2][:2], strings.ToLower(words[3]) + " " + words[4][:3]} {
		c := newClient(t, files)
		total, results, _ := c.search(query)
		t.Logf("search(%q): %d results, loaded %d bytes from %d files", query, total, c.bytesLoaded(), len(c.loaded))
		if len(results) == 0 {
			t.Errorf("search(%q) found nothing; want the page it was taken from", query)
		}
		if c.bytesLoaded() >= 1<<20 {
			t.Errorf("search(%q) loaded %d bytes; want under 1 MB", query, c.bytesLoaded())
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		tree, docs := synthetic(n)
		b.Run(fmt.Sprintf("%d pages", n), func(b *testing.B) {
			for b.Loop() {
				Build(tree, docs, nil).Files()
			}
		})
	}
}

// BenchmarkUpdate is the index work of one preview rebuild after an edit
// to one page's text, on 10,000 pages.
func BenchmarkUpdate(b *testing.B) {
	tree, docs := synthetic(10_000)
	memo := NewMemo()
	Build(tree, docs, memo).Files()
	p := tree.Order[len(tree.Order)/2].Page
	i := 0
	for b.Loop() {
		i++
		doc := *docs[p]
		doc.Text = slices.Clone(doc.Text)
		doc.Text[1].Text += fmt.Sprintf(" edit%d", i%2)
		docs[p] = &doc
		Build(tree, docs, memo).Files()
	}
}

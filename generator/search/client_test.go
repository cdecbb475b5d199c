package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// client answers queries from the files of an index the way search.js
// does, step for step, so Go tests can check ranking and count the bytes a
// query loads. TestScriptAgrees checks that search.js gives the same
// answers.
type client struct {
	t          testing.TB
	files      map[string][]byte
	loaded     []string // files read, in order
	ix         indexFile
	stop       map[string]bool
	terms      map[int]*termsFile
	text       map[int]*textFile
	decoded    map[string]postingList
	textStarts []int // first entry of each text file, from index.js "text"
}

type postingList struct {
	ids   []int
	flags []int
}

type result struct {
	ID                           int
	Score                        int
	Title, File, Heading, Anchor string
	Text                         string
}

func newClient(t testing.TB, files map[string][]byte) *client {
	t.Helper()
	c := &client{t: t, files: files, stop: map[string]bool{}, terms: map[int]*termsFile{},
		text: map[int]*textFile{}, decoded: map[string]postingList{}}
	c.load("index.js", &c.ix)
	if c.ix.Kind != "index" || c.ix.Version != version {
		t.Fatalf("index.js: kind %q version %d", c.ix.Kind, c.ix.Version)
	}
	for _, w := range c.ix.Stop {
		c.stop[w] = true
	}
	at := 0
	for _, n := range decodeNumbers(c.ix.Text) {
		c.textStarts = append(c.textStarts, at)
		at += n
	}
	return c
}

// load reads search/name, checks it is one call of __ppcSearch.add, and
// decodes its JSON into v.
func (c *client) load(name string, v any) {
	c.t.Helper()
	b, ok := c.files["search/"+name]
	if !ok {
		c.t.Fatalf("no file search/%s", name)
	}
	c.loaded = append(c.loaded, name)
	body, ok := bytes.CutPrefix(b, []byte("window.__ppcSearch.add("))
	if ok {
		body, ok = bytes.CutSuffix(body, []byte(");\n"))
	}
	if !ok {
		c.t.Fatalf("search/%s is not one call of window.__ppcSearch.add: %.60q", name, b)
	}
	if err := json.Unmarshal(body, v); err != nil {
		c.t.Fatalf("search/%s: %v", name, err)
	}
}

// bytesLoaded is the size of every file read so far.
func (c *client) bytesLoaded() int {
	n := 0
	for _, name := range c.loaded {
		n += len(c.files["search/"+name])
	}
	return n
}

func lastAtOrBefore(sorted []string, s string) int {
	i, found := slices.BinarySearchFunc(sorted, s, compareUTF16)
	if found {
		return i
	}
	return max(0, i-1)
}

func (c *client) shardOf(term string) int { return lastAtOrBefore(c.ix.Shards, term) }

func (c *client) loadTerms(n int) *termsFile {
	if f, ok := c.terms[n]; ok {
		return f
	}
	f := new(termsFile)
	c.load(fmt.Sprintf("terms-%d.js", n), f)
	c.terms[n] = f
	return f
}

func (c *client) tables(shards []int) []*termsFile {
	if c.ix.Terms != nil {
		return []*termsFile{{Terms: c.ix.Terms, Postings: c.ix.Postings}}
	}
	var out []*termsFile
	for _, n := range shards {
		out = append(out, c.loadTerms(n))
	}
	return out
}

func (c *client) prefixShards(p string) []int {
	first := c.shardOf(p)
	out := []int{first}
	for n := first + 1; n < len(c.ix.Shards) && len(out) < 3; n++ {
		if !strings.HasPrefix(c.ix.Shards[n], p) {
			break
		}
		out = append(out, n)
	}
	return out
}

func decodePostings(s string) postingList {
	const last, more = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", "ghijklmnopqrstuvwxyz0123456789-_"
	var p postingList
	prev, v := -1, 0
	for i := range len(s) {
		if d := strings.IndexByte(more, s[i]); d >= 0 {
			v = v*32 + d
			continue
		}
		v = v*32 + strings.IndexByte(last, s[i])
		prev += 1 + v/8
		p.ids = append(p.ids, prev)
		p.flags = append(p.flags, v%8)
		v = 0
	}
	return p
}

func (c *client) postings(term string) (postingList, bool) {
	if p, ok := c.decoded[term]; ok {
		return p, true
	}
	var shards []int
	if c.ix.Terms == nil {
		shards = []int{c.shardOf(term)}
	}
	t := c.tables(shards)[0]
	i, found := slices.BinarySearchFunc(t.Terms, term, compareUTF16)
	if !found {
		return postingList{}, false
	}
	p := decodePostings(t.Postings[i])
	c.decoded[term] = p
	return p, true
}

func (c *client) withPrefix(p string) []string {
	type found struct {
		term string
		size int
	}
	var all []found
	var shards []int
	if c.ix.Terms == nil {
		shards = c.prefixShards(p)
	}
	for _, t := range c.tables(shards) {
		i, _ := slices.BinarySearchFunc(t.Terms, p, compareUTF16)
		for ; i < len(t.Terms) && strings.HasPrefix(t.Terms[i], p); i++ {
			all = append(all, found{t.Terms[i], len(t.Postings[i])})
		}
	}
	slices.SortFunc(all, func(a, b found) int {
		if a.size != b.size {
			return b.size - a.size
		}
		return compareUTF16(a.term, b.term)
	})
	var out []string
	for _, f := range all[:min(len(all), 30)] {
		out = append(out, f.term)
	}
	return out
}

type clause struct {
	exact  []string
	prefix string
	word   string     // as typed, folded
	names  [][]string // for a synonym group: its names, each as terms
	typed  int        // the name typed
}

func (c *client) parse(query string) []clause {
	type word struct {
		w  string
		at int
	}
	var found []word
	words(query, func(w string, at int) { found = append(found, word{w, at}) })
	typing := len(found) > 0 && found[len(found)-1].at+len(found[len(found)-1].w) == len(query)
	var out []clause
	for i, w := range found {
		if a := acronym(w.w); a != "" {
			out = append(out, clause{exact: []string{a}, word: w.w})
			continue
		}
		f := fold(w.w)
		if c.stop[f] {
			continue
		}
		exact := []string{stem(f)}
		for j, g := range []string{f, f[:max(0, len(f)-1)]} {
			upper := strings.ToUpper(g)
			if (j == 0 || strings.HasSuffix(f, "s")) && isAcronym(upper) && !slices.Contains(exact, upper) {
				exact = append(exact, upper)
			}
		}
		cl := clause{exact: exact, word: f}
		if i == len(found)-1 && typing && len([]rune(f)) >= 2 {
			cl.prefix = f
		}
		out = append(out, cl)
	}
	return c.synonyms(out)
}

func (c *client) synonyms(clauses []clause) []clause {
	var out []clause
	for i := 0; i < len(clauses); i++ {
		var hit *clause
		for _, g := range c.ix.Synonyms {
			for n, name := range g {
				fits := i+len(name) <= len(clauses)
				for j := 0; fits && j < len(name); j++ {
					fits = slices.Contains(clauses[i+j].exact, name[j])
				}
				if fits && hit == nil {
					hit = &clause{names: g, typed: n}
				}
			}
		}
		if hit != nil {
			out = append(out, *hit)
			i += len(hit.names[hit.typed]) - 1
		} else {
			out = append(out, clauses[i])
		}
	}
	return out
}

// Weights, as in search.js.
const (
	weightExact   = 8
	weightSynonym = 6
	weightPrefix  = 4
)

var weightTypo = []int{0, 2, 1} // by distance

func levelScore(f int) int { return []int{0, 4, 8, 16}[f>>1] + f&1 }

// distance is the optimal string alignment distance of a and b, in
// bytes (terms that can be misspelt are a to z), or max+1 once past max.
func distance(a, b string, max int) int {
	if abs(len(a)-len(b)) > max {
		return max + 1
	}
	prev2, prev := []int{}, make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		row := make([]int, len(b)+1)
		row[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, row[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			row[j] = d
			least = min(least, d)
		}
		if least > max {
			return max + 1
		}
		prev2, prev = prev, row
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

type typo struct {
	term    string
	d, size int
}

func (c *client) typos(w, s string) []typo {
	max := 0
	switch {
	case len(w) >= 8:
		max = 2
	case len(w) >= 4:
		max = 1
	}
	if max == 0 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
		return nil
	}
	var all []typo
	var shards []int
	if c.ix.Terms == nil {
		shards = []int{c.shardOf(s)}
	}
	for _, t := range c.tables(shards) {
		for i, term := range t.Terms {
			if abs(len(term)-len(s)) > max && abs(len(term)-len(w)) > max {
				continue
			}
			if d := min(distance(s, term, max), distance(w, term, max)); d <= max {
				all = append(all, typo{term, d, len(t.Postings[i])})
			}
		}
	}
	slices.SortFunc(all, func(a, b typo) int {
		if a.d != b.d {
			return a.d - b.d
		}
		if a.size != b.size {
			return b.size - a.size
		}
		return compareUTF16(a.term, b.term)
	})
	n := 0
	for n < len(all) && all[n].d == all[0].d {
		n++
	}
	return all[:min(n, 30)]
}

func (c *client) match(cl clause, hits map[string]bool) map[int]int {
	scores := map[int]int{}
	if cl.names != nil {
		return c.matchNames(cl, hits, scores)
	}
	seen := map[string]bool{}
	add := func(term string, weight int) bool {
		if seen[term] {
			return false
		}
		p, ok := c.postings(term)
		if !ok {
			return false
		}
		seen[term] = true
		hits[term] = true
		for i, id := range p.ids {
			s := weight * levelScore(p.flags[i])
			if old, ok := scores[id]; !ok || s > old {
				scores[id] = s
			}
		}
		return true
	}
	stemFound, acronymFound := false, false
	for i, t := range cl.exact {
		if add(t, weightExact) {
			if i > 0 {
				acronymFound = true
			} else {
				stemFound = true
			}
		}
	}
	if acronymFound {
		return scores
	}
	anyTerm := stemFound
	if cl.prefix != "" {
		for _, t := range c.withPrefix(cl.prefix) {
			anyTerm = add(t, weightPrefix) || anyTerm
		}
	}
	if !stemFound {
		for _, t := range c.typos(cl.word, cl.exact[0]) {
			anyTerm = add(t.term, weightTypo[t.d]) || anyTerm
		}
	}
	if cl.prefix != "" {
		for _, p := range fallbacks(cl.prefix) {
			if anyTerm {
				break
			}
			for _, t := range c.withPrefix(p) {
				anyTerm = add(t, weightPrefix) || anyTerm
			}
		}
	}
	return scores
}

func (c *client) matchNames(cl clause, hits map[string]bool, scores map[int]int) map[int]int {
	for n, name := range cl.names {
		weight := weightSynonym
		if n == cl.typed {
			weight = weightExact
		}
		sum := map[int]int{}
		count := map[int]int{}
		ok := true
		for _, t := range name {
			p, found := c.postings(t)
			if !found {
				ok = false
				break
			}
			for i, id := range p.ids {
				count[id]++
				sum[id] += levelScore(p.flags[i])
			}
		}
		if !ok {
			continue
		}
		anyEntry := false
		for id, k := range count {
			if k != len(name) {
				continue
			}
			anyEntry = true
			if s := weight * sum[id]; s > scores[id] {
				scores[id] = s
			}
		}
		if anyEntry {
			for _, t := range name {
				hits[t] = true
			}
		}
	}
	return scores
}

// group is one page of results: its best entries.
type group struct {
	page, score, more int
	results           []result
}

// search answers query as search.js does: the number of matching
// entries, the best pages (eight) each with its best three entries, and
// the terms that matched. results is the groups' entries in order.
func (c *client) search(query string) (total int, results []result, hits map[string]bool) {
	total, _, groups, hits := c.searchPages(query, 8)
	for _, g := range groups {
		results = append(results, g.results...)
	}
	return total, results, hits
}

func (c *client) searchPages(query string, limit int) (total, pages int, groups []group, hits map[string]bool) {
	clauses := c.parse(query)
	if len(clauses) == 0 {
		return 0, 0, nil, nil
	}
	for _, cl := range clauses {
		for _, n := range c.needs(cl) {
			c.loadTerms(n)
		}
	}
	hits = map[string]bool{}
	var matches []map[int]int
	for _, cl := range clauses {
		matches = append(matches, c.match(cl, hits))
	}
	slices.SortStableFunc(matches, func(a, b map[int]int) int { return len(a) - len(b) })
	type ranked struct{ id, score int }
	var all []ranked
	for id, score := range matches[0] {
		ok := true
		for _, m := range matches[1:] {
			s, in := m[id]
			ok = ok && in
			score += s
		}
		if ok {
			all = append(all, ranked{id, score})
		}
	}
	slices.SortFunc(all, func(a, b ranked) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return a.id - b.id
	})
	pageOf := c.pageOf()
	byPage := map[int]int{}
	var entries [][]ranked
	for _, r := range all {
		p := pageOf[r.id]
		i, ok := byPage[p]
		if !ok {
			i = len(groups)
			byPage[p] = i
			groups = append(groups, group{page: p, score: r.score})
			entries = append(entries, nil)
		}
		entries[i] = append(entries[i], r)
	}
	pages = len(groups)
	groups = groups[:min(len(groups), limit)]
	for i := range groups {
		e := entries[i]
		groups[i].more = max(0, len(e)-3)
		for _, r := range e[:min(len(e), 3)] {
			groups[i].results = append(groups[i].results, c.describe(r.id, r.score))
		}
	}
	return len(all), pages, groups, hits
}

// pageOf decodes index.js "pages" into the page of each entry.
func (c *client) pageOf() []int {
	var out []int
	for page, n := range decodeNumbers(c.ix.Pages) {
		for range n {
			out = append(out, page)
		}
	}
	return out
}

func decodeNumbers(s string) []int {
	var out []int
	v := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if d := strings.IndexByte("ghijklmnopqrstuvwxyz0123456789-_", ch); d >= 0 {
			v = v*32 + d
			continue
		}
		v = v*32 + strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", ch)
		out = append(out, v)
		v = 0
	}
	return out
}

func (c *client) describe(id, score int) result {
	n := textFileOf(c.textStarts, id)
	f, ok := c.text[n]
	if !ok {
		f = new(textFile)
		c.load(textName(n), f)
		c.text[n] = f
	}
	e := f.Entries[id-c.textStarts[n]]
	p := f.Pages[int(e[0].(float64))]
	return result{ID: id, Score: score, Title: p[0].(string), File: p[1].(string),
		Heading: e[1].(string), Anchor: e[2].(string), Text: e[3].(string)}
}

func fallbacks(p string) []string {
	var out []string
	if strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
		return out
	}
	for k := 1; k <= 4 && len(p)-k >= 3; k++ {
		out = append(out, p[:len(p)-k])
	}
	return out
}

// needs lists the terms files a clause may look in, which search.js loads
// before it matches anything.
func (c *client) needs(cl clause) []int {
	if c.ix.Terms != nil {
		return nil
	}
	var out []int
	for _, name := range cl.names {
		for _, t := range name {
			out = append(out, c.shardOf(t))
		}
	}
	for _, t := range cl.exact {
		out = append(out, c.shardOf(t))
	}
	if cl.prefix != "" {
		out = append(out, c.prefixShards(cl.prefix)...)
		for _, p := range fallbacks(cl.prefix) {
			out = append(out, c.prefixShards(p)...)
		}
	}
	return out
}

func textFileOf(starts []int, id int) int {
	i, found := slices.BinarySearch(starts, id)
	if found {
		return i
	}
	return max(0, i-1)
}

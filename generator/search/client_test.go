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
	t       testing.TB
	files   map[string][]byte
	loaded  []string // files read, in order
	ix      indexFile
	stop    map[string]bool
	terms   map[int]*termsFile
	text    map[int]*textFile
	decoded map[string]postingList
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
			out = append(out, clause{exact: []string{a}})
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
		cl := clause{exact: exact}
		if i == len(found)-1 && typing && len([]rune(f)) >= 2 {
			cl.prefix = f
		}
		out = append(out, cl)
	}
	return out
}

func (c *client) match(cl clause, hits map[string]bool) map[int]int {
	scores := map[int]int{}
	add := func(term string, weight int) bool {
		p, ok := c.postings(term)
		if !ok {
			return false
		}
		hits[term] = true
		for i, id := range p.ids {
			f := p.flags[i]
			s := weight * ([]int{0, 4, 8, 16}[f>>1] + f&1)
			if old, ok := scores[id]; !ok || s > old {
				scores[id] = s
			}
		}
		return true
	}
	acronymFound := false
	for i, t := range cl.exact {
		acronymFound = add(t, 2) && i > 0 || acronymFound
	}
	if cl.prefix != "" && !acronymFound {
		anyTerm := false
		for _, t := range c.withPrefix(cl.prefix) {
			anyTerm = add(t, 1) || anyTerm
		}
		for _, p := range fallbacks(cl.prefix) {
			if anyTerm || len(scores) > 0 {
				break
			}
			for _, t := range c.withPrefix(p) {
				anyTerm = add(t, 1) || anyTerm
			}
		}
	}
	return scores
}

// search answers query with the number of matching entries, the best ten
// (or fewer) and the terms that matched.
func (c *client) search(query string) (total int, results []result, hits map[string]bool) {
	clauses := c.parse(query)
	if len(clauses) == 0 {
		return 0, nil, nil
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
	for _, r := range all[:min(len(all), 10)] {
		n := textFileOf(c.ix.Text, r.id)
		f, ok := c.text[n]
		if !ok {
			f = new(textFile)
			c.load(textName(n), f)
			c.text[n] = f
		}
		e := f.Entries[r.id-c.ix.Text[n]]
		p := f.Pages[int(e[0].(float64))]
		results = append(results, result{ID: r.id, Score: r.score, Title: p[0].(string), File: p[1].(string),
			Heading: e[1].(string), Anchor: e[2].(string), Text: e[3].(string)})
	}
	return len(all), results, hits
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

package content

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to word, or "" when none is close
// enough to be a likely typo. It powers every "did you mean" in the project.
func Suggest(word string, candidates []string) string {
	return NewSuggester(candidates).Suggest(word)
}

// Suggester finds likely typos among a fixed list of candidates, read
// once: the link checker asks it once for each broken link, and a
// handbook brought from elsewhere can have hundreds (492 took longer to
// report than the site took to build, most of it here). It is not safe
// for concurrent use.
type Suggester struct {
	cands []candidate // sorted by lower
	rows  [3][]int    // distance's scratch rows
}

type candidate struct {
	s     string
	lower []rune
	key   string // lower case, for sorting
}

// NewSuggester reads the candidates for Suggest.
func NewSuggester(candidates []string) *Suggester {
	s := &Suggester{cands: make([]candidate, len(candidates))}
	for i, c := range candidates {
		l := strings.ToLower(c)
		s.cands[i] = candidate{c, []rune(l), l}
	}
	slices.SortFunc(s.cands, func(a, b candidate) int { return strings.Compare(a.key, b.key) })
	return s
}

// Suggest returns the candidate closest to word, ties going to the first
// in sorted order, or "" when none is within about one typo in three
// letters: "titel" → "title", but not "colour" → "kind". The work per
// candidate is bounded by the best distance found so far, so the
// candidates nearest word in sorted order (sharing its start, where a
// typo is usually not) are tried first, to find a close one early.
func (s *Suggester) Suggest(word string) string {
	lw := strings.ToLower(word)
	w := []rune(lw)
	limit := max(1, utf8.RuneCountInString(word)/3)
	best, bestDist := "", limit+1
	try := func(c candidate) {
		if abs(len(c.lower)-len(w)) > bestDist {
			return // the lengths alone differ by more edits
		}
		d := s.distance(w, c.lower, bestDist)
		if d < bestDist || d == bestDist && best != "" && c.s < best {
			best, bestDist = c.s, d
		}
	}
	at, _ := slices.BinarySearchFunc(s.cands, lw, func(c candidate, k string) int { return strings.Compare(c.key, k) })
	near := s.cands[max(0, at-8):min(len(s.cands), at+8)]
	for _, c := range near {
		try(c)
	}
	for _, c := range s.cands {
		try(c) // trying a near one again changes nothing
	}
	return best
}

// distance is the package's distance, with s's scratch rows.
func (s *Suggester) distance(a, b []rune, bound int) int {
	for i := range s.rows {
		if cap(s.rows[i]) < len(b)+1 {
			s.rows[i] = make([]int, len(b)+1, 2*len(b)+2)
		}
		s.rows[i] = s.rows[i][:len(b)+1]
	}
	return distanceIn(a, b, bound, s.rows[0], s.rows[1], s.rows[2])
}

// distance is the optimal-string-alignment edit distance between a and b:
// insertions, deletions, substitutions and swaps of two neighbouring letters
// ("titel" → "title") each count one. It counts runes, so an accented
// letter is one edit. A distance over bound is returned as bound+1, and
// only the cells within bound of the diagonal are worked out.
func distance(a, b []rune, bound int) int {
	return distanceIn(a, b, bound, make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1))
}

// distanceIn is distance working in three rows of len(b)+1. The start
// and end the two share are left out first: paths and IDs often share
// most of their letters ("section-12/page-84.md"), and a typo is rarely
// in all of them.
func distanceIn(a, b []rune, bound int, prev2, prev, cur []int) int {
	inf := bound + 1
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if abs(len(a)-len(b)) > bound {
		return inf
	}
	n := len(b)
	for j := 0; j <= n; j++ {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-bound), min(n, i+bound)
		// Only the band is worked out; the cells either side of it,
		// which the next row reads, are set beyond the bound.
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = min(i, inf)
		}
		if hi < n {
			cur[hi+1] = inf
		}
		rowMin := inf
		if lo == 1 {
			rowMin = cur[0]
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, inf)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= inf {
			return inf
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[n]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

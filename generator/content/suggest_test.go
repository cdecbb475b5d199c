package content

import (
	"fmt"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	keys := []string{"title", "description", "kind", "weight", "draft", "reviewed", "next_review", "sources"}
	tests := []struct {
		name, word string
		candidates []string
		want       string
	}{
		{"swapped letters", "titel", keys, "title"},
		{"missing letter", "weigt", keys, "weight"},
		{"extra letter", "drafft", keys, "draft"},
		{"capital letters", "TITLE", keys, "title"},
		{"underscore forgotten", "nextreview", keys, "next_review"},
		{"accented letter is one edit", "communicatión", []string{"communication"}, "communication"},
		{"too far", "colour", keys, ""},
		{"short words allow one edit", "kid", keys, "kind"},
		{"short words allow no more", "kd", keys, ""},
		{"no candidates", "title", nil, ""},
		{"ties go to the first in order", "cat", []string{"cot", "bat"}, "bat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.word, tt.candidates); got != tt.want {
				t.Errorf("Suggest(%q, %q) = %q; want %q", tt.word, tt.candidates, got, tt.want)
			}
		})
	}
}

// TestDistanceBounded holds the banded distance to the full one: equal
// up to the bound, and bound+1 beyond it.
func TestDistanceBounded(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "title", "titel", "tilte", "weight", "weigt", "next_review", "nextreview",
		"communication", "communicatión", "ca", "abc", "cba", "kitten", "sitting", "referral", "referal", "reffereal",
		"aab", "aba", "abca", "acba", "xaby", "xbay", "abab", "baba", "section-12/pgae-84.md", "section-12/page-84.md", "section-1/page-100.md"}
	for _, x := range words {
		for _, y := range words {
			a, b := []rune(x), []rune(y)
			want := fullDistance(a, b)
			for bound := 0; bound <= 6; bound++ {
				if got := distance(a, b, bound); got != min(want, bound+1) {
					t.Errorf("distance(%q, %q, %d) = %d; want %d (full distance %d)", x, y, bound, got, min(want, bound+1), want)
				}
			}
		}
	}
}

// fullDistance is the optimal-string-alignment distance worked out in
// full, as distance was before it was bounded.
func fullDistance(ra, rb []rune) int {
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// BenchmarkSuggest asks for 250 mistyped page paths among 2,000, as the
// link checker does for a handbook with that many broken links, with the
// Suggester and, as the peer, with the full distance over every
// candidate as Suggest worked before.
func BenchmarkSuggest(b *testing.B) {
	var paths, typos []string
	for i := range 2000 {
		paths = append(paths, fmt.Sprintf("section-%d/page-%d.md", i%40, i))
	}
	for i := range 250 {
		typos = append(typos, fmt.Sprintf("section-%d/pgae-%d.md", i%40, i*7))
	}
	b.Run("suggester", func(b *testing.B) {
		for b.Loop() {
			s := NewSuggester(paths)
			for _, w := range typos {
				s.Suggest(w)
			}
		}
	})
	b.Run("full distance", func(b *testing.B) {
		for b.Loop() {
			for _, w := range typos {
				best, bestDist := "", -1
				lw := []rune(strings.ToLower(w))
				for _, c := range paths {
					d := fullDistance(lw, []rune(strings.ToLower(c)))
					if bestDist < 0 || d < bestDist || d == bestDist && c < best {
						best, bestDist = c, d
					}
				}
			}
		}
	})
}

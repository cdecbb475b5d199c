package search

import (
	"slices"
	"strings"
	"testing"
)

// TestHandbookTypos checks that each misspelling trainees tried finds the
// word they meant, and each synonym in the glossary's list finds the name
// the handbook uses.
func TestHandbookTypos(t *testing.T) {
	files := buildDir(t, "../../content")
	tests := []struct {
		query, hit, text string // hit: a term that must match; text: in the best result
	}{
		{"refferal", "refer", "referral"},
		{"pateint", "patient", "patient"},
		{"recieved", "receiv", "receiv"},
		{"ERS", "RS", "e-RS"},
		{"ers", "RS", "e-RS"},
		{"did not attend", "DNA", "DNA"},
		{"WNB", "brought", "was not brought"},
		{"patient tracking list", "PTL", "PTL"},
		{"two week wait", "2WW", "2WW"},
	}
	for _, tt := range tests {
		total, results, hits := newClient(t, files).search(tt.query)
		if total == 0 || !hits[tt.hit] {
			t.Errorf("search(%q) = %d results, hits %v; want %q among the hits", tt.query, total, keys(hits), tt.hit)
			continue
		}
		best := results[0]
		if !strings.Contains(strings.ToLower(best.Title+" "+best.Heading+" "+best.Text), strings.ToLower(tt.text)) {
			t.Errorf("search(%q): best result %s#%s does not mention %q", tt.query, best.File, best.Anchor, tt.text)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestTypoRanking checks that a word is corrected only when it is not
// found as written or as the start of a word, nearer corrections first,
// and that short words are never corrected.
func TestTypoRanking(t *testing.T) {
	files := buildSite(t, map[string]string{
		"index.md":   "---\ntitle: Home\n---\nWelcome.\n",
		"patient.md": "---\ntitle: Patient\n---\nAbout people.\n",
		"patent.md":  "---\ntitle: Patent\n---\nAbout inventions.\n",
		"patents.md": "---\ntitle: Other\n---\nPatently obvious.\n",
		"cat.md":     "---\ntitle: Cat\n---\nA cat.\n",
	})
	tests := []struct {
		query string
		want  []string
	}{
		{"patent ", []string{"patent/index.html#", "patents/index.html#"}},                        // a word found is not corrected
		{"patient", []string{"patient/index.html#"}},                                              // nor one being typed
		{"pateint", []string{"patent/index.html#", "patient/index.html#", "patents/index.html#"}}, // one letter out: a swap or one too many; titles first
		{"patinet", []string{"patient/index.html#"}},                                              // the nearest is patient
		{"cta", nil},  // three letters: no corrections
		{"kat ", nil}, // nor here
	}
	for _, tt := range tests {
		_, results, _ := newClient(t, files).search(tt.query)
		if got := where(results); !slices.Equal(got, tt.want) {
			t.Errorf("search(%q) = %q; want %q", tt.query, got, tt.want)
		}
	}
}

// TestSynonymsOf reads the editors' synonym list from a glossary.
func TestSynonymsOf(t *testing.T) {
	files := buildSite(t, map[string]string{
		"glossary.md": "---\ntitle: Glossary\nkind: glossary\n---\n## D\n\nDNA (did not attend)\n: Missed it.\n\n" +
			"## Other names {#search-synonyms}\n\nIntro.\n\n- e-RS, ERS\n- DNA, did not attend\n- lonely\n- the, an\n\n## After\n\n- not, read\n",
		"booking.md": "---\ntitle: Booking\n---\nBook in e-RS.\n",
	})
	var ix indexFile
	newClient(t, files).load("index.js", &ix)
	want := [][][]string{{{"e", "RS"}, {"ERS"}}, {{"DNA"}, {"did", "not", "attend"}}}
	if !slices.EqualFunc(ix.Synonyms, want, func(a, b [][]string) bool {
		return slices.EqualFunc(a, b, slices.Equal[[]string])
	}) {
		t.Errorf("synonyms = %q; want %q", ix.Synonyms, want)
	}
	_, results, _ := newClient(t, files).search("ERS")
	if got := where(results); !slices.Contains(got, "booking/index.html#") {
		t.Errorf("search(ERS) = %q; want booking/index.html#, which says e-RS", got)
	}
}

// TestDistance checks the edit distance typos are measured by.
func TestDistance(t *testing.T) {
	tests := []struct {
		a, b      string
		max, want int
	}{
		{"patient", "pateint", 2, 1}, // a swap is one
		{"referral", "refferal", 2, 2},
		{"abc", "abc", 1, 0},
		{"abc", "xyz", 1, 2}, // past max: max+1
		{"abcd", "a", 1, 2},
		{"", "ab", 2, 2},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d; want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

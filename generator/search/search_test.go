package search

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// buildSite indexes a site given as content files (path → source) and
// returns the index's files.
func buildSite(t testing.TB, files map[string]string) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buildDir(t, dir)
}

// buildDir indexes the content folder dir, failing on any problem.
func buildDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	tree, docs := loadDir(t, dir)
	return Build(tree, docs, nil).Files()
}

// loadDir converts the content folder dir, failing on any problem.
func loadDir(t testing.TB, dir string) (*nav.Tree, map[*content.Page]*markdown.Doc) {
	t.Helper()
	pages, other, err := content.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tree := nav.Build(pages, other)
	md := markdown.New(tree.Resolve)
	docs := map[*content.Page]*markdown.Doc{}
	for _, p := range pages {
		doc, err := md.Convert(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[p] = doc
	}
	return tree, docs
}

// where names a result as page file#anchor.
func where(results []result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.File+"#"+r.Anchor)
	}
	return out
}

func TestRanking(t *testing.T) {
	files := buildSite(t, map[string]string{
		"index.md":     "---\ntitle: Home\n---\nWelcome.\n",
		"rules.md":     "---\ntitle: Rules\n---\nA referral starts the clock.\n",
		"booking.md":   "---\ntitle: Booking\n---\n## Letters\n\nLetters go out.\n\n## Referral letters\n\nThey arrive daily.\n",
		"referrals.md": "---\ntitle: Referrals\n---\nHow they reach us.\n\n## Checking\n\nCheck the details.\n",
		"other.md":     "---\ntitle: Other\n---\nNothing to see.\n",
	})
	// Results are grouped by page, pages in the order of their best entry.
	want := []string{
		"referrals/index.html#",               // word in the title, at the top of the page
		"referrals/index.html#checking",       // in the title of the page it is on
		"booking/index.html#referral-letters", // in a heading
		"rules/index.html#",                   // in the text
	}
	for _, query := range []string{"referral", "referrals ", "Referred", "REFERRING"} {
		total, results, _ := newClient(t, files).search(query)
		if got := where(results); total != len(want) || !slices.Equal(got, want) {
			t.Errorf("search(%q) = %d, %q; want %d, %q", query, total, got, len(want), want)
		}
	}
}

func TestQueries(t *testing.T) {
	files := buildSite(t, map[string]string{
		"index.md": "---\ntitle: Home\n---\nWelcome to the café.\n",
		"dna.md":   "---\ntitle: Missed appointments\n---\nWhen a patient DNAs, check the PTL. Two DNAs in a row.\n\n## Rebooking\n\nOffer new appointments.\n",
		"dnase.md": "---\ntitle: Enzymes\n---\nDnase is an enzyme. Dnaj too.\n",
		"cafe.md":  "---\ntitle: Cafe opening\n---\nThe CAFE is open.\n\n## Referrals\n\nReferrals and appointments both.\n",
		"glossary.md": "---\ntitle: Glossary\nkind: glossary\n---\nTerms in order.\n\n## D\n\n" +
			"DNA (did not attend)\n: The patient misses an appointment.\n\nDTA (decision to admit)\n: Listing for admission.\n",
	})
	tests := []struct {
		name, query string
		want        []string
	}{
		{"acronym in lower case", "dna", []string{"glossary/index.html#dna", "dna/index.html#"}},
		{"acronym in capitals", "DNA", []string{"glossary/index.html#dna", "dna/index.html#"}},
		{"acronym plural", "dnas", []string{"glossary/index.html#dna", "dna/index.html#"}},
		{"acronym is not a prefix", "dn", []string{"dnase/index.html#"}},
		{"acronym in capitals is whole", "DN", nil},
		{"typed acronym", "ptl", []string{"dna/index.html#"}},
		{"prefix of the word being typed", "appoi", []string{"dna/index.html#", "dna/index.html#rebooking", "cafe/index.html#referrals", "glossary/index.html#dna"}},
		{"word cut mid-suffix", "appointm", []string{"dna/index.html#", "dna/index.html#rebooking", "cafe/index.html#referrals", "glossary/index.html#dna"}},
		{"finished words are not prefixes", "appoi ", nil},
		{"all words must match", "referrals appointments", []string{"cafe/index.html#referrals"}},
		{"accents fold", "café", []string{"cafe/index.html#", "cafe/index.html#referrals", "index.html#"}},
		{"accents fold both ways", "cafe ", []string{"cafe/index.html#", "cafe/index.html#referrals", "index.html#"}},
		{"glossary term heading", "decision admit", []string{"glossary/index.html#dta"}},
		{"stop words are dropped", "the appointments of", []string{"dna/index.html#", "dna/index.html#rebooking", "cafe/index.html#referrals", "glossary/index.html#dna"}},
		{"only stop words", "the of", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, results, _ := newClient(t, files).search(tt.query)
			if got := where(results); !slices.Equal(got, tt.want) {
				t.Errorf("search(%q) = %q; want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestGlossary(t *testing.T) {
	files := buildSite(t, map[string]string{
		"index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"glossary.md": "---\ntitle: Glossary\ndescription: Words we use.\nkind: glossary\n---\nTerms in order.\n\n## A\n\n" +
			"Access policy\n: A trust's *rulebook*. See [home](index.md).\n\n" +
			"## D\n\nA note on D.\n\nDNA (did not attend)\n: Missed.\n\n  Second paragraph.\n\n## Notes\n\nNo terms here.\n",
	})
	var text textFile
	c := newClient(t, files)
	c.load(textName(0), &text)
	var got []string
	for _, e := range text.Entries {
		got = append(got, e[2].(string)+"|"+e[1].(string)+"|"+e[3].(string))
	}
	want := []string{
		"||Welcome.",
		"||Words we use. Terms in order.",
		"access-policy|Access policy|A trust’s rulebook. See home.",
		"d|D|A note on D.",
		"dna|DNA (did not attend)|Missed. Second paragraph.",
		"notes|Notes|No terms here.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("glossary entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestEscaping(t *testing.T) {
	title := "<script>alert(1)</script>"
	files := buildSite(t, map[string]string{
		"index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"x.md": "---\ntitle: \"" + title + "\"\n---\nThe tag `</script><!--` ends a script. So does </script> & <b>this</b>.\n\n" +
			"```html\n</script>\n```\n\nLine\u2028separator.\n",
	})
	for name, b := range files {
		for _, bad := range []string{"<", ">", "\u2028"} {
			if i := bytes.Index(b, []byte(bad)); i >= 0 {
				t.Errorf("%s has %q at %d: %.40q", name, bad, i, b[max(0, i-20):])
			}
		}
	}
	_, results, _ := newClient(t, files).search("alert")
	if len(results) != 1 || results[0].Title != title {
		t.Fatalf("search(alert) = %+v; want the page titled %q", results, title)
	}
	_, results, _ = newClient(t, files).search("ends")
	if len(results) != 1 || strings.Count(results[0].Text, "</script>") != 2 || !strings.Contains(results[0].Text, "<!--") {
		t.Errorf("search(ends) = %+v; want the tags as text", results)
	}
}

func TestPostings(t *testing.T) {
	postings := []uint32{0<<3 | 1, 1<<3 | 6, 2<<3 | 7, 40<<3 | 1, 5000<<3 | 4, 5001<<3 | 1, 1_000_000<<3 | 2}
	got := decodePostings(encodePostings(postings))
	var want postingList
	for _, p := range postings {
		want.ids = append(want.ids, int(p>>3))
		want.flags = append(want.flags, int(p&7))
	}
	if !slices.Equal(got.ids, want.ids) || !slices.Equal(got.flags, want.flags) {
		t.Errorf("decode(encode(%v)) = %+v; want %+v", postings, got, want)
	}
}

func TestTermOrder(t *testing.T) {
	m := NewMemo()
	for _, term := range []string{"b", "a", "\U0001F600", "c"} {
		m.dict.number(term)
	}
	postings := [][]uint32{{1}, {1}, {1}, nil} // "c" is no longer used
	got := m.order(postings)
	if want := []int32{1, 0, 2}; !slices.Equal(got, want) {
		t.Fatalf("order = %v; want %v", got, want)
	}
	// Terms met in a later build are merged into the order.
	m.dict.number("aa")
	m.dict.number("\uffff")
	postings = append(postings, []uint32{1}, []uint32{1})
	got = m.order(postings)
	if want := []int32{1, 4, 0, 2, 5}; !slices.Equal(got, want) {
		t.Errorf("order after new terms = %v; want %v", got, want)
	}
}

func TestCompareUTF16(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"a", "b", -1},
		{"ab", "a", 1},
		{"DNA", "dna", -1},
		{"\uffff", "\U0001F600", 1}, // surrogates sort below U+E000 in UTF-16
		{"\ud7ff", "\U0001F600", -1},
	}
	for _, tt := range tests {
		got := compareUTF16(tt.a, tt.b)
		if (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
			t.Errorf("compareUTF16(%q, %q) = %d; want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestEmptySite(t *testing.T) {
	files := Build(nav.Build(nil, nil), nil, nil).Files()
	total, results, _ := newClient(t, files).search("home")
	if total != 1 || len(results) != 1 || results[0].File != "index.html" {
		t.Errorf("search(home) on an empty site = %d, %+v; want the home page the tree makes up", total, results)
	}
	total, _, _ = newClient(t, files).search("anything")
	if total != 0 {
		t.Errorf("search(anything) on an empty site = %d results; want 0", total)
	}
}

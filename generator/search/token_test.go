package search

import (
	"slices"
	"testing"
	"unicode"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"spaces and punctuation", "Book the  next step, then chase.", []string{"Book", "the", "next", "step", "then", "chase"}},
		{"apostrophes join", "don't patient’s", []string{"don't", "patient’s"}},
		{"apostrophe at an edge", "'quoted' patients'", []string{"quoted", "patients"}},
		{"hyphens split", "e-RS 18-week follow-up", []string{"e", "RS", "18", "week", "follow", "up"}},
		{"accents and marks", "Café naïve cafe\u0301", []string{"Café", "naïve", "cafe\u0301"}},
		{"other scripts", "Gwasanaeth Iechyd Gwladol – 国民保健", []string{"Gwasanaeth", "Iechyd", "Gwladol", "国民保健"}},
		{"empty", " — ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			words(tt.in, func(w string, at int) {
				if tt.in[at:at+len(w)] != w {
					t.Errorf("words(%q): %q at %d is not where it says", tt.in, w, at)
				}
				got = append(got, w)
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cafe", "cafe"},
		{"Café", "cafe"},
		{"CAFÉ", "cafe"},
		{"cafe\u0301", "cafe"}, // decomposed: e and a combining acute
		{"naïve", "naive"},
		{"Ærø", "aero"},
		{"Straße", "strasse"},
		{"Œdema", "oedema"},
		{"Łódź", "lodz"},
		{"Ưu", "uu"},     // Vietnamese, Latin Extended-B
		{"Việt", "viet"}, // Latin Extended Additional
		{"don't", "dont"},
		{"patient’s", "patient"},
		{"Moss's", "moss"},
		{"patients'", "patients"},
		{"rock'n'roll", "rocknroll"},
		{"Ωmega", "ωmega"}, // not Latin: only lower-cased
		{"2WW", "2ww"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"referral", "referral", "refer"},
		{"referrals", "referrals", "refer"},
		{"referred", "referred", "refer"},
		{"referring", "referring", "refer"},
		{"referrer", "Referrer", "refer"},
		{"appointment", "appointments", "appoint"},
		{"cancellation", "cancellation", "cancel"},
		{"cancelled", "cancelled", "cancel"},
		{"staff", "staff", "staf"},
		{"staffing", "staffing", "staf"},
		{"accented", "Café", "cafe"},
		{"acronym stays whole", "DNA", "DNA"},
		{"acronym plural", "DNAs", "DNA"},
		{"acronym possessive", "PTL’s", "PTL"},
		{"acronym with digits", "2WW", "2WW"},
		{"acronym not stemmed", "RTT", "RTT"},
		{"capitalised word is not an acronym", "Referral", "refer"},
		{"too long for an acronym", "REFERRAL", "refer"},
		{"one capital is not an acronym", "A", ""},
		{"stop word", "The", ""},
		{"stop word in capitals is an acronym", "IT", "IT"},
		{"number", "62", "62"},
		{"other script", "国民保健", "国民保健"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := key(tt.in); got != tt.want {
				t.Errorf("key(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestStem checks Porter2 against the Snowball project's published output
// for the words where it is not changed by undoubling, and the undoubling
// step where it is.
func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		// Snowball English.
		{"consign", "consign"},
		{"consigned", "consign"},
		{"consigning", "consign"},
		{"consignment", "consign"},
		{"consist", "consist"},
		{"consisted", "consist"},
		{"consistency", "consist"},
		{"consistent", "consist"},
		{"consistently", "consist"},
		{"consisting", "consist"},
		{"consists", "consist"},
		{"consolation", "consol"},
		{"consolations", "consol"},
		{"consolatory", "consolatori"},
		{"console", "consol"},
		{"consoled", "consol"},
		{"consoles", "consol"},
		{"consolidate", "consolid"},
		{"consolidated", "consolid"},
		{"consolidating", "consolid"},
		{"consoling", "consol"},
		{"knack", "knack"},
		{"knackeries", "knackeri"},
		{"knaves", "knave"},
		{"knavish", "knavish"},
		{"kneaded", "knead"},
		{"kneel", "kneel"},
		{"generously", "generous"},
		{"communication", "communic"},
		{"skies", "sky"},
		{"dying", "die"},
		{"news", "news"},
		{"ties", "tie"},
		{"cries", "cri"},
		{"gas", "gas"},
		{"gaps", "gap"},
		{"happily", "happili"},
		{"hopping", "hop"},
		{"hoping", "hope"},
		{"luxuriating", "luxuri"},
		{"succeed", "succeed"},
		{"patients", "patient"},
		{"validation", "valid"},
		{"diagnostic", "diagnost"},
		{"treatment", "treatment"},
		{"treated", "treat"},
		// Undoubled, where Porter2 alone leaves a double consonant.
		{"referral", "refer"},
		{"referrer", "refer"},
		{"staff", "staf"},
		{"access", "acces"},
		{"call", "cal"},
		{"knell", "knel"},
		// Too short to stem or not plain letters.
		{"is", "is"},
		{"add", "add"},
		{"18th", "18th"},
		{"café", "café"},
	}
	for _, tt := range tests {
		if got := stem(tt.in); got != tt.want {
			t.Errorf("stem(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStopWords(t *testing.T) {
	list := stopWords()
	for _, w := range list {
		if !isStop(w) {
			t.Errorf("stopWords() lists %q but isStop(%q) = false", w, w)
		}
	}
	for _, w := range []string{"referral", "not", "no", "day", "may"} {
		if isStop(w) {
			t.Errorf("isStop(%q) = true; want false", w)
		}
	}
	if !slices.IsSorted(list) {
		t.Errorf("stopWords() is not sorted: %q", list)
	}
}

// TestIsWordRuneFastPath holds the ASCII shortcut to the Unicode rule
// search.js shares.
func TestIsWordRuneFastPath(t *testing.T) {
	for r := rune(0); r < 0x400; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%U) = %v; want %v", r, got, want)
		}
	}
}

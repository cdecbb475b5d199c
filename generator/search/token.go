package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// words calls yield with each word of s, in order, and its byte offset. A
// word is a run of letters, digits and combining marks; an apostrophe
// between two such runs joins them, so "don't" and "patient’s" are one
// word each. search.js finds words with the same rule (its WORD regular
// expression), which is what lets a query meet the index.
func words(s string, yield func(w string, at int)) {
	for i := 0; ; {
		start, end, _ := nextWord(s, i)
		if start == end {
			return
		}
		yield(s[start:end], start)
		i = end
	}
}

// nextWord finds the first word of s at or after byte i, as words
// defines them, and returns where it starts and ends (start == end when
// there is none) and the hash of its bytes (hashWord). Indexing calls it
// for every word of every page: ASCII bytes, most of the text, are
// classed by a table lookup without decoding a rune, and the hash is made
// on the way, so the word's bytes are read once.
func nextWord(s string, i int) (start, end int, h uint64) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if wordByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	start, h = i, hashSeed
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if wordByte[c] || c == '\'' && wordAt(s, i+1) {
				h = (h ^ uint64(c)) * hashPrime
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) && !(r == '’' && wordAt(s, i+size)) {
			break
		}
		for end := i + size; i < end; i++ {
			h = (h ^ uint64(s[i])) * hashPrime
		}
	}
	return start, i, h
}

// wordAt reports whether a word rune starts at byte i of s: an apostrophe
// before it joins two runs into one word.
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return wordByte[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// hashWord is the hash nextWord makes of a word's bytes: 64-bit FNV-1a.
func hashWord(w string) uint64 {
	h := uint64(hashSeed)
	for i := range len(w) {
		h = (h ^ uint64(w[i])) * hashPrime
	}
	return h
}

const hashSeed, hashPrime = 14695981039346656037, 1099511628211

// wordByte says which ASCII bytes are word runes: letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most of the text: skip the table searches
		return wordByte[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// key is the term a word is indexed under, or "" for a stop word. Short
// all-capital words are acronyms, kept whole and in capitals so that they
// never meet an ordinary word by stemming or by prefix: "DNA" and "DNAs"
// are DNA, while "dna" typed in a query is looked up as DNA by search.js.
// Every other word is folded and stemmed.
func key(w string) string {
	if a := acronym(w); a != "" {
		return a
	}
	f := fold(w)
	if isStop(f) {
		return ""
	}
	return stem(f)
}

// acronym returns w if it is written as an acronym: two to five capital
// letters or digits with at least two letters, optionally followed by a
// plural "s" or "'s", which is dropped. Otherwise it returns "".
func acronym(w string) string {
	for _, suffix := range []string{"'s", "’s", "s"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && isAcronym(base) {
			return base
		}
	}
	if isAcronym(w) {
		return w
	}
	return ""
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	letters := 0
	for i := range len(w) {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			letters++
		case '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// fold lower-cases w, drops a possessive "'s" and any other apostrophes and
// accents, and spells ligatures out (Æ → ae, ß → ss), so "Café" and "cafe"
// are one word, as are "patient’s" and "patient".
// Accents are dropped for the Latin letters of Latin-1 to Latin Extended-B
// and Latin Extended Additional, which cover every European language; the
// tables were made from Unicode's canonical decompositions (NFD), which is
// what search.js applies to the same ranges.
func fold(w string) string {
	ascii := true
	for i := range len(w) {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\'' {
			ascii = false
			break
		}
	}
	if ascii {
		return w // the common case, without allocating
	}
	for _, possessive := range []string{"'s", "’s", "'S", "’S"} {
		if base, ok := strings.CutSuffix(w, possessive); ok && base != "" {
			w = base
			break
		}
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			if r != '\'' {
				b.WriteRune(unicode.ToLower(r))
			}
		case r == '’' || unicode.Is(unicode.Mn, r):
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// foldRune folds one non-ASCII letter.
func foldRune(r rune) string {
	var c byte
	switch {
	case 0xC0 <= r && r < 0x250:
		c = latinFold[r-0xC0]
	case 0x1E00 <= r && r < 0x1F00:
		c = latinAdditionalFold[r-0x1E00]
	}
	switch c {
	case 0, '.':
		return string(unicode.ToLower(r))
	case '1':
		return "ae"
	case '2':
		return "oe"
	case '3':
		return "ss"
	case '4':
		return "th"
	case '5':
		return "ij"
	}
	return string(rune(c))
}

// latinFold[r-0xC0] is what r in U+00C0..U+024F folds to: a letter, a digit
// naming a ligature (1 ae, 2 oe, 3 ss, 4 th, 5 ij), or "." for "just lower
// case". Made by search.js's foldChar for each rune, so the two agree.
const latinFold = "aaaaaa1ceeeeiiiidnooooo.ouuuuy43aaaaaa1ceeeeiiiidnooooo.ouuuuy4yaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii55jjkk.llllllllllnnnnnn...oooooo22rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs................................oo.............uu............................aaiioouuuuuuuuuu.aaaa11..ggkkoooo..j...gg..nnaa11ooaaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................"

// latinAdditionalFold is latinFold for U+1E00..U+1EFF.
const latinAdditionalFold = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy.s..3.aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......"

// isStop reports whether a folded word is too common to be worth indexing.
// Queries drop these words too (search.js reads the list from index.js), so
// "referral to treatment" finds what "referral treatment" finds.
func isStop(w string) bool {
	switch w {
	case "a", "an", "and", "are", "as", "at", "be", "been", "but", "by",
		"for", "from", "has", "have", "if", "in", "into", "is", "it", "its",
		"of", "on", "or", "so", "than", "that", "the", "their", "them", "then",
		"there", "these", "they", "this", "those", "to", "was", "we", "were",
		"which", "will", "with", "you", "your":
		return true
	}
	return false
}

// stopWords lists the words isStop accepts, for index.js.
func stopWords() []string {
	return []string{"a", "an", "and", "are", "as", "at", "be", "been", "but", "by",
		"for", "from", "has", "have", "if", "in", "into", "is", "it", "its",
		"of", "on", "or", "so", "than", "that", "the", "their", "them", "then",
		"there", "these", "they", "this", "those", "to", "was", "we", "were",
		"which", "will", "with", "you", "your"}
}

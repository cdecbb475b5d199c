package search

import "strings"

// stem reduces a folded English word to the stem it is indexed under, so
// that "referral", "referrals", "referred" and "referring" all meet at
// "refer". It is the Porter2 ("Snowball English") algorithm followed by one
// step of ours: a final double consonant is made single. Porter2 alone
// stems "referral" to "referr" but "referred" to "refer", and "staff" to
// "staff" but "staffing" to "staf"; undoubling joins each pair.
//
// Only words of the letters a to z are stemmed; anything else (numbers,
// other scripts) is its own stem. search.js carries a line-for-line copy of
// this function, which TestScriptAgrees checks word by word.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := range len(w) {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	if s, ok := stemException(w); ok {
		return s
	}
	b := []byte(w)
	// A y that acts as a consonant is written Y, so it is not a vowel.
	for i := range b {
		if b[i] == 'y' && (i == 0 || isVowel(b[i-1])) {
			b[i] = 'Y'
		}
	}
	r1, r2 := regions(b)
	b = step1a(b)
	switch string(b) {
	case "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed":
		return string(b)
	}
	b = step1b(b, r1)
	b = step1c(b)
	b = step2(b, r1)
	b = step3(b, r1, r2)
	b = step4(b, r2)
	b = step5(b, r1, r2)
	for i := range b {
		if b[i] == 'Y' {
			b[i] = 'y'
		}
	}
	if n := len(b); n >= 4 && b[n-1] == b[n-2] && !isVowel(b[n-1]) {
		b = b[:n-1]
	}
	return string(b)
}

func stemException(w string) (string, bool) {
	switch w {
	case "skis":
		return "ski", true
	case "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "idly":
		return "idl", true
	case "gently":
		return "gentl", true
	case "ugly":
		return "ugli", true
	case "early":
		return "earli", true
	case "only":
		return "onli", true
	case "singly":
		return "singl", true
	case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes":
		return w, true
	}
	return "", false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// regions finds R1 and R2: R1 starts after the first non-vowel that follows
// a vowel, R2 is the same rule applied again inside R1.
func regions(b []byte) (r1, r2 int) {
	r1 = len(b)
	for _, prefix := range []string{"gener", "commun", "arsen"} {
		if strings.HasPrefix(string(b), prefix) {
			r1 = len(prefix)
			break
		}
	}
	if r1 == len(b) {
		r1 = regionAfter(b, 0)
	}
	return r1, regionAfter(b, r1)
}

func regionAfter(b []byte, from int) int {
	for i := from + 1; i < len(b); i++ {
		if !isVowel(b[i]) && isVowel(b[i-1]) {
			return i + 1
		}
	}
	return len(b)
}

func hasVowel(b []byte) bool {
	for _, c := range b {
		if isVowel(c) {
			return true
		}
	}
	return false
}

// endsShort reports whether b ends in a short syllable: a vowel between two
// non-vowels, the second not w, x or Y; or a vowel then a non-vowel as the
// whole word.
func endsShort(b []byte) bool {
	n := len(b)
	if n == 2 {
		return isVowel(b[0]) && !isVowel(b[1])
	}
	if n >= 3 {
		c := b[n-1]
		return !isVowel(b[n-3]) && isVowel(b[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
	}
	return false
}

func isDouble(b []byte) bool {
	n := len(b)
	if n < 2 || b[n-1] != b[n-2] {
		return false
	}
	switch b[n-1] {
	case 'b', 'd', 'f', 'g', 'm', 'n', 'p', 'r', 't':
		return true
	}
	return false
}

// longest returns the longest suffix of b among suffixes, which must be
// listed longest first, or "".
func longest(b []byte, suffixes []string) string {
	for _, s := range suffixes {
		if len(s) <= len(b) && string(b[len(b)-len(s):]) == s {
			return s
		}
	}
	return ""
}

func step1a(b []byte) []byte {
	n := len(b)
	switch longest(b, []string{"sses", "ied", "ies", "us", "ss", "s"}) {
	case "sses":
		return b[:n-2]
	case "ied", "ies":
		if n > 4 {
			return b[:n-2]
		}
		return b[:n-1]
	case "s":
		// Drop the s if a vowel comes before the letter before it: gaps →
		// gap, but gas and this stay.
		if hasVowel(b[:n-2]) {
			return b[:n-1]
		}
	}
	return b
}

func step1b(b []byte, r1 int) []byte {
	n := len(b)
	s := longest(b, []string{"eedly", "ingly", "edly", "eed", "ing", "ed"})
	switch s {
	case "":
		return b
	case "eed", "eedly":
		if n-len(s) >= r1 {
			return append(b[:n-len(s)], "ee"...)
		}
		return b
	}
	stemmed := b[:n-len(s)]
	if !hasVowel(stemmed) {
		return b
	}
	switch {
	case longest(stemmed, []string{"at", "bl", "iz"}) != "":
		return append(stemmed, 'e')
	case isDouble(stemmed):
		return stemmed[:len(stemmed)-1]
	case r1 >= len(stemmed) && endsShort(stemmed):
		return append(stemmed, 'e')
	}
	return stemmed
}

func step1c(b []byte) []byte {
	n := len(b)
	if n > 2 && (b[n-1] == 'y' || b[n-1] == 'Y') && !isVowel(b[n-2]) {
		b[n-1] = 'i'
	}
	return b
}

func step2(b []byte, r1 int) []byte {
	s := longest(b, []string{
		"ization", "ational", "fulness", "ousness", "iveness",
		"tional", "biliti", "lessli",
		"entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli",
		"enci", "anci", "abli", "izer", "ator", "alli",
		"bli", "ogi", "li",
	})
	if s == "" || len(b)-len(s) < r1 {
		return b
	}
	stemmed := b[:len(b)-len(s)]
	switch s {
	case "tional":
		return append(stemmed, "tion"...)
	case "enci":
		return append(stemmed, "ence"...)
	case "anci":
		return append(stemmed, "ance"...)
	case "abli":
		return append(stemmed, "able"...)
	case "entli":
		return append(stemmed, "ent"...)
	case "izer", "ization":
		return append(stemmed, "ize"...)
	case "ational", "ation", "ator":
		return append(stemmed, "ate"...)
	case "alism", "aliti", "alli":
		return append(stemmed, "al"...)
	case "fulness":
		return append(stemmed, "ful"...)
	case "ousli", "ousness":
		return append(stemmed, "ous"...)
	case "iveness", "iviti":
		return append(stemmed, "ive"...)
	case "biliti", "bli":
		return append(stemmed, "ble"...)
	case "ogi":
		if len(stemmed) > 0 && stemmed[len(stemmed)-1] == 'l' {
			return append(stemmed, "og"...)
		}
	case "fulli":
		return append(stemmed, "ful"...)
	case "lessli":
		return append(stemmed, "less"...)
	case "li":
		if len(stemmed) > 0 && strings.IndexByte("cdeghkmnrt", stemmed[len(stemmed)-1]) >= 0 {
			return stemmed
		}
	}
	return b
}

func step3(b []byte, r1, r2 int) []byte {
	s := longest(b, []string{"ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful"})
	if s == "" || len(b)-len(s) < r1 {
		return b
	}
	stemmed := b[:len(b)-len(s)]
	switch s {
	case "tional":
		return append(stemmed, "tion"...)
	case "ational":
		return append(stemmed, "ate"...)
	case "alize":
		return append(stemmed, "al"...)
	case "icate", "iciti", "ical":
		return append(stemmed, "ic"...)
	case "ful", "ness":
		return stemmed
	case "ative":
		if len(stemmed) >= r2 {
			return stemmed
		}
	}
	return b
}

func step4(b []byte, r2 int) []byte {
	s := longest(b, []string{
		"ement",
		"ance", "ence", "able", "ible", "ment",
		"ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion",
		"al", "er", "ic",
	})
	if s == "" || len(b)-len(s) < r2 {
		return b
	}
	stemmed := b[:len(b)-len(s)]
	if s == "ion" && (len(stemmed) == 0 || (stemmed[len(stemmed)-1] != 's' && stemmed[len(stemmed)-1] != 't')) {
		return b
	}
	return stemmed
}

func step5(b []byte, r1, r2 int) []byte {
	n := len(b)
	switch {
	case n > 0 && b[n-1] == 'e':
		if n-1 >= r2 || (n-1 >= r1 && !endsShort(b[:n-1])) {
			return b[:n-1]
		}
	case n > 1 && b[n-1] == 'l':
		if n-1 >= r2 && b[n-2] == 'l' {
			return b[:n-1]
		}
	}
	return b
}

package markdown

import (
	"strings"
	"testing"
)

// fieldsJoined is what squash must agree with.
func fieldsJoined(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSquash(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain words", "plain words"},
		{"  padded  ", "padded"},
		{"two  spaces", "two spaces"},
		{"line\nbreak\ttab", "line break tab"},
		{"no\u00a0break\u2003em space", "no break em space"},
		{"trail ", "trail"},
		{" ", ""},
		{"bad \xff byte", "bad \xff byte"},
		{"18\u2011week RTT", "18\u2011week RTT"}, // a non-breaking hyphen is not space
	}
	for _, tt := range tests {
		if got := squash(tt.in); got != tt.want {
			t.Errorf("squash(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if got := fieldsJoined(tt.in); got != tt.want {
			t.Errorf("the table is wrong for %q: strings.Fields gives %q", tt.in, got)
		}
	}
}

func FuzzSquash(f *testing.F) {
	for _, s := range []string{"", "a b", " a\n\tb ", "x\u00a0y", "\xff \x80", "a  b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squash(s), fieldsJoined(s); got != want {
			t.Errorf("squash(%q) = %q; strings.Fields and Join give %q", s, got, want)
		}
	})
}

// BenchmarkSquash is a section's text as the walker gathers it, against
// the strings.Fields and Join it replaced.
func BenchmarkSquash(b *testing.B) {
	text := strings.Repeat("The patient’s clock starts on the date the trust\nreceives the referral.  It stops at first definitive treatment. ", 40)
	for _, f := range []struct {
		name string
		fn   func(string) string
	}{{"squash", squash}, {"fields-join", fieldsJoined}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				f.fn(text)
			}
		})
	}
}

// FuzzSquasher feeds a squasher s in pieces cut between runes: it must give
// what squash gives for s whole, as a section's text arrives node by node.
func FuzzSquasher(f *testing.F) {
	for _, s := range []string{"", "a b", " a\n\tb ", "x\u00a0y", "\xff \x80", "a  b", "one\u2028two"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, every uint8) {
		var q squasher
		var pieces []string
		start, runes := 0, 0
		for i := range s {
			if runes%(int(every)+1) == 0 && i > start {
				pieces = append(pieces, s[start:i])
				start = i
			}
			runes++
		}
		pieces = append(pieces, s[start:])
		for k, p := range pieces {
			if k%2 == 0 {
				q.WriteString(p)
			} else {
				q.Write([]byte(p))
			}
		}
		if got, want := q.String(), fieldsJoined(s); got != want {
			t.Errorf("squasher fed %q = %q; strings.Fields and Join give %q", pieces, got, want)
		}
		q.Reset()
		q.WriteByte(' ')
		q.WriteString(s)
		if got, want := q.String(), fieldsJoined(s); got != want {
			t.Errorf("after Reset, squasher fed %q = %q; want %q", s, got, want)
		}
	})
}

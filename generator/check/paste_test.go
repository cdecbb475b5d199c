package check

import (
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

func TestPaste(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // messages, at line 10 + the line in body
	}{
		{"heading", "##\u00a0Referrals\n", []string{`content/x.md:10: warning: "##" is followed by a non-breaking space, so this line is shown as text, not as a heading`}},
		{"numbered list", "Steps:\n\n1.\u00a0Book\n2. Call\n", []string{`content/x.md:12: warning: "1." is followed by a non-breaking space, so this line is shown as text, not as a list item`}},
		{"bullet", "-\u00a0Item\n", []string{`content/x.md:10: warning: "-" is followed by a non-breaking space, so this line is shown as text, not as a list item`}},
		{"link with a space", "See [my notes](my notes.md).\n", []string{`content/x.md:10: warning: [my notes](my notes.md) is shown as typed, not as a link, because the address has a space in it`}},
		{"ordinary", "## Referrals\n\n1. Book\n\n[a](b.md \"title\") [c](<my notes.md>) [d](my%20notes.md)\n\nNon\u00a0breaking in a sentence.\n", nil},
		{"in code", "```\n##\u00a0Not a heading\n[x](a b.md)\n```\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{File: "content/x.md", Line: 10, Body: []byte(tt.body)}
			var got []string
			for _, e := range content.Errors(Paste([]*content.Page{p})) {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Paste(%q) =\n%s\nwant\n%s", tt.body, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

package check

import (
	"fmt"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

func TestPlaceholders(t *testing.T) {
	starter := []byte("---\ntitle: {{quote .Title}}\n---\n\n*In two or three sentences, say what this page covers.*\n\n## In practice\n\n*Show how this works in a coordinator's day.*\n")
	tests := []struct {
		name, body string
		want       []string // file:line of each warning
	}{
		{"written over", "Coordinators book patients.\n\n## In practice\n\nA day.\n", nil},
		{"one left", "Coordinators book patients.\n\n## In practice\n\n*Show how this works in a coordinator's day.*\n", []string{"content/x.md:9:1"}},
		{"indented and left twice", "  *In two or three sentences, say what this page covers.*\n\n*Show how this works in a coordinator's day.*\n", []string{"content/x.md:5:1", "content/x.md:7:1"}},
		{"other italics are the editor's", "*In two or three sentences.*\n\nSome *emphasis* here.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{File: "content/x.md", Line: 5, Body: []byte(tt.body)}
			var got []string
			for _, f := range Findings(Placeholders([]*content.Page{p}, [][]byte{starter})) {
				got = append(got, fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Placeholders(%q) warns at %q; want %q", tt.body, got, tt.want)
			}
		})
	}
}

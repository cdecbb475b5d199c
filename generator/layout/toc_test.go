package layout

import (
	"html/template"
	"strings"
	"testing"

	"ppchandbook/generator/markdown"
)

// oldTOC is the range over .TOC that page.html held before tocList.
var oldTOC = template.Must(template.New("toc").Parse(`{{if .}}<ul>{{range .}}<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ul>{{end}}`))

// TestTOCList checks that tocList writes what the page template's range
// over .TOC wrote, byte for byte, whatever the headings hold.
func TestTOCList(t *testing.T) {
	tests := []struct {
		name string
		toc  []markdown.Heading
	}{
		{"none", nil},
		{"plain", []markdown.Heading{{Level: 2, ID: "referral-to-treatment", Text: "Referral to treatment"}, {Level: 3, ID: "the-clock", Text: "The clock"}}},
		{"text to escape", []markdown.Heading{{Level: 2, ID: "a", Text: `Tom & Jerry's "<b>2+2</b>"` + "\x00"}}},
		{"anchor to escape", []markdown.Heading{{Level: 3, ID: "café au lait/“quoted”?#x=1&y", Text: "Café"}}},
		{"every byte", []markdown.Heading{{Level: 2, ID: allBytes(), Text: allBytes()}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want strings.Builder
			if err := oldTOC.Execute(&want, tt.toc); err != nil {
				t.Fatal(err)
			}
			if got := string(tocList(tt.toc)); got != want.String() {
				t.Errorf("tocList =\n%q\nthe template wrote\n%q", got, want.String())
			}
		})
	}
}

func allBytes() string {
	var b strings.Builder
	for c := range 128 {
		b.WriteByte(byte(c))
	}
	return b.String() + "é€😀"
}

// FuzzTOCList checks tocList against the template on any heading.
func FuzzTOCList(f *testing.F) {
	f.Add(2, "a-b", "A & B")
	f.Add(3, "é x", "<\x00+'\"")
	f.Fuzz(func(t *testing.T, level int, id, text string) {
		toc := []markdown.Heading{{Level: level, ID: id, Text: text}}
		var want strings.Builder
		if err := oldTOC.Execute(&want, toc); err != nil {
			t.Skip(err)
		}
		if got := string(tocList(toc)); got != want.String() {
			t.Errorf("tocList(%q, %q) =\n%q\nthe template wrote\n%q", id, text, got, want.String())
		}
	})
}

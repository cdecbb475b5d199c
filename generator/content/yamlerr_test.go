package content

import (
	"fmt"
	"testing"
)

// TestFrontMatterMessages: each YAML mistake an educator makes is
// reported in plain words at the line to change, exactly as worded here.
func TestFrontMatterMessages(t *testing.T) {
	indentMsg := func(key, above string) string {
		return `content/x.md:%d: front matter: "` + key + `:" does not line up with "` + above + `:" above it: in a list such as sources:, each entry starts with "- " and the entry's other keys go under its first key, using spaces`
	}
	tests := []struct {
		name, front string
		line        int
		want        string
	}{
		{"a colon in a value", "title: Module 1: Introduction\n", 2,
			`content/x.md:%d: front matter: the value has a colon in it, which YAML reads as the start of another key: put the value in double quotes, as in title: "Module 1: Introduction"`},
		{"an unclosed double quote", "title: \"Unclosed\ndescription: x\nkind: page\n", 2,
			`content/x.md:%d: front matter: the value starts with " but never ends with one: add " at the end of the value`},
		{"an unclosed single quote", "title: A\ndescription: 'Unclosed\nkind: page\n", 3,
			`content/x.md:%d: front matter: the value starts with ' but never ends with one: add ' at the end of the value`},
		{"an entry's key indented too far", "title: S\nsources:\n- title: A\n  publisher: B\n   url: https://x\n", 6,
			indentMsg("url", "publisher")},
		{"an entry's key not indented", "title: S\nsources:\n  - title: A\n  publisher: B\n", 5,
			indentMsg("publisher", "title")},
		{"an entry out of line", "title: S\nsources:\n  - title: A\n    publisher: B\n   - title: C\n", 6,
			`content/x.md:%d: front matter: this "- " entry does not line up with the one above it: in a list such as sources:, each entry starts with "- " at the same place, using spaces`},
		{"an entry's key half indented", "title: S\nsources:\n- title: A\n publisher: B\n", 5,
			indentMsg("publisher", "title")},
		{"a tab", "title: A\n\tdescription: x\n", 3,
			`content/x.md:%d: front matter: a tab is used to indent this line: use spaces instead`},
		{"a tab in a list", "title: A\nskills:\n\t- a\n", 4,
			`content/x.md:%d: front matter: a tab is used to indent this line: use spaces instead`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("x.md", "content/x.md", []byte("---\n"+tt.front+"---\nText\n"))
			want := fmtLine(tt.want, tt.line)
			if err == nil || err.Error() != want {
				t.Errorf("front matter %q gave\n%v\nwant\n%s", tt.front, err, want)
			}
		})
	}
}

func fmtLine(format string, line int) string { return fmt.Sprintf(format, line) }

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

// TestPageWarnings: mistakes that still let a page be published are
// warned of, each in these words.
func TestPageWarnings(t *testing.T) {
	tests := []struct {
		name, path, in string
		want           []string
	}{
		{"no opening ---", "a.md", "title: A\nkind: page\n---\nText\n",
			[]string{`content/a.md:1:1: warning: the front matter has no opening "---": add a line with just "---" above this one, or these lines show as the page's text`}},
		{"an empty description", "a.md", "---\ntitle: A\ndescription: \"\"\n---\nText\n",
			[]string{`content/a.md:3: warning: description is empty: write one sentence saying what the page is for; lists and search results show it`}},
		{"a thematic break is not front matter", "a.md", "Some text.\n\n---\n\nMore.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.path, "content/"+tt.path, []byte(tt.in))
			var got []string
			for _, e := range Errors(err) {
				got = append(got, e.Error())
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("parse(%q) gave %q; want %q", tt.in, got, tt.want)
			}
		})
	}
	p := &Page{Path: "skills/My Page.md", File: "content/skills/My Page.md"}
	want := `content/skills/My Page.md:1: warning: the file name has spaces or capital letters, which make the page's address hard to type and links to it easy to get wrong: rename it, as in: rename "skills/My Page.md" skills/my-page.md`
	if err := NameWarning(p); err == nil || err.Error() != want {
		t.Errorf("NameWarning(%q) = %v; want %s", p.Path, err, want)
	}
}

package content

import (
	"errors"
	"testing"
)

func TestParseLineEndings(t *testing.T) {
	tests := []struct {
		name, in  string
		wantTitle string
		wantBody  string
		wantLine  int
	}{
		{"LF", "---\ntitle: Teamwork\n---\n\nBody\n", "Teamwork", "\nBody\n", 4},
		{"BOM", "\xef\xbb\xbf---\ntitle: Teamwork\n---\nBody\n", "Teamwork", "Body\n", 4},
		{"CRLF", "---\r\ntitle: Teamwork\r\n---\r\n\r\nBody\r\nMore\r\n", "Teamwork", "\nBody\nMore\n", 4},
		{"BOM and CRLF", "\xef\xbb\xbf---\r\ntitle: Teamwork\r\n---\r\nBody\r\n", "Teamwork", "Body\n", 4},
		{"lone CR", "---\rtitle: Teamwork\r---\rBody\r", "Teamwork", "Body\n", 4},
		{"BOM and no front matter", "\xef\xbb\xbf# Teamwork\r\n\r\nBody\r\n", "Teamwork", "# Teamwork\n\nBody\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parse("teamwork.md", "content/teamwork.md", []byte(tt.in))
			if err != nil || p.Meta.Title != tt.wantTitle || string(p.Body) != tt.wantBody || p.Line != tt.wantLine {
				t.Errorf("parse(%q) = title %q, body %q, line %d, %v; want %q, %q, %d, nil",
					tt.in, p.Meta.Title, p.Body, p.Line, err, tt.wantTitle, tt.wantBody, tt.wantLine)
			}
		})
	}
}

// TestParseErrorLine checks that a problem is reported on the line the
// educator sees in their editor, whatever the line endings.
func TestParseErrorLine(t *testing.T) {
	tests := []struct {
		name, in string
		wantLine int
	}{
		{"unknown key, LF", "---\ntitle: A\ncolour: red\n---\n", 3},
		{"unknown key, CRLF", "---\r\ntitle: A\r\ncolour: red\r\n---\r\n", 3},
		{"unknown key, BOM and CRLF", "\xef\xbb\xbf---\r\ntitle: A\r\n\r\ncolour: red\r\n---\r\n", 4},
		{"broken YAML, CRLF", "---\r\ntitle: A\r\ntitle: [\r\n---\r\n", 3},
		{"unclosed front matter, CRLF", "---\r\ntitle: A\r\n", 1},
		{"NUL byte, LF", "---\ntitle: A\n---\nBody\x00\n", 4},
		{"NUL byte, CRLF", "---\r\ntitle: A\r\n---\r\nBody\x00\r\n", 4},
		{"invalid UTF-8, CRLF", "---\r\ntitle: A\r\n---\r\n\r\ncaf\xe9\r\n", 5},
		{"NUL byte, lone CR", "---\rtitle: A\r---\rBody\x00\r", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("x.md", "content/x.md", []byte(tt.in))
			var ce *Error
			if !errors.As(err, &ce) || ce.Line != tt.wantLine {
				t.Errorf("parse(%q) error = %v; want one at line %d", tt.in, err, tt.wantLine)
			}
		})
	}
}

func TestParseTitle(t *testing.T) {
	tests := []struct {
		name, path, in, want string
	}{
		{"from front matter", "a.md", "---\ntitle: From meta\n---\n# From heading\n", "From meta"},
		{"from the first # heading", "a.md", "Intro\n\n# Referral to treatment\n", "Referral to treatment"},
		{"closing hashes dropped", "a.md", "# Referral to treatment ##\n", "Referral to treatment"},
		{"inline marks dropped", "a.md", "# **Bold** and `code` and *em*\n", "Bold and code and em"},
		{"skips fenced code", "a.md", "```\n# not a title\n```\n# Real title\n", "Real title"},
		{"skips tilde fences", "a.md", "~~~md\n# not a title\n~~~\n# Real title\n", "Real title"},
		{"skips indented code", "a.md", "    # not a title\n\n# Real title\n", "Real title"},
		{"a long fence is not closed by a shorter one", "a.md", "````md\n```\n# not a title\n```\n````\n# Real title\n", "Real title"},
		{"a hash inside the title is kept", "a.md", "# Using C#\n", "Using C#"},
		{"a link keeps only its text", "a.md", "# See [the NHS](https://www.nhs.uk)\n", "See the NHS"},
		{"setext heading", "comm.md", "Communication skills\n====================\n\nText.\n", "Communication skills"},
		{"## is not a title", "attention-to-detail.md", "## Why\n", "Attention to detail"},
		{"from the file name", "attention-to-detail.md", "Text only.\n", "Attention to detail"},
		{"underscores in the file name", "it_skills.md", "", "It skills"},
		{"accented file name", "über-uns.md", "", "Über uns"},
		{"section from its folder", "skills/_index.md", "", "Skills"},
		{"section index.md from its folder", "skills/time-management/index.md", "", "Time management"},
		{"home page", "index.md", "", "Home"},
		{"empty title in front matter falls back", "skills/teamwork.md", "---\ntitle: \"\"\n---\n# Working together\n", "Working together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parse(tt.path, "content/"+tt.path, []byte(tt.in))
			if err != nil || p.Meta.Title != tt.want {
				t.Errorf("parse(%q, %q).Meta.Title = %q, %v; want %q, nil", tt.path, tt.in, p.Meta.Title, err, tt.want)
			}
		})
	}
}

func TestPageURL(t *testing.T) {
	tests := []struct {
		rel, wantURL string
		wantSection  bool
		wantSlug     string
	}{
		{"index.md", "", true, ""},
		{"_index.md", "", true, ""},
		{"glossary.md", "glossary/", false, "glossary"},
		{"skills/_index.md", "skills/", true, "skills"},
		{"skills/index.md", "skills/", true, "skills"},
		{"skills/communication.md", "skills/communication/", false, "communication"},
		{"Notes.MD", "Notes/", false, "Notes"},
		{"README.md", "", true, ""},
		{"guides/README.md", "guides/", true, "guides"},
		{"guides/readme.md", "guides/", true, "guides"},
		{"guides/README-old.md", "guides/README-old/", false, "README-old"},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			p, err := parse(tt.rel, "content/"+tt.rel, []byte("Text\n"))
			if err != nil || p.URL != tt.wantURL || p.Section != tt.wantSection || p.Slug() != tt.wantSlug {
				t.Errorf("parse(%q) = URL %q, section %v, slug %q, %v; want %q, %v, %q, nil",
					tt.rel, p.URL, p.Section, p.Slug(), err, tt.wantURL, tt.wantSection, tt.wantSlug)
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	p, err := parse("a.md", "content/a.md", []byte("Text\n"))
	if err != nil || p.Meta.Kind != KindPage || p.Meta.Lines == nil {
		t.Errorf("parse(%q) = kind %q, lines %v, %v; want kind page, an empty map, nil", "Text\n", p.Meta.Kind, p.Meta.Lines, err)
	}
	q, _ := parse("a.md", "content/a.md", []byte("Text!\n"))
	if p.Hash == q.Hash {
		t.Errorf("parse of two different files gave the same Hash %x", p.Hash)
	}
}

func TestCheckEncoding(t *testing.T) {
	tests := []struct {
		name, in   string
		wantOffset int
		wantMsg    string // "" for no error
	}{
		{"ASCII", "# Hi\n", 0, ""},
		{"UTF-8", "# Café – Ŵyr\n", 0, ""},
		{"UTF-8 BOM", "\xef\xbb\xbf# Hi\n", 0, ""},
		{"empty", "", 0, ""},
		{"UTF-16 little endian", "\xff\xfe#\x00 \x00H\x00i\x00", 0, "the file is saved as UTF-16: save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"},
		{"UTF-16 big endian", "\xfe\xff\x00#\x00 \x00H", 0, "the file is saved as UTF-16: save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"},
		{"NUL byte", "# Hi\nab\x00c", 7, "the file contains a NUL byte, so it looks like a binary file rather than Markdown text"},
		{"Latin-1 é", "# Hi\ncaf\xe9\n", 8, "the file has a character that is not valid UTF-8: save it again as UTF-8"},
		{"truncated sequence", "ok \xe2\x80", 3, "the file has a character that is not valid UTF-8: save it again as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkEncoding([]byte(tt.in))
			switch {
			case tt.wantMsg == "" && err != nil:
				t.Errorf("checkEncoding(%q) = %v; want nil", tt.in, err)
			case tt.wantMsg != "" && (err == nil || err.msg != tt.wantMsg || err.offset != tt.wantOffset):
				t.Errorf("checkEncoding(%q) = %+v; want offset %d, %q", tt.in, err, tt.wantOffset, tt.wantMsg)
			}
		})
	}
}

func TestParseEncodingError(t *testing.T) {
	in := "# Hi\n\ncaf\xe9\n"
	p, err := parse("x.md", "content/x.md", []byte(in))
	const want = "content/x.md:3: the file has a character that is not valid UTF-8: save it again as UTF-8"
	if p != nil || err == nil || err.Error() != want {
		t.Errorf("parse(%q) = %v, %v; want nil, %q", in, p, err, want)
	}
}

// TestTitleFromHeading holds that a page without front matter takes its
// title from its first "# heading" as a reader sees it: entities decoded,
// marks gone, code as typed, and quotes and dashes as the typographer
// shows them in the page's other headings.
func TestTitleFromHeading(t *testing.T) {
	tests := []struct{ body, want string }{
		{"# Q&amp;A\n", "Q&A"},
		{"# Fish &amp; *Chips* -- \"quoted\"\n", "Fish & Chips – “quoted”"},
		{"# Use `a&amp;b` here\n", "Use a&amp;b here"},
		{"<!-- note -->\n# After a comment\n", "After a comment"},
	}
	for _, tt := range tests {
		p, err := parse("x.md", "content/x.md", []byte(tt.body))
		if err != nil || p.Meta.Title != tt.want {
			t.Errorf("parse(%q) title = %q, %v; want %q", tt.body, p.Meta.Title, err, tt.want)
		}
	}
}

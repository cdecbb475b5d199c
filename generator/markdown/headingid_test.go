package markdown

import (
	"slices"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

// TestHeadingIDsGitHub holds heading IDs to the rule GitHub documents for
// its section links: letters lower-cased; markup removed, leaving the text
// it shows (entities decoded, inline HTML and images gone); leading and
// trailing space removed; each space a hyphen; other white space and
// punctuation removed (hyphens and underscores stay, as do letters, marks
// and digits of any script); a repeat numbered -1, -2. The text is the
// text as written: GitHub has no typographer.
func TestHeadingIDsGitHub(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Listening", "listening"},
		{"Active listening skills", "active-listening-skills"},
		{"Fish & Chips", "fish--chips"},
		{"Q&amp;A", "qa"},
		{"Examples &mdash; what to automate", "examples--what-to-automate"},
		{"Examples -- what to automate", "examples----what-to-automate"},
		{"Don't panic...", "dont-panic"},
		{`"Quoted" words`, "quoted-words"},
		{"What's new?", "whats-new"},
		{"1. Clock starts", "1-clock-starts"},
		{"Referral to treatment (RTT)", "referral-to-treatment-rtt"},
		{"62-day standard", "62-day-standard"},
		{"snake_case name", "snake_case-name"},
		{"**Bold** and _italic_", "bold-and-italic"},
		{"Use `go test`", "use-go-test"},
		{"Code `a&amp;b`", "code-aampb"},
		{"A [link](other.md) here", "a-link-here"},
		{"A ![logo](logo.png) here", "a--here"},
		{"Step <b>one</b>", "step-one"},
		{"Contact <a name=\"x\"></a>", "contact"},
		{"Über uns", "über-uns"},
		{"Café & résumé", "café--résumé"},
		{"C++ & Go!", "c--go"},
		{"a – b — c", "a--b--c"},
		{"हिन्दी में", "हिन्दी-में"}, // vowel signs (Mc) and virama (Mn) stay
		{"தமிழ் மொழி", "தமிழ்-மொழி"}, // Tamil, likewise
		{"e\u0301te\u0301", "e\u0301te\u0301"},
		{"Ünïcödé ÇAPS", "ünïcödé-çaps"},
		{"Emoji 🎉 party", "emoji--party"},
		{"x² and ½", "x-and-"},
		{"Version 2.0", "version-20"},
		{"<https://example.com/a>", "httpsexamplecoma"},
		{"Trailing hashes ##", "trailing-hashes"},
		{"!!!", "section"},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			body := "## " + tt.heading + "\n"
			doc := convert(t, body)
			if got := headingIDs(doc); len(got) != 1 || got[0] != tt.want {
				t.Errorf("Convert(%q) heading IDs = %q; want [%q]", body, got, tt.want)
			}
		})
	}
	t.Run("repeats and hand-written IDs", func(t *testing.T) {
		body := "## Steps\n\n## Steps\n\n## Steps-1\n\n## Other {#steps-2}\n\n## Steps\n"
		doc := convert(t, body)
		// GitHub numbers a repeat -1, -2; a hand-written ID keeps its name,
		// so the fourth "Steps" skips past it.
		want := []string{"steps", "steps-1", "steps-1-1", "steps-2", "steps-3"}
		if got := headingIDs(doc); !slices.Equal(got, want) {
			t.Errorf("Convert(%q) heading IDs = %q; want %q", body, got, want)
		}
	})
}

// TestConvertMendsCase holds that a link to a heading of the same page
// whose fragment differs only in capital letters is published with the
// heading's ID, as GitHub finds it.
func TestConvertMendsCase(t *testing.T) {
	body := "## Setup\n\nSee [setup](#Setup), [exact](#setup) and [none](#nowhere).\n"
	resolve := func(_ *content.Page, dest string) (string, bool) { return dest, true }
	doc := convertPage(t, &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body)}, resolve)
	want := `<a href="#setup">setup</a>, <a href="#setup">exact</a> and <a href="#nowhere">none</a>`
	if !strings.Contains(doc.HTML, want) {
		t.Errorf("Convert(%q) HTML = %s; want it to contain %s", body, doc.HTML, want)
	}
}

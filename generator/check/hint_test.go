package check

import (
	"testing"
	"time"

	"ppchandbook/generator/content"
)

func TestHintFor(t *testing.T) {
	tests := []struct {
		file, msg, want string
	}{
		{"content/a.md", `front matter: unknown key "titel" (did you mean "title"?)`, `use "title" instead`},
		{"content/a.md", `link to "glossary.md#dnaa": no heading "dnaa"`, `add the term to the glossary (the term on one line, then ": " and its meaning), or link to a term it has`},
		{"content/a.md", `link to "b.md#x": no heading "x"`, `link to a heading the page has (its words in lower case joined by hyphens), or remove the "#" part`},
		{"content/a.md", `link to "b.md": no page "b.md"`, "correct the path (it is relative to this file's folder and ends in .md), or create the page"},
		{"content/a.md", `"reviewed": "1/2/2026" is not a date: write it as YYYY-MM-DD, for example 2026-11-25`, "write the date as YYYY-MM-DD, for example 2026-11-25"},
		{"content/a.md", `"reviewed": "2026-02-30" is not a date: February 2026 has no day 30`, "correct the day: that month has fewer days"},
		{"content/a.md", `"reviewed": "2026-25-11" is not a date: there is no month 25 (write the year, then the month, then the day, as in 2026-11-25)`, "write the date as YYYY-MM-DD, for example 2026-11-25"},
		{"content/a.md", `"draft" must be true or false, not "yes" (did you mean true?)`, "use true instead"},
		{"content/a.md", `"draft" must be true or false without quotes, not "true"`, "remove the quotes around true or false"},
		{"layouts/page.html", `the page data has no field "Sumary"`, "correct the layout template at this line, or undo the last change to it"},
		{"content/a.md", `event 5 is dated 6 April 2026, a bank holiday in England (Easter Monday), when clinics and GP surgeries are usually closed: move it to a working day, or add "out_of_hours:" to the event saying why it happens that day`, `move the event, and the story's dates that follow from it, to a working day; or, if it really happens that day, add a line such as out_of_hours: "booked online on a Sunday" under it`},
		{"content/a.md", "something new", "change this as the message says, then run the check again"},
	}
	for _, tt := range tests {
		if got := hintFor(tt.file, tt.msg); got != tt.want {
			t.Errorf("hintFor(%q, %q) = %q; want %q", tt.file, tt.msg, got, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{24 * time.Hour, "1 day"},
		{30 * 24 * time.Hour, "30 days"},
		{25 * time.Hour, "1 day"}, // a clock change makes a day 25 hours
	}
	for _, tt := range tests {
		if got := days(tt.d); got != tt.want {
			t.Errorf("days(%v) = %q; want %q", tt.d, got, tt.want)
		}
	}
}

func TestPosition(t *testing.T) {
	p := &content.Page{Body: []byte("first\nCafé ![](x.png)\n"), Line: 5}
	tests := []struct {
		offset, line, col int
	}{
		{0, 5, 1},
		{3, 5, 4},
		{6, 6, 1},
		{12, 6, 6}, // after "Café ": é is two bytes but one column
		{-1, 5, 0},
	}
	for _, tt := range tests {
		if line, col := position(p, tt.offset); line != tt.line || col != tt.col {
			t.Errorf("position(%q from line 5, %d) = %d, %d; want %d, %d", p.Body, tt.offset, line, col, tt.line, tt.col)
		}
	}
}

package check

import (
	"bytes"
	"errors"
	"testing"

	"ppchandbook/generator/content"
)

func TestFindingString(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{Finding{File: "content/a.md", Line: 3, Col: 7, Severity: Error, Message: "m"}, "content/a.md:3:7: error: m"},
		{Finding{File: "content/a.md", Line: 3, Severity: Warning, Message: "m"}, "content/a.md:3: warning: m"},
		{Finding{File: "content/a.md", Severity: Warning, Message: "m"}, "content/a.md: warning: m"},
		{Finding{Severity: Error, Message: "m"}, "error: m"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.f, got, tt.want)
		}
	}
}

func TestFindings(t *testing.T) {
	err := errors.Join(
		warnf("b.md", 2, 1, "do this", "second"),
		content.Errorf("b.md", 1, 0, "first (did you mean %q?)", "x"),
		errors.New("something went wrong"),
		content.Warnf("a.md", 9, 0, "third"),
	)
	got := Findings(err)
	want := []Finding{
		{"", 0, 0, Error, "something went wrong", "change this as the message says, then run the check again"},
		{"a.md", 9, 0, Warning, "third", "change this as the message says, then run the check again"},
		{"b.md", 1, 0, Error, `first (did you mean "x"?)`, `use "x" instead`},
		{"b.md", 2, 1, Warning, "second", "do this"},
	}
	if len(got) != len(want) {
		t.Fatalf("Findings = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Findings()[%d] = %#v; want %#v", i, got[i], want[i])
		}
	}
}

func TestText(t *testing.T) {
	findings := []Finding{
		{"content/a.md", 2, 0, Error, "bad", "fix a"},
		{"content/a.md", 4, 1, Warning, "odd", "fix b"},
		{"content/b.md", 0, 0, Warning, "odd", "fix c"},
	}
	var b bytes.Buffer
	if err := Text(&b, findings); err != nil {
		t.Fatal(err)
	}
	want := `content/a.md (1 error, 1 warning)
content/a.md:2: error: bad
  fix: fix a
content/a.md:4:1: warning: odd
  fix: fix b

content/b.md (1 warning)
content/b.md: warning: odd
  fix: fix c

1 error, 2 warnings in 2 files
`
	if b.String() != want {
		t.Errorf("Text(%v) =\n%s\nwant\n%s", findings, b.String(), want)
	}
}

package markdown

import (
	"slices"
	"strconv"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Listening", "listening"},
		{"Active listening skills", "active-listening-skills"},
		{"Über uns", "über-uns"},
		{"Café", "café"},
		{"Ŵyr a wyresau", "ŵyr-a-wyresau"},
		{"What's new?", "whats-new"},
		{"Referral to treatment (RTT)", "referral-to-treatment-rtt"},
		{"C++ & Go!", "c-go"},
		{"1. Clock starts", "1-clock-starts"},
		{"18 weeks", "18-weeks"},
		{"62-day standard", "62-day-standard"},
		{"a -- b", "a-b"},
		{"a – b — c", "a-b-c"},
		{"snake_case\tand tabs", "snake-case-and-tabs"},
		{"  leading and trailing  ", "leading-and-trailing"},
		{"-dashes-", "dashes"},
		{"**Bold** and `code`", "bold-and-code"},
		{"", ""},
		{"!!!", ""},
		{"e\u0301", "e\u0301"}, // a combining accent stays with its letter
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDsGenerate(t *testing.T) {
	s := newIDs()
	var got []string
	for _, text := range []string{"Steps", "Steps", "Steps", "", "", "Main", "steps-1"} {
		got = append(got, string(s.Generate([]byte(text), 0)))
	}
	want := []string{"steps", "steps-1", "steps-2", "section", "section-1", "main-1", "steps-1-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Generate calls gave %q; want %q", got, want)
			break
		}
	}
}

// TestIDsGenerateRepeated holds the cost of one more equal heading to a
// constant, counted in allocations: numbering each by trying -1, -2, …
// in turn made 20,000 equal headings take 70 s.
func TestIDsGenerateRepeated(t *testing.T) {
	s := newIDs()
	for range 1000 {
		s.Generate([]byte("Steps"), 0)
	}
	if n := testing.AllocsPerRun(100, func() { s.Generate([]byte("Steps"), 0) }); n > 10 {
		t.Errorf("Generate(\"Steps\") after 1000 equal headings makes %v allocations; want a few, however many came before", n)
	}
	// Numbers already taken, by hand or by another heading's text, are
	// still skipped.
	s = newIDs()
	s.Put([]byte("steps-2"))
	var got []string
	for _, text := range []string{"Steps", "Steps", "Steps 3", "Steps", "Steps"} {
		got = append(got, string(s.Generate([]byte(text), 0)))
	}
	want := []string{"steps", "steps-1", "steps-3", "steps-4", "steps-5"}
	if !slices.Equal(got, want) {
		t.Errorf("Generate after Put(\"steps-2\") gave %q; want %q", got, want)
	}
}

// BenchmarkIDsRepeated generates n equal heading IDs: the time per op
// should grow with n, not n squared.
func BenchmarkIDsRepeated(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				s := newIDs()
				for range n {
					s.Generate([]byte("Steps"), 0)
				}
			}
		})
	}
}

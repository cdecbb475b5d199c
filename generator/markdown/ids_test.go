package markdown

import "testing"

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

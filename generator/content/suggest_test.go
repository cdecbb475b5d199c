package content

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"title", "description", "kind", "weight", "draft", "reviewed", "next_review", "sources"}
	tests := []struct {
		name, word string
		candidates []string
		want       string
	}{
		{"swapped letters", "titel", keys, "title"},
		{"missing letter", "weigt", keys, "weight"},
		{"extra letter", "drafft", keys, "draft"},
		{"capital letters", "TITLE", keys, "title"},
		{"underscore forgotten", "nextreview", keys, "next_review"},
		{"accented letter is one edit", "communicatión", []string{"communication"}, "communication"},
		{"too far", "colour", keys, ""},
		{"short words allow one edit", "kid", keys, "kind"},
		{"short words allow no more", "kd", keys, ""},
		{"no candidates", "title", nil, ""},
		{"ties go to the first in order", "cat", []string{"cot", "bat"}, "bat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.word, tt.candidates); got != tt.want {
				t.Errorf("Suggest(%q, %q) = %q; want %q", tt.word, tt.candidates, got, tt.want)
			}
		})
	}
}

package markdown

import (
	"strings"
	"testing"
)

// TestConvertTitle holds that the "# Title" a page opens with, even after
// a comment, a logo or badges, becomes the layout's h1 and keeps the ID
// GitHub gives it, and that one after words stays a heading.
func TestConvertTitle(t *testing.T) {
	tests := []struct {
		name, body string
		wantID     string // TitleID; "" for none
	}{
		{"first block", "# Patient Pathway Handbook\n\nText.\n", "patient-pathway-handbook"},
		{"after a comment", "<!-- generated: do not edit -->\n# Handbook\n\nText.\n", "handbook"},
		{"after a logo", "![Logo](logo.png)\n\n# Handbook\n\nText.\n", "handbook"},
		{"after badges", "[![Build](b.svg)](https://example.com/) [![Licence](l.svg)](LICENSE)\n\n# Handbook\n", "handbook"},
		{"after an HTML logo", "<p align=\"center\">\n  <img src=\"logo.png\" alt=\"Logo\">\n</p>\n\n# Handbook\n", "handbook"},
		{"with entities", "# Q&amp;A &mdash; Fish & Chips\n", "qa--fish--chips"},
		{"after words", "Welcome.\n\n# Handbook\n", ""},
		{"after a heading", "## Intro\n\n# Handbook\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := convert(t, tt.body)
			if doc.TitleID != tt.wantID {
				t.Errorf("Convert(%q) TitleID = %q; want %q", tt.body, doc.TitleID, tt.wantID)
			}
			if tt.wantID == "" {
				return
			}
			if _, ok := doc.IDs[tt.wantID]; !ok {
				t.Errorf("Convert(%q) IDs = %v; want the title's %q among them, for links", tt.body, doc.IDs, tt.wantID)
			}
			if strings.Contains(doc.HTML, "<h1") || strings.Contains(doc.HTML, `id="`+tt.wantID+`"`) {
				t.Errorf("Convert(%q) HTML = %s; want the title left to the layout", tt.body, doc.HTML)
			}
		})
	}
}

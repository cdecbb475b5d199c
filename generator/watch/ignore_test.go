package watch

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		// Real files.
		{"page.md", false},
		{"index.html", false},
		{"site.css", false},
		{"page.tmpl", false}, // a template, not a temporary file
		{"README", false},
		{"2024.md", false},
		{"4913.md", false},
		{"4912", false},  // not one of vim's probe names
		{"04913", false}, // ditto
		{"sedation.md", false},
		{"sedXYZ12.md", false},
		{"sed", false},
		{"#", false},
		{"a#b#", false},
		{"page.md.tmpl", false},
		{"page.md.tmpx", false},
		// vim
		{".page.md.swp", true},
		{".page.md.swx", true},
		{".page.md.swo", true},
		{"page.md.swp", true},
		{"page.md~", true},
		{"4913", true},
		{"5036", true}, // 4913+123, when 4913 is taken
		// JetBrains
		{"page.md___jb_tmp___", true},
		{"page.md___jb_old___", true},
		// emacs
		{".#page.md", true},
		{"#page.md#", true},
		// sed -i
		{"sedAb3xYz", true},
		{"sed000000", true},
		{"sedations", true}, // looks the same; a page would have an extension
		// gedit
		{".goutputstream-Q1W2E3", true},
		// write a temporary file, then rename it over the page
		{".page.md.tmp123", true},
		{"page.md.tmp", true},
		{"page.md.tmp4821", true},
		{"PAGE.MD.TMP", true},
		// other hidden files and folders
		{".DS_Store", true},
		{".git", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ignored(tt.name); got != tt.want {
				t.Errorf("ignored(%q) = %v; want %v", tt.name, got, tt.want)
			}
		})
	}
}

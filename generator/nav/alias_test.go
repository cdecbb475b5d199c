package nav

import "testing"

func TestAliasURL(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"skills/empathy.md", "skills/empathy/", ""},
		{"/skills/empathy/", "skills/empathy/", ""},
		{"skills/empathy", "skills/empathy/", ""},
		{`skills\empathy.md`, "skills/empathy/", ""},
		{"skills/_index.md", "skills/", ""},
		{"old/index.html", "old/", ""},
		{"/2019/01/old-page.html", "2019/01/old-page.html", ""},
		{"https://example.org/a", "", "it is a web address: write the page's old file name in the content folder, as skills/old-name.md"},
		{"/", "", "it is the home page's address: write the page's old file name in the content folder, as skills/old-name.md"},
		{"index.md", "", "it is the home page: write the page's old file name in the content folder, as skills/old-name.md"},
	}
	for _, tt := range tests {
		got, err := AliasURL(tt.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.wantErr {
			t.Errorf("AliasURL(%q) = %q, %q; want %q, %q", tt.in, got, gotErr, tt.want, tt.wantErr)
		}
	}
}

func TestAliasFile(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"skills/empathy/", "skills/empathy/index.html"},
		{"2019/01/old-page.html", "2019/01/old-page.html"},
	} {
		if got := AliasFile(tt.in); got != tt.want {
			t.Errorf("AliasFile(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

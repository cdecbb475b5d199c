package floor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ppchandbook/generator/internal/corpus"
)

func TestBody(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"none", "# Hi\n", "# Hi\n"},
		{"yaml", "---\ntitle: A\n---\nText\n", "Text\n"},
		{"unclosed", "---\ntitle: A\n", "---\ntitle: A\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(body([]byte(tt.in))); got != tt.want {
				t.Errorf("body(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestBuild converts a small corpus and checks that every page is written
// where its URL says, highlighted, without its front matter.
func TestBuild(t *testing.T) {
	content, out := t.TempDir(), t.TempDir()
	if err := corpus.Write(content, 12, 1); err != nil {
		t.Fatal(err)
	}
	n, err := Build(content, out)
	if err != nil || n != 12 {
		t.Fatalf("Build = %d, %v; want 12, nil", n, err)
	}
	for _, name := range []string{"index.html", "section-01/index.html", "section-01/page-02/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Errorf("Build wrote no %s: %v", name, err)
			continue
		}
		html := string(b)
		if strings.Contains(html, "title:") || !strings.Contains(html, `<pre class="chroma">`) || !strings.Contains(html, "<table>") {
			t.Errorf("%s is not the converted page:\n%.300s", name, html)
		}
	}
}

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLayoutIDsReserved builds a site with the built-in layouts and
// collects every ID its pages use; then builds it again with a heading
// named after each of those IDs on every page, and fails if any page has
// an ID twice: markdown.Reserved must hold the layouts' real IDs.
func TestLayoutIDsReserved(t *testing.T) {
	dir := t.TempDir()
	site := func(body string) map[string][]string {
		t.Helper()
		for name, text := range map[string]string{
			"content/index.md":         checkPage("Home", body),
			"content/skills/_index.md": checkPage("Skills", body),
			"content/skills/skill.md":  "---\ntitle: A skill\nkind: skill\n---\n" + body,
		} {
			writeFile(t, filepath.Join(dir, name), []byte(text))
		}
		out := filepath.Join(dir, "public")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-content", filepath.Join(dir, "content"), "-out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("build = exit %d\n%s", code, stderr.Bytes())
		}
		return pageIDs(t, out)
	}
	layoutIDs := map[string]bool{}
	for _, ids := range site("Text.\n") {
		for _, id := range ids {
			layoutIDs[id] = true
		}
	}
	if len(layoutIDs) < 5 {
		t.Fatalf("the layouts use %d IDs; want the skip link's target, the sidebar, search…", len(layoutIDs))
	}
	var headings strings.Builder
	for id := range layoutIDs {
		headings.WriteString("## " + strings.ReplaceAll(id, "-", " ") + "\n\n")
	}
	for page, ids := range site(headings.String()) {
		slices.Sort(ids)
		for i := 1; i < len(ids); i++ {
			if ids[i] == ids[i-1] {
				t.Errorf("%s: id %q is used twice: add it to markdown.Reserved", page, ids[i])
			}
		}
	}
}

// pageIDs lists the id attributes of every HTML file under out, by file.
func pageIDs(t *testing.T, out string) map[string][]string {
	t.Helper()
	ids := map[string][]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(filepath.ToSlash(p), filepath.ToSlash(out)+"/")
		ids[name] = []string{}
		z := html.NewTokenizer(bytes.NewReader(b))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
				for _, a := range z.Token().Attr {
					if a.Key == "id" {
						ids[name] = append(ids[name], a.Val)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

func TestPlan(t *testing.T) {
	tests := []struct {
		n, wantSections int
	}{
		{1, 0},
		{2, 1},
		{10, 3},
		{1000, 32},
		{10000, 100},
	}
	for _, tt := range tests {
		pages, err := plan(tt.n, 1)
		sections := 0
		for _, p := range pages {
			if p.dir() != "" && strings.HasSuffix(p.path, "/_index.md") {
				sections++
			}
		}
		if err != nil || len(pages) != tt.n || sections != tt.wantSections {
			t.Errorf("plan(%d, 1) = %d pages in %d sections, %v; want %d pages in %d sections, nil",
				tt.n, len(pages), sections, err, tt.n, tt.wantSections)
		}
	}
	if _, err := plan(0, 1); err == nil {
		t.Errorf("plan(0, 1) = nil error; want an error")
	}
}

// TestWrite builds a written corpus as the generator does and holds it to
// the package's promises: it loads, converts and links without a problem,
// and its pages and code blocks are all different.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	const n = 60
	if err := Write(dir, n, 7); err != nil {
		t.Fatal(err)
	}
	pages, files, err := content.Load(dir)
	if err != nil {
		t.Fatalf("content.Load: %v", err)
	}
	if len(pages) != n {
		t.Fatalf("content.Load found %d pages; want %d", len(pages), n)
	}
	tree := nav.Build(pages, files)
	md := markdown.New(tree.Resolve)
	docs := map[*content.Page]*markdown.Doc{}
	bodies := map[string]string{}
	codes := map[string]string{}
	fence := regexp.MustCompile("(?s)```[a-z]+\n.*?```")
	for _, p := range pages {
		if docs[p], err = md.Convert(p); err != nil {
			t.Fatalf("Convert(%s): %v", p.File, err)
		}
		if l := len(docs[p].Links); l < 3 || l > 6 {
			t.Errorf("%s has %d links; want 3 to 6", p.File, l)
		}
		if w := len(strings.Fields(string(p.Body))); w < 600 || w > 1000 {
			t.Errorf("%s has %d words; want about 700", p.File, w)
		}
		if q, ok := bodies[string(p.Body)]; ok {
			t.Errorf("%s and %s have the same body", p.File, q)
		}
		bodies[string(p.Body)] = p.File
		code := fence.FindString(string(p.Body))
		if code == "" {
			t.Errorf("%s has no fenced code block", p.File)
		} else if q, ok := codes[code]; ok {
			t.Errorf("%s and %s have the same code block", p.File, q)
		}
		codes[code] = p.File
		if !strings.Contains(docs[p].HTML, `<table>`) || !strings.Contains(docs[p].HTML, `<ul>`) {
			t.Errorf("%s has no table or no list", p.File)
		}
		if !strings.Contains(docs[p].HTML, `class="chroma"`) {
			t.Errorf("%s has no highlighted code", p.File)
		}
	}
	if err := links.Check(tree, docs, nil); err != nil {
		t.Errorf("links.Check: %v", err)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed int64
	}{{a, 1}, {b, 1}, {c, 2}} {
		if err := Write(w.dir, 20, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !sameFiles(t, a, b) {
		t.Errorf("Write(dir, 20, 1) twice gave different files")
	}
	if sameFiles(t, a, c) {
		t.Errorf("Write(dir, 20, 1) and Write(dir, 20, 2) gave the same files")
	}
}

// TestWriteHugo checks that the Hugo site holds the same Markdown as the
// corpus, apart from link destinations and the kind key Hugo reserves.
func TestWriteHugo(t *testing.T) {
	ours, hugo := t.TempDir(), t.TempDir()
	if err := Write(ours, 30, 3); err != nil {
		t.Fatal(err)
	}
	if err := WriteHugo(hugo, 30, 3); err != nil {
		t.Fatal(err)
	}
	for name := range hugoFiles {
		if _, err := os.Stat(filepath.Join(hugo, name)); err != nil {
			t.Errorf("WriteHugo wrote no %s", name)
		}
	}
	dest := regexp.MustCompile(`\]\([^)]*\)`)
	strip := func(b []byte) string {
		return dest.ReplaceAllString(strings.Replace(string(b), "kind: page\n", "", 1), "]()")
	}
	hrefs := 0
	err := filepath.WalkDir(ours, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(ours, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(hugo, "content", rel))
		if err != nil {
			return err
		}
		if strip(a) != strip(b) {
			t.Errorf("%s differs between the corpus and the Hugo site beyond its links", rel)
		}
		for _, m := range dest.FindAllString(string(b), -1) {
			hrefs++
			if strings.Contains(m, ".md") || !strings.Contains(m, "/") {
				t.Errorf("%s: Hugo link %s is not a page URL", rel, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if hrefs == 0 {
		t.Errorf("the Hugo site has no links")
	}
}

func TestHugoDest(t *testing.T) {
	home := &page{path: "_index.md"}
	section := &page{path: "section-02/_index.md"}
	other := &page{path: "section-03/page-0040.md"}
	tests := []struct {
		from *page
		l    link
		want string
	}{
		{home, link{to: other}, "section-03/page-0040/"},
		{section, link{to: other, anchor: "clear-plan"}, "../section-03/page-0040/#clear-plan"},
		{other, link{to: section}, "../../section-02/"},
		{other, link{to: home}, "../../"},
		{home, link{to: section}, "section-02/"},
	}
	for _, tt := range tests {
		if got := hugoDest(tt.from, tt.l); got != tt.want {
			t.Errorf("hugoDest(%s, %s#%s) = %q; want %q", tt.from.path, tt.l.to.path, tt.l.anchor, got, tt.want)
		}
	}
}

func sameFiles(t *testing.T, a, b string) bool {
	t.Helper()
	same := true
	err := filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			same = false
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return same
}

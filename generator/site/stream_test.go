package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/output"
)

// ordered is a sink that keeps the files and the order they came in.
type ordered struct {
	Memory
	mu    sync.Mutex
	order []string
}

func (o *ordered) Put(name string, data []byte) error {
	o.mu.Lock()
	o.order = append(o.order, name)
	o.mu.Unlock()
	return o.Memory.Put(name, data)
}

// TestBuildMatchesPreview builds sites as `build` does (writing a large
// site's pages as soon as they are converted, and dropping what it no
// longer needs) and as `serve` does (keeping everything to reuse), and
// checks that both make the same files, byte for byte. The corpus is
// over printLimit (lowered for it), so its pages are written early; the
// handbook is not.
func TestBuildMatchesPreview(t *testing.T) {
	// A large site with every kind of page that is made differently:
	// the glossary (held back for search), skills (and so a skills map),
	// and a scenario with a timeline.
	large := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(large, testPrintLimit+50, 1); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"glossary.md":         "---\nkind: glossary\n---\n## D\n\nDNA (did not attend)\n: The patient did not come.\n",
		"skills/listening.md": "---\nkind: skill\n---\nListen to [DNA](../glossary.md#dna) calls.\n",
		"scenarios/dna.md": "---\ntitle: A DNA\nkind: scenario\nskills: [listening]\nstandards: [rtt-18]\n" +
			"events:\n  - date: 2026-01-05\n    what: Referral received\n    clock: start\n" +
			"  - date: 2026-02-02\n    what: First appointment\n    clock: none\n---\nA [DNA](../glossary.md#dna).\n",
	} {
		writeFile(t, filepath.Join(large, filepath.FromSlash(name)), []byte(text))
	}
	for _, tt := range []struct {
		name  string
		src   Sources
		early bool // pages are written before the search index
	}{
		{"handbook", handbook, false},
		{"corpus", Sources{Content: large, Layouts: handbook.Layouts}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.early {
				withPrintLimit(t, testPrintLimit)
			}
			built := &ordered{Memory: Memory{files: map[string][]byte{}}}
			if _, err := Build(t.Context(), tt.src, oneShot, built); err != nil {
				t.Fatal(err)
			}
			previewed := output.NewLive(t.TempDir()).Changes()
			if _, err := Build(t.Context(), tt.src, Options{Site: oneShot.Site, Memo: NewMemo()}, previewed); err != nil {
				t.Fatal(err)
			}
			if got, want := slices.Sorted(maps.Keys(built.files)), slices.Sorted(maps.Keys(previewed.Changed())); !slices.Equal(got, want) {
				t.Fatalf("build made %d files, preview %d; they differ", len(got), len(want))
			}
			for name, b := range previewed.Changed() {
				if !bytes.Equal(built.files[name], b) {
					t.Errorf("%s differs between build and preview:\n%s", name, firstDiff(built.files[name], b))
				}
			}
			for name, want := range map[string]string{
				"skills/skills-map/index.html": `class="skills-map"`,
				"progress/index.html":          `data-progress-page=`,
				"scenarios/dna/index.html":     `<svg`,
				"glossary/index.html":          `id="dna"`,
			} {
				if _, ok := built.files[name]; tt.early && !bytes.Contains(built.files[name], []byte(want)) {
					t.Errorf("%s (%v) lacks %s", name, ok, want)
				}
			}
			index := slices.Index(built.order, "search/index.js")
			early := slices.IndexFunc(built.order, func(name string) bool {
				return strings.HasSuffix(name, "/index.html") && !strings.HasPrefix(name, "search/")
			})
			if got := early >= 0 && early < index; got != tt.early {
				t.Errorf("a page was written before the search index: %v; want %v", got, tt.early)
			}
		})
	}
}

// testPrintLimit stands for printLimit in tests of the streamed build,
// so their sites can be small.
const testPrintLimit = 20

// withPrintLimit sets printLimit to n until t ends. The package's tests
// do not run in parallel, so no other build sees it.
func withPrintLimit(t *testing.T, n int) {
	old := printLimit
	printLimit = n
	t.Cleanup(func() { printLimit = old })
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return string(a[max(0, i-100):min(len(a), i+100)]) + "\n----\n" + string(b[max(0, i-100):min(len(b), i+100)])
}

// slowIndex is a sink that takes its time over the search index.
type slowIndex struct {
	Memory
	done atomic.Bool // search/index.js has been put
}

func (s *slowIndex) Put(name string, data []byte) error {
	if name == "search/index.js" {
		time.Sleep(200 * time.Millisecond) // long after the link check has failed
		defer s.done.Store(true)
	}
	return s.Memory.Put(name, data)
}

// TestFailedBuildLeavesNothingWriting: a large site's search index is
// finished while its links are checked, so a build that fails, at the
// check or at a page's template, must still wait for it, or the index
// would be written into a staged output that is already being removed.
func TestFailedBuildLeavesNothingWriting(t *testing.T) {
	withPrintLimit(t, testPrintLimit)
	large := filepath.Join(t.TempDir(), "content")
	if err := corpus.Write(large, printLimit+50, 1); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(broken, os.DirFS(large)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(broken, "broken.md"), []byte("---\ntitle: Broken\n---\nSee [the missing page](missing.md).\n"))
	badLayouts := filepath.Join(t.TempDir(), "layouts")
	if err := os.CopyFS(badLayouts, os.DirFS(handbook.Layouts)); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(badLayouts, "page.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, page, bytes.Replace(b, []byte(">{{.Title}}</h1>"), []byte(">{{.Title.Nope}}</h1>"), 1))

	for _, tt := range []struct {
		name string
		src  Sources
		want string
	}{
		{"a broken link", Sources{Content: broken, Layouts: handbook.Layouts}, "missing.md"},
		{"a template that fails on every page", Sources{Content: large, Layouts: badLayouts}, "Nope"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sink := &slowIndex{Memory: Memory{files: map[string][]byte{}}}
			_, err := Build(t.Context(), tt.src, oneShot, sink)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("render = %v; want an error naming %s", err, tt.want)
			}
			if !sink.done.Load() {
				t.Error("render returned while the search index was still being written")
			}
		})
	}
}

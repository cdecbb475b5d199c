package output

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLiveApply keeps a folder up to date over several rebuilds, each
// putting some files unchanged (nil), some with new bytes and leaving
// some out, and checks after each that the folder holds exactly the
// rebuild's files and that Apply names exactly those that changed.
func TestLiveApply(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	big := bytes.Repeat([]byte("x"), weakFrom) // recognised by its slice
	live := NewLive(out)
	type put struct {
		name string
		data []byte // nil: unchanged
	}
	for _, tt := range []struct {
		name        string
		puts        []put
		want        map[string]string // the folder afterwards
		wantChanged []string
	}{
		{"first", []put{{"a.html", []byte("A")}, {"b/index.html", []byte("B")}, {"big.js", big}},
			map[string]string{"a.html": "A", "b/index.html": "B", "big.js": string(big)}, []string{"a.html", "b/index.html", "big.js"}},
		{"nothing changed", []put{{"a.html", nil}, {"b/index.html", []byte("B")}, {"big.js", big}},
			map[string]string{"a.html": "A", "b/index.html": "B", "big.js": string(big)}, nil},
		{"one edit", []put{{"a.html", []byte("A2")}, {"b/index.html", nil}, {"big.js", nil}},
			map[string]string{"a.html": "A2", "b/index.html": "B", "big.js": string(big)}, []string{"a.html"}},
		{"a page gone", []put{{"a.html", nil}, {"big.js", nil}},
			map[string]string{"a.html": "A2", "big.js": string(big)}, []string{"b/index.html"}},
		{"one gone, one new", []put{{"c.html", []byte("C")}, {"big.js", nil}},
			map[string]string{"c.html": "C", "big.js": string(big)}, []string{"a.html", "c.html"}},
		{"same bytes, new slice", []put{{"c.html", []byte("C")}, {"big.js", bytes.Clone(big)}},
			map[string]string{"c.html": "C", "big.js": string(big)}, nil},
	} {
		ch := live.Changes()
		for _, p := range tt.puts {
			if err := ch.Put(p.name, p.data); err != nil {
				t.Fatal(err)
			}
		}
		changed, err := live.Apply(t.Context(), ch)
		if err != nil {
			t.Fatalf("%s: Apply: %v", tt.name, err)
		}
		if !slices.Equal(changed, tt.wantChanged) {
			t.Errorf("%s: Apply = %q; want %q", tt.name, changed, tt.wantChanged)
		}
		got := map[string]string{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				rel, _ := filepath.Rel(out, p)
				b, _ := os.ReadFile(p)
				got[filepath.ToSlash(rel)] = string(b)
			}
			return nil
		})
		if len(got) != len(tt.want) {
			t.Errorf("%s: the folder holds %d files; want %d", tt.name, len(got), len(tt.want))
		}
		for name, want := range tt.want {
			if got[name] != want {
				t.Errorf("%s: %s = %.20q; want %.20q", tt.name, name, got[name], want)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "b")); tt.name == "a page gone" && err == nil {
			t.Errorf("%s: the emptied folder b is still there", tt.name)
		}
	}
}

// TestLiveApplyWholeRefusesKept checks that a folder to be written whole
// is not written without the files a rebuild said were unchanged.
func TestLiveApplyWholeRefusesKept(t *testing.T) {
	live := NewLive(filepath.Join(t.TempDir(), "public"))
	ch := live.Changes()
	ch.Put("a.html", []byte("A"))
	ch.Put("b.html", nil)
	if _, err := live.Apply(t.Context(), ch); err == nil {
		t.Error("Apply wrote a whole folder without b.html; want an error")
	}
}

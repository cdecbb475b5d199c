package content

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree writes files (slash paths → contents) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func pagePaths(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Path)
	}
	return out
}

func filePaths(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

func errorStrings(err error) []string {
	var out []string
	for _, e := range Errors(err) {
		out = append(out, e.Error())
	}
	return out
}

func TestLoad(t *testing.T) {
	t.Run("pages sorted by path, other files returned", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{
			"skills/teamwork.md":      "# Teamwork\n",
			"index.md":                "---\ntitle: Home\n---\n",
			"skills/_index.md":        "# Skills\n",
			"glossary.md":             "# Glossary\n",
			"skills/communication.md": "# Communication\n",
			"Notes.MD":                "# Notes\n",
			"img/pathway.png":         "\x89PNG",
			"docs/rules.pdf":          "%PDF",
		})
		pages, files, err := Load(dir)
		if err != nil {
			t.Fatalf("Load(%q) error = %v", dir, err)
		}
		want := []string{"Notes.MD", "glossary.md", "index.md", "skills/_index.md", "skills/communication.md", "skills/teamwork.md"}
		if got := pagePaths(pages); !slices.Equal(got, want) {
			t.Errorf("Load(%q) pages = %q; want %q", dir, got, want)
		}
		slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
		if got, want := filePaths(files), []string{"docs/rules.pdf", "img/pathway.png"}; !slices.Equal(got, want) {
			t.Errorf("Load(%q) files = %q; want %q", dir, got, want)
		}
		for _, f := range files {
			if f.Path == "img/pathway.png" && string(f.Data) != "\x89PNG" {
				t.Errorf("Load(%q) file %s data = %q; want %q", dir, f.Path, f.Data, "\x89PNG")
			}
		}
		for _, p := range pages {
			if want := filepath.Join(dir, filepath.FromSlash(p.Path)); p.File != want {
				t.Errorf("Load(%q) page %s File = %q; want %q", dir, p.Path, p.File, want)
			}
		}
	})

	t.Run("hidden files and editor droppings skipped", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{
			"a.md":                   "# A\n",
			".hidden.md":             "# Hidden\n",
			".git/HEAD":              "ref: refs/heads/main\n",
			".obsidian/notes.md":     "# Notes\n",
			"#a.md#":                 "emacs autosave",
			".#a.md":                 "emacs lock",
			"a.md~":                  "backup",
			".a.md.swp":              "vim swap",
			"b.md.swp":               "vim swap",
			"a.md.tmp":               "temp",
			"a.md___jb_tmp___":       "jetbrains",
			"skills/.DS_Store":       "finder",
			"skills/teamwork.md":     "# Teamwork\n",
			"skills/teamwork.md~":    "backup",
			"skills/.teamwork.md.sw": "swap",
		})
		pages, files, err := Load(dir)
		if err != nil {
			t.Fatalf("Load(%q) error = %v", dir, err)
		}
		if got, want := pagePaths(pages), []string{"a.md", "skills/teamwork.md"}; !slices.Equal(got, want) {
			t.Errorf("Load(%q) pages = %q; want %q", dir, got, want)
		}
		if len(files) != 0 {
			t.Errorf("Load(%q) files = %q; want none", dir, filePaths(files))
		}
	})

	t.Run("a page and a folder index at the same URL", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a.md": "# A\n", "a/index.md": "# A again\n"})
		_, _, err := Load(dir)
		want := []string{filepath.Join(dir, "a", "index.md") + ": this file and " + filepath.Join(dir, "a.md") + ` both become the page "/a/": rename or remove one`}
		if got := errorStrings(err); !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors = %q; want %q", dir, got, want)
		}
	})

	t.Run("index.md and _index.md in one folder", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"skills/index.md": "# S\n", "skills/_index.md": "# S\n"})
		_, _, err := Load(dir)
		want := []string{filepath.Join(dir, "skills", "index.md") + ": this file and " + filepath.Join(dir, "skills", "_index.md") + ` both become the page "/skills/": rename or remove one`}
		if got := errorStrings(err); !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors = %q; want %q", dir, got, want)
		}
	})

	t.Run("names differing only in capital letters", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"A.md": "# A\n"})
		if _, err := os.Stat(filepath.Join(dir, "a.md")); err == nil {
			t.Skip("the file system ignores case, so A.md and a.md cannot both exist")
		}
		writeTree(t, dir, map[string]string{"a.md": "# a\n"})
		pages, _, err := Load(dir)
		want := []string{filepath.Join(dir, "a.md") + ": this file and " + filepath.Join(dir, "A.md") +
			` differ only in capital letters, so on Windows and macOS they become the same page "/a/": rename or remove one`}
		if got := errorStrings(err); !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors = %q; want %q", dir, got, want)
		}
		if len(pages) != 2 {
			t.Errorf("Load(%q) returned %d pages; want both, so links to either still check", dir, len(pages))
		}
	})

	t.Run("names differing only in how accents are stored", func(t *testing.T) {
		const nfc, nfd = "caf\u00e9", "cafe\u0301" // é as one character; e and a combining accent
		tests := []struct{ first, second, why string }{
			{nfc, nfd, "have names that look the same but store accented letters differently, so on macOS they become the same page"},
			{"Caf\u00e9", nfd, "differ only in capital letters and in how accented letters are stored, so on Windows and macOS they become the same page"},
		}
		for _, tt := range tests {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tt.first + ".md": "# A\n"})
			if _, err := os.Stat(filepath.Join(dir, tt.second+".md")); err == nil {
				t.Skip("the file system does not tell the two spellings apart, so both cannot exist")
			}
			writeTree(t, dir, map[string]string{tt.second + ".md": "# B\n"})
			pages, _, err := Load(dir)
			if len(pages) != 2 {
				t.Fatalf("Load(%q) returned %d pages; want both", dir, len(pages))
			}
			// Load sorts by path, so the later of the two is reported.
			want := []string{pages[1].File + ": this file and " + pages[0].File + " " + tt.why + ` "/` + pages[1].URL + `": rename or remove one`}
			if got := errorStrings(err); !slices.Equal(got, want) {
				t.Errorf("Load of %q and %q: errors = %q; want %q", tt.first, tt.second, got, want)
			}
		}
	})

	t.Run("symlinks leaving the folder are not followed", func(t *testing.T) {
		base := t.TempDir()
		dir := filepath.Join(base, "content")
		outside := filepath.Join(base, "private")
		writeTree(t, dir, map[string]string{"a.md": "# A\n", "real.md": "# Real\n"})
		writeTree(t, outside, map[string]string{"secret.md": "# SECRET\n", "notes/x.md": "# SECRET\n", "key.txt": "SECRET"})
		for link, target := range map[string]string{
			"leak.md":     filepath.Join(outside, "secret.md"),
			"relative.md": filepath.Join("..", "private", "secret.md"),
			"key.txt":     filepath.Join(outside, "key.txt"),
			"notes":       filepath.Join(outside, "notes"),
			"alias.md":    "real.md",
		} {
			if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
				t.Skipf("cannot make symlinks here: %v", err)
			}
		}
		pages, files, _ := Load(dir)
		for _, p := range pages {
			if bytes.Contains(p.Body, []byte("SECRET")) || strings.HasPrefix(p.Path, "notes/") {
				t.Errorf("Load(%q) read page %s from outside the folder: %q", dir, p.Path, p.Body)
			}
		}
		for _, f := range files {
			if bytes.Contains(f.Data, []byte("SECRET")) {
				t.Errorf("Load(%q) read file %s from outside the folder", dir, f.Path)
			}
		}
		if got := pagePaths(pages); !slices.Contains(got, "a.md") || !slices.Contains(got, "real.md") {
			t.Errorf("Load(%q) pages = %q; want a.md and real.md still read", dir, got)
		}
	})

	t.Run("each skipped link says why", func(t *testing.T) {
		base := t.TempDir()
		dir := filepath.Join(base, "content")
		writeTree(t, dir, map[string]string{"real.md": "# Real\n", "folder/x.md": "# X\n"})
		writeTree(t, base, map[string]string{"outside.md": "# Outside\n"})
		tests := []struct{ link, target, want string }{
			{"gone.md", "deleted.md", "is a link to something that does not exist, so it was skipped: mend the link or remove it"},
			{"gone-far.md", filepath.Join(base, "deleted.md"), "is a link to something that does not exist, so it was skipped: mend the link or remove it"},
			{"out.md", filepath.Join("..", "outside.md"), "is a link to something outside the content folder, so it was skipped: copy the file in instead"},
			{"shelf", "folder", "is a link to a folder, so it was skipped: links to folders are not followed; copy the folder in instead"},
			{"loop.md", "loop.md", "is a link that cannot be followed (too many levels of symbolic links), so it was skipped: mend the link or remove it"},
			{"full.md", filepath.Join(dir, "real.md"), "is a link that names its file by a full path, so it was skipped: make the link relative to its folder, or copy the file in instead"},
		}
		var want []string
		for _, tt := range tests {
			if err := os.Symlink(tt.target, filepath.Join(dir, tt.link)); err != nil {
				t.Skipf("cannot make symlinks here: %v", err)
			}
			want = append(want, filepath.Join(dir, tt.link)+": warning: "+tt.want)
		}
		if err := os.Symlink("real.md", filepath.Join(dir, "alias.md")); err != nil {
			t.Fatal(err)
		}
		pages, _, err := Load(dir)
		got := errorStrings(err)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors =\n%q\nwant\n%q", dir, got, want)
		}
		if got, want := pagePaths(pages), []string{"alias.md", "folder/x.md", "real.md"}; !slices.Equal(got, want) {
			t.Errorf("Load(%q) pages = %q; want %q", dir, got, want)
		}
	})

	t.Run("size limits", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads an 8 MB page, run by go test ./... (CI's race step is -short)")
		}
		tests := []struct {
			name    string
			size    int64
			wantErr string // "" when the file loads
		}{
			{"page.md", 8 << 20, ""},
			{"page.md", 8<<20 + 1, "is 9 MB, larger than the 8 MB a page may be: split it into several pages"},
			{"handout.pdf", 9 << 20, ""},
			{"video.mp4", 100 << 20, ""},
			{"video.mp4", 100<<20 + 1, "is 101 MB, larger than the 100 MB a file to copy may be: put it on a shared drive or a web site and link to it there"},
		}
		for _, tt := range tests {
			dir := t.TempDir()
			file := filepath.Join(dir, tt.name)
			if isPage(tt.name) {
				writeTree(t, dir, map[string]string{tt.name: strings.Repeat("a", int(tt.size))})
			} else {
				writeTree(t, dir, map[string]string{tt.name: ""})
				if err := os.Truncate(file, tt.size); err != nil { // sparse: quick to make
					t.Fatal(err)
				}
			}
			pages, files, err := Load(dir)
			var want []string
			if tt.wantErr != "" {
				want = []string{file + ": " + tt.wantErr}
			}
			if got := errorStrings(err); !slices.Equal(got, want) {
				t.Errorf("Load of a %d-byte %s: errors = %q; want %q", tt.size, tt.name, got, want)
			}
			loaded := len(pages) + len(files)
			if tt.wantErr == "" && (loaded != 1 || len(files) == 1 && int64(len(files[0].Data)) != tt.size) {
				t.Errorf("Load of a %d-byte %s: %d pages, %d files; want it loaded whole", tt.size, tt.name, len(pages), len(files))
			}
		}
	})

	t.Run("an unreadable file is reported by name", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a.md": "# A\n", "locked.md": "# Locked\n"})
		locked := filepath.Join(dir, "locked.md")
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o644) })
		if _, err := os.ReadFile(locked); err == nil {
			t.Skip("running with permission to read any file (root), so chmod 000 cannot make a file unreadable")
		}
		pages, _, err := Load(dir)
		want := []string{locked + ": cannot be read: permission denied"}
		if got := errorStrings(err); !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors = %q; want %q", dir, got, want)
		}
		if got := pagePaths(pages); !slices.Equal(got, []string{"a.md"}) {
			t.Errorf("Load(%q) pages = %q; want the readable page still loaded", dir, got)
		}
	})

	t.Run("problems in several files all reported", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{
			"a.md": "---\ntitel: A\n---\n",
			"b.md": "ok\n",
			"c.md": "---\ntitle: C\n",
			"d.md": "caf\xe9\n",
		})
		pages, _, err := Load(dir)
		want := []string{
			filepath.Join(dir, "a.md") + `:2:1: front matter: unknown key "titel" (did you mean "title"?)`,
			filepath.Join(dir, "c.md") + `:1:1: front matter starts with "---" on line 1 but never ends: add a line with just "---" after the last key`,
			filepath.Join(dir, "d.md") + `:1: the file has a character that is not valid UTF-8: save it again as UTF-8`,
		}
		if got := errorStrings(err); !slices.Equal(got, want) {
			t.Errorf("Load(%q) errors =\n%q\nwant\n%q", dir, got, want)
		}
		if got, want := pagePaths(pages), []string{"a.md", "b.md"}; !slices.Equal(got, want) {
			t.Errorf("Load(%q) pages = %q; want %q (a page with bad front matter is still usable)", dir, got, want)
		}
	})

	t.Run("a missing folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nope")
		_, _, err := Load(dir)
		want := `the content folder "` + dir + `" does not exist (give another with -content)`
		if err == nil || err.Error() != want {
			t.Errorf("Load(%q) error = %v; want %q", dir, err, want)
		}
	})

	t.Run("a file given instead of a folder", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a.md": "# A\n"})
		file := filepath.Join(dir, "a.md")
		if _, _, err := Load(file); err == nil {
			t.Errorf("Load(%q) error = nil; want one saying the content folder does not exist", file)
		}
	})

	t.Run("errors are content errors", func(t *testing.T) {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"a.md": "---\nweight: x\n---\n"})
		_, _, err := Load(dir)
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != 2 || ce.File != filepath.Join(dir, "a.md") {
			t.Errorf("Load(%q) error = %#v; want a *content.Error at a.md line 2", dir, ce)
		}
	})
}

func TestLoadAgain(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "# A\n")
	write("b.md", "# B\n")
	first, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	last := earlier{}
	for _, p := range first {
		last[p.Path] = p
	}
	write("b.md", "# B, longer\n")
	again, _, err := loadAgain(dir, last)
	if err != nil {
		t.Fatal(err)
	}
	if again[0] != first[0] {
		t.Error("loadAgain read a.md again although it did not change")
	}
	if again[1] == first[1] || again[1].Meta.Title != "B, longer" {
		t.Errorf("loadAgain kept the old b.md (title %q) after it changed", again[1].Meta.Title)
	}
	// A file the watcher names is read again even if its size and time
	// look the same (coarse file-system clocks).
	named, _, err := loadAgain(dir, last, filepath.Join(dir, "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	if named[0] == first[0] {
		t.Error("loadAgain reused a.md although the watcher named it")
	}
}

// TestUpdate makes a series of changes to a content folder, tells Update
// which files changed as the watcher would, and checks that it returns
// what a fresh Load of the folder does: the same pages, in the same
// order, the same files and the same problems.
func TestUpdate(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"index.md":        "---\ntitle: Home\n---\nHi.\n",
		"rules/a.md":      "---\ntitle: A\n---\n",
		"rules/c.md":      "---\ntitle: C\n---\n",
		"rules/chart.png": "png",
	})
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	write := func(rel, body string) func() []string {
		return func() []string {
			writeTree(t, dir, map[string]string{rel: body})
			return []string{at(rel)}
		}
	}
	remove := func(rel string) func() []string {
		return func() []string {
			if err := os.RemoveAll(at(rel)); err != nil {
				t.Fatal(err)
			}
			return []string{at(rel)}
		}
	}
	steps := []struct {
		name   string
		change func() []string // the paths the watcher names
	}{
		{"edit a page", write("rules/a.md", "---\ntitle: A again\n---\n")},
		{"add a page between two", write("rules/b.md", "---\ntitle: B\n---\n")},
		{"add a page at the end", write("zed.md", "---\ntitle: Zed\n---\n")},
		{"add a file", write("rules/form.pdf", "pdf")},
		{"change a file", write("rules/chart.png", "png2")},
		{"remove a file", remove("rules/form.pdf")},
		{"remove a page", remove("rules/c.md")},
		{"break a page", write("rules/b.md", "---\ntitle: [B\n---\n")},
		{"mend it", write("rules/b.md", "---\ntitle: B\n---\n")},
		{"a page saved twice, broken", func() []string { // serve names each save since the last good build
			return append(write("rules/a.md", "---\ntitle: [A\n---\n")(), at("rules/a.md"))
		}},
		{"mend that", write("rules/a.md", "---\ntitle: A\n---\n")},
		{"an editor's swap file", write("rules/.a.md.swp", "junk")},
		{"a path outside the folder", func() []string { return []string{filepath.Join(filepath.Dir(dir), "elsewhere.md")} }},
		{"a new folder", func() []string {
			writeTree(t, dir, map[string]string{"new/x.md": "---\ntitle: X\n---\n"})
			return []string{at("new")}
		}},
		{"a page differing only in case", write("Zed.md", "---\ntitle: Zed\n---\n")},
		{"the clash mended", remove("Zed.md")},
		{"a removed folder", func() []string { remove("new")(); return []string{at("new/x.md")} }},
		{"a folder made again", func() []string {
			writeTree(t, dir, map[string]string{"new/x.md": "---\ntitle: X\n---\n", "new/y.md": "---\ntitle: Y\n---\n"})
			return []string{at("new/x.md"), at("new/y.md")}
		}},
		{"a removed folder named by itself", remove("new")},
	}
	pages, files, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		known := Known{Pages: pages, Files: files, Err: err}
		pages, files, err = Update(dir, known, step.change())
		wantPages, wantFiles, wantErr := Load(dir)
		if got, want := pagePaths(pages), pagePaths(wantPages); !slices.Equal(got, want) {
			t.Errorf("%s: pages %q; want %q", step.name, got, want)
		}
		for i := range min(len(pages), len(wantPages)) {
			if pages[i].Meta.Title != wantPages[i].Meta.Title {
				t.Errorf("%s: %s has title %q; want %q", step.name, pages[i].Path, pages[i].Meta.Title, wantPages[i].Meta.Title)
			}
		}
		if got, want := filePaths(files), filePaths(wantFiles); !slices.Equal(got, want) {
			t.Errorf("%s: files %q; want %q", step.name, got, want)
		}
		for i := range min(len(files), len(wantFiles)) {
			if !bytes.Equal(files[i].Data, wantFiles[i].Data) {
				t.Errorf("%s: %s holds %q; want %q", step.name, files[i].Path, files[i].Data, wantFiles[i].Data)
			}
		}
		if got, want := errorStrings(err), errorStrings(wantErr); !slices.Equal(got, want) {
			t.Errorf("%s: problems %q; want %q", step.name, got, want)
		}
	}
}

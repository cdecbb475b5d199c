package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBadInput feeds the build one kind of bad file at a time. Each must
// end with the documented exit status and a message naming the file (and
// the line where there is one); none may panic or leave a half-written
// site.
func TestBadInput(t *testing.T) {
	laughs := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += n + ": &" + n + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = n
	}
	laughs += "skills: *i\n---\n"
	deep := strings.Repeat("> ", 10000) + "deep\n" + strings.Repeat("- ", 10000) + "deep\n"
	tests := []struct {
		name  string
		file  string // path under content/
		data  []byte
		exit  int
		wants []string // substrings of the messages
	}{
		{"unclosed front matter", "a.md", []byte("---\ntitle: A\nText\n"), 1, []string{"content/a.md:1:1: front matter starts"}},
		{"tabs in YAML", "a.md", []byte("---\ntitle: A\n\tweight: 1\n---\n"), 1, []string{"content/a.md:3:", "a tab is used to indent this line: use spaces instead"}},
		{"wrong type", "a.md", []byte("---\nweight: [1]\n---\n"), 1, []string{`content/a.md:2:9: "weight" must be a whole number`}},
		{"duplicate key", "a.md", []byte("---\ntitle: A\ntitle: B\n---\n"), 1, []string{`content/a.md:3:1: "title" is written twice`}},
		{"unknown key", "a.md", []byte("---\ntittle: A\n---\n"), 1, []string{`content/a.md:2:1: front matter: unknown key "tittle" (did you mean "title"?)`}},
		{"billion laughs", "a.md", []byte(laughs), 1, []string{`content/a.md:11:9: item 1 of "skills" must be text, not a list (*i stands for the value set on line 10)`}},
		{"TOML front matter", "a.md", []byte("+++\ntitle = \"A\"\n+++\n"), 1, []string{`content/a.md:1:1: front matter between "+++" lines (TOML) is not supported`}},
		{"empty file", "a.md", nil, 0, nil},
		{"only front matter", "a.md", []byte("---\ntitle: Only\n---\n"), 0, nil},
		{"invalid UTF-8", "a.md", []byte("# Title\n\nbad \xff byte\n"), 1, []string{"content/a.md:3: ", "not valid UTF-8"}},
		{"UTF-16", "a.md", []byte("\xff\xfe#\x00 \x00T\x00"), 1, []string{"content/a.md:1: ", "UTF-16"}},
		{"NUL byte", "a.md", []byte("text\n\x00binary"), 1, []string{"content/a.md:2: ", "NUL byte"}},
		{"20 MB page", "a.md", bytes.Repeat([]byte("word "), 4<<20), 1, []string{"content/a.md: ", "larger than"}},
		{"9 MB handout", "handout.pdf", bytes.Repeat([]byte("%PDF"), 9<<18), 0, nil},
		{"deep nesting", "a.md", []byte(deep), 0, nil},
		{"1000 equal headings", "a.md", []byte(strings.Repeat("## Same\n", 1000)), 0, nil},
		{"odd links", "a.md", []byte("[a](b%20c.md) [b](<b c.md>) [q](b%20c.md?x=1#top) [m](mailto:x@nhs.net) [t](tel:111) [p](//example.org) [j](javascript:alert(1))\n"), 0, []string{"warning: link to \"javascript:alert(1)\""}},
		{"link out of the folder", "a.md", []byte("[x](../../etc/passwd)\n"), 1, []string{`content/a.md:1:1: link to "../../etc/passwd": it goes outside the content folder`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && len(tt.data) > 1<<14 {
				t.Skip("a large input: seconds of parsing, run by go test ./... (CI's race step is -short)")
			}
			dir := t.TempDir()
			t.Chdir(dir)
			for name, text := range minimalLayouts {
				writeFile(t, name, []byte(text))
			}
			writeFile(t, "content/index.md", []byte("Home.\n"))
			writeFile(t, "content/b c.md", []byte("## Top\n"))
			writeFile(t, filepath.Join("content", tt.file), tt.data)
			var stdout, stderr bytes.Buffer
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			code := run([]string{"build"}, &stdout, &stderr)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if code != tt.exit {
				t.Fatalf("exit %d; want %d\n%s", code, tt.exit, stderr.String())
			}
			for _, w := range tt.wants {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("messages lack %q:\n%s", w, stderr.String())
				}
			}
			if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "goroutine ") {
				t.Errorf("a stack trace reached the educator:\n%s", stderr.String())
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<30 {
				t.Errorf("the build allocated %d MB; want it bounded", grown>>20)
			}
			if tt.exit != 0 {
				if _, err := os.Stat("public"); err == nil {
					t.Error("a failed build wrote public/")
				}
			} else if !strings.HasSuffix(tt.file, ".md") {
				if b, err := os.ReadFile(filepath.Join("public", tt.file)); !bytes.Equal(b, tt.data) {
					t.Errorf("public/%s holds %d bytes (%v); want the %d bytes of content/%s", tt.file, len(b), err, len(tt.data), tt.file)
				}
			}
		})
	}
}

// TestBadFolders covers folders that are missing, looping or unreadable.
func TestBadFolders(t *testing.T) {
	t.Run("no content folder", func(t *testing.T) {
		t.Chdir(t.TempDir())
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), `the content folder "content" does not exist`) {
			t.Errorf("exit %d, %q; want 1 and a plain message", code, stderr.String())
		}
	})
	t.Run("symlink loop", func(t *testing.T) {
		t.Chdir(t.TempDir())
		for name, text := range minimalLayouts {
			writeFile(t, name, []byte(text))
		}
		writeFile(t, "content/index.md", []byte("Home.\n"))
		if err := os.Symlink("..", "content/loop"); err != nil {
			t.Skip(err)
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "content/loop: warning:") {
			t.Errorf("exit %d, %q; want 0 and a warning about the link", code, stderr.String())
		}
	})
	t.Run("symlink leaving the folder", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		for name, text := range minimalLayouts {
			writeFile(t, name, []byte(text))
		}
		writeFile(t, "secret.md", []byte("secret\n"))
		writeFile(t, "content/index.md", []byte("Home.\n"))
		if err := os.Symlink(filepath.Join(dir, "secret.md"), "content/secret.md"); err != nil {
			t.Skip(err)
		}
		var stdout, stderr bytes.Buffer
		run([]string{"build"}, &stdout, &stderr)
		if b, err := os.ReadFile("public/secret/index.html"); err == nil && bytes.Contains(b, []byte("secret")) {
			t.Error("a file outside the content folder was published through a symlink")
		}
	})
}

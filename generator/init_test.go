package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInit: init's handbook builds and checks with no errors and no
// warnings, with the built-in layouts alone, and init says what to do next.
func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", "my handbook", "-today", "2026-11-25"}, &stdout, &stderr); code != 0 {
		t.Fatalf("init exited %d:\n%s", code, &stderr)
	}
	// The steps name the program as this test binary is named: TestCommandFor
	// checks what that name is for each kind of executable.
	program := programName()
	for _, want := range []string{
		"Started a new handbook in my handbook\n",
		`  1. Go into the folder:  cd "my handbook"`,
		"  2. Preview it as you edit:  " + program + " serve -open\n",
		"  4. Add a page:  " + program + ` new skill "Record keeping"`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("init printed:\n%s\nwant it to include %q", &stdout, want)
		}
	}
	t.Chdir("my handbook")
	if _, err := os.Stat("layouts"); err == nil {
		t.Fatal("init made a layouts folder; the built-in layouts should do")
	}
	for _, args := range [][]string{
		{"build"},
		{"check", "-today", "2026-11-25", "-strict"},
		{"new", "skill", "Record keeping", "-today", "2026-11-25"},
	} {
		stdout.Reset()
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() > 0 || strings.Contains(stdout.String(), " 1 warning") {
			t.Errorf("%s after init: exit %d\n%s%s", strings.Join(args, " "), code, &stdout, &stderr)
		}
	}
	if _, err := os.Stat(filepath.Join("public", "index.html")); err != nil {
		t.Error(err)
	}
	for _, kind := range []string{"skill", "scenario", "qualification", "glossary"} {
		found := false
		filepath.WalkDir("content", func(p string, d os.DirEntry, err error) error {
			b, _ := os.ReadFile(p)
			found = found || bytes.Contains(b, []byte("\nkind: "+kind+"\n"))
			return nil
		})
		if !found {
			t.Errorf("init made no page of kind %s", kind)
		}
	}
}

// TestCommandFor: the steps init and new print start the program by its
// own name, but a developer's go run (or go test) by go run ./generator,
// since its executable is a temporary file.
func TestCommandFor(t *testing.T) {
	tests := []struct{ exe, want string }{
		{"", "go run ./generator"},
		{"/tmp/go-build1234567/b001/exe/generator", "go run ./generator"},
		{"/tmp/go-build2318734296/b001/generator.test", "go run ./generator"},
		{`C:\Users\me\AppData\Local\Temp\go-build99\b001\exe\generator.exe`, "go run ./generator"},
		{"/usr/local/bin/handbook", "handbook"},
		{"/home/me/handbook/generator.test", "generator.test"},
		{"handbook.exe", "handbook"},
	}
	for _, tt := range tests {
		if got := commandFor(tt.exe); got != tt.want {
			t.Errorf("commandFor(%q) = %q; want %q", tt.exe, got, tt.want)
		}
	}
}

// TestInitRefuses: init never mixes its pages into a handbook.
func TestInitRefuses(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		exist string // a file there before init
		code  int
		want  string
	}{
		{"content with pages", []string{"init", "hb"}, "hb/content/index.md", 1,
			"generator: " + filepath.Join("hb", "content") + " already has files in it: init starts a new handbook, so give it a new or empty folder, as in: init my-handbook\n"},
		{"two folders", []string{"init", "my", "handbook"}, "", 2,
			"generator: init: give one folder, not 2; put a name with spaces in quotes\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if tt.exist != "" {
				writeFile(t, tt.exist, []byte("---\ntitle: Mine\n---\n"))
			}
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code || stderr.String() != tt.want {
				t.Errorf("run(%q) = %d, stderr %q; want %d, %q", tt.args, code, &stderr, tt.code, tt.want)
			}
			if tt.exist != "" {
				if b, _ := os.ReadFile(tt.exist); string(b) != "---\ntitle: Mine\n---\n" {
					t.Errorf("init changed %s", tt.exist)
				}
			}
		})
	}
}

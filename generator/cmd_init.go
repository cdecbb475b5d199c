package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// starter is the handbook init writes: a home page, a glossary and one
// section holding a page of each kind, each short and saying what it is
// for, so an educator starts from pages that build and edits them.
//
//go:embed all:starter
var starter embed.FS

const initUsage = `usage: generator init [FOLDER] [-today YYYY-MM-DD]

Starts a new handbook in FOLDER (the current folder if none is given):
a content folder with a home page, a glossary and a "Getting started"
section holding one page of each kind, ready to preview and build. The
look (templates, styles, scripts) is built into the program; a layouts
folder is needed only to change it. Nothing is ever replaced: FOLDER
must not already hold a content folder with files in it.

`

// runInit writes the starter handbook into a new or empty folder and says
// what to do next, as hugo new site does.
func runInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", initUsage)
	todayFlag := fs.String("today", "", "date to write as reviewed, YYYY-MM-DD (default: today)")
	words, err := parseWords(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(words) > 1 {
		return usageError{fmt.Sprintf("init: give one folder, not %d; put a name with spaces in quotes", len(words))}
	}
	dir := "."
	if len(words) == 1 {
		dir = words[0]
	}
	today, err := parseToday(*todayFlag, time.Now())
	if err != nil {
		return err
	}
	if err := writeStarter(dir, today); err != nil {
		return err
	}
	fmt.Fprint(stdout, nextSteps(dir, programName()))
	return nil
}

// writeStarter fills dir/content from the starter, with today's review
// dates, refusing to mix it into a content folder that has pages.
func writeStarter(dir string, today time.Time) error {
	content := filepath.Join(dir, "content")
	if entries, err := os.ReadDir(content); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s already has files in it: init starts a new handbook, so give it a new or empty folder, as in: init my-handbook", content)
	}
	data := struct{ Today, NextReview string }{
		Today:      today.Format(time.DateOnly),
		NextReview: today.AddDate(1, 0, 0).Format(time.DateOnly),
	}
	return fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Option("missingkey=error").Parse(string(text))
		if err != nil {
			return err // a mistake in the starter itself; the init test catches it
		}
		var page bytes.Buffer
		if err := t.Execute(&page, data); err != nil {
			return err
		}
		file := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "starter/")))
		return createFile(file, page.Bytes())
	})
}

// createFile writes a new file, making its folder, and never replaces one.
func createFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("%s: cannot make the folder: %v", filepath.Dir(file), plainErr(err))
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists: init leaves it as it is; give it a new or empty folder", file)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot be created: %v", file, plainErr(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: cannot be written: %v", file, plainErr(err))
	}
	return nil
}

// nextSteps is what init prints: numbered, each with the command to type,
// for someone who has never used a command line tool like this.
func nextSteps(dir, prog string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Started a new handbook in %s\n\nNext steps:\n\n", shownDir(dir))
	n := 0
	step := func(format string, args ...any) {
		n++
		fmt.Fprintf(&b, "  %d. "+format+"\n", append([]any{n}, args...)...)
	}
	if dir != "." {
		step("Go into the folder:  cd %s", quoteArg(dir))
	}
	step("Preview it as you edit:  %s serve -open", prog)
	step("Change the home page, content/index.md, and the pages in content/getting-started/;\n     the preview shows each change as you save.")
	step("Add a page:  %s new skill \"Record keeping\"  (or scenario, route, page)", prog)
	step("Publish it:  %s build  writes the finished site to the public folder.", prog)
	b.WriteString("\nThe guide to writing pages is the page \"Editing this handbook\" of the\nPatient Pathway Coordinator Handbook, and the README that came with the program.\n")
	return b.String()
}

func shownDir(dir string) string {
	if dir == "." {
		return "this folder"
	}
	return dir
}

// quoteArg quotes a folder name with spaces so it can be typed as shown.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"") {
		return `"` + s + `"`
	}
	return s
}

// programName is how to start this program in the steps it prints.
func programName() string {
	exe, err := os.Executable()
	if err != nil {
		return commandFor("")
	}
	return commandFor(exe)
}

// commandFor is how to start the executable at path exe: its own name, or
// go run ./generator for a developer's go run (and go test), whose
// executable is a temporary file in Go's build folder, or when the path is
// unknown ("").
func commandFor(exe string) string {
	if exe == "" || strings.Contains(exe, "go-build") {
		return "go run ./generator"
	}
	return strings.TrimSuffix(filepath.Base(exe), ".exe")
}

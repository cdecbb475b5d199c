package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/site"
)

const newUsage = `usage: generator new KIND "Title" [-content DIR] [-layouts DIR] [-today YYYY-MM-DD]

KIND is skill, scenario, qualification (or route) or page. The page is
made from layouts/new/KIND.md (qualification.md for a route), with its
front matter filled in, and a heading and a note on what to write for
each section. An existing page is never replaced.

`

// runNew starts a page from the template for its kind, so an educator
// begins with the right front matter and sections rather than a blank file.
func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", newUsage)
	var src site.Sources
	fs.StringVar(&src.Content, "content", "content", "folder of Markdown pages")
	fs.StringVar(&src.Layouts, "layouts", "layouts", "folder of templates; page templates in its new/ folder replace the built-in ones")
	todayFlag := fs.String("today", "", "date to write as reviewed, YYYY-MM-DD (default: today)")
	words, err := parseWords(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(words) < 2 {
		return usageError{`new: give the kind of page and its title, for example: new skill "Record keeping"`}
	}
	kind, folder, ok := newKind(words[0])
	if !ok {
		return usageError{fmt.Sprintf("new: %q is not a kind of page: use skill, scenario, qualification (or route) or page", words[0])}
	}
	title := strings.TrimSpace(strings.Join(words[1:], " "))
	slug := markdown.Slug(title)
	if slug == "" || strings.ContainsAny(title, "\n\r") {
		return usageError{fmt.Sprintf("new: %q cannot be a title: use words, as in \"Record keeping\"", title)}
	}
	today, err := parseToday(*todayFlag, time.Now())
	if err != nil {
		return err
	}
	file, err := newPage(src, kind, path.Join(folder, slug+".md"), title, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s\n", file)
	fmt.Fprintf(stdout, "Fill in each section, then preview it with: %s serve%s\n", programName(), folderFlags(src))
	return nil
}

// newKind maps the KIND an educator types to the page kind and the folder
// its pages live in.
func newKind(name string) (kind content.Kind, folder string, ok bool) {
	switch strings.ToLower(name) {
	case "skill":
		return content.KindSkill, "skills", true
	case "scenario":
		return content.KindScenario, "scenarios", true
	case "qualification", "route":
		return content.KindQualification, "routes", true
	case "page":
		return content.KindPage, "", true
	}
	return "", "", false
}

// template data for layouts/new/*.md.
type newData struct {
	Title      string // as the educator typed it; write {{quote .Title}} in YAML
	Today      string // YYYY-MM-DD, for reviewed:
	NextReview string // a year after Today, for next_review:
	Weight     int    // places the page after the others in its folder
}

// newPage writes the page at content path rel from its kind's template
// and returns the file's name. It never replaces a file, nor makes one that
// would become the same page as another on some file system (names
// differing in capitals, or in how an accented letter is stored).
func newPage(src site.Sources, kind content.Kind, rel, title string, today time.Time) (string, error) {
	file := filepath.Join(src.Content, filepath.FromSlash(rel))
	if info, err := os.Stat(src.Content); err != nil || !info.IsDir() {
		return "", fmt.Errorf("the content folder %q does not exist (give another with -content)", src.Content)
	}
	pages, files, _ := content.Load(src.Content) // problems in other pages are for build to report
	url := strings.TrimSuffix(rel, ".md") + "/"
	for _, p := range pages {
		if content.SameName(p.URL, url) {
			return "", fmt.Errorf("%s already exists: open it to edit it, or choose another title", p.File)
		}
	}
	tmplFile, b, err := src.LayoutFiles().ReadFile("new/" + string(kind) + ".md")
	if err != nil {
		return "", fmt.Errorf("%s: cannot read the template for new %s pages: %v", tmplFile, kind, plainErr(err))
	}
	funcs := template.FuncMap{"quote": strconv.Quote} // a double-quoted Go string is a valid YAML one
	t, err := template.New(tmplFile).Funcs(funcs).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return "", err // "template: layouts/new/skill.md:3: ..."
	}
	data := newData{
		Title:      title,
		Today:      today.Format(time.DateOnly),
		NextReview: today.AddDate(1, 0, 0).Format(time.DateOnly),
		Weight:     nextWeight(nav.Build(site.Published(pages), files), path.Dir(rel)),
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", fmt.Errorf("%s: cannot make the folder: %v", filepath.Dir(file), plainErr(err))
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists: open it to edit it, or choose another title", file)
	}
	if err != nil {
		return "", fmt.Errorf("%s: cannot be created: %v", file, plainErr(err))
	}
	_, err = f.Write(out.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		return "", fmt.Errorf("%s: cannot be written: %v", file, plainErr(err))
	}
	return file, nil
}

// nextWeight is a weight that sorts a new page after the weighted pages
// of folder dir ("." for the top): ten more than the largest, so pages can
// later go in between.
func nextWeight(tree *nav.Tree, dir string) int {
	n := tree.Root
	if dir != "." {
		n = tree.Find(nav.Target{Path: dir, Dir: true})
	}
	top := 0
	if n != nil {
		for _, c := range n.Children {
			top = max(top, c.Page.Meta.Weight)
		}
	}
	return (top/10 + 1) * 10
}

// parseWords parses flags written before, between or after the words of a
// command line, as people type them, and returns the words.
func parseWords(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return words, checkLayoutsFlag(fs)
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseToday reads a -today flag; "" means the date now.
func parseToday(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := content.ParseDate(s)
	if err != nil {
		return time.Time{}, usageError{"-today " + err.Error()}
	}
	return t, nil
}

// folderFlags repeats -content and -layouts for the next command, when
// they are not the defaults.
func folderFlags(src site.Sources) string {
	var b strings.Builder
	if src.Content != "content" {
		fmt.Fprintf(&b, " -content %s", src.Content)
	}
	if src.Layouts != "layouts" {
		fmt.Fprintf(&b, " -layouts %s", src.Layouts)
	}
	return b.String()
}

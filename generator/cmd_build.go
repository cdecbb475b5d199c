package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/output"
	"ppchandbook/generator/site"
)

// siteTitle is the handbook's name, shown on every page.
const siteTitle = "Patient Pathway Coordinator Handbook"

const buildUsage = `usage: generator build [flags]

build checks every page of the content folder (front matter, links,
headings) and, if there are no errors, writes the finished handbook to
the output folder, public unless -out says otherwise: a folder of web
pages to copy to a web server or a shared drive, where opening
index.html starts it. Every problem is printed as file:line: message,
and nothing is written until all are fixed, so the output folder always
holds the last whole handbook. Pages with draft: true are left out.

The look comes from the templates built into this program; a layouts
folder beside the content replaces them file by file. Exit status is 1
if there are errors and 2 if the command line is wrong.

`

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", buildUsage)
	var c commonFlags
	c.register(fs)
	baseURL := fs.String("base-url", "", "address the site will be published at, e.g. https://example.nhs.uk/handbook/ (adds sitemap.xml)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return usageError{fmt.Sprintf("-base-url %q is not a full web address like https://example.nhs.uk/handbook/", *baseURL)}
		}
	}
	if err := output.Check(c.out, c.content, c.layouts); err != nil {
		return usageError{err.Error()}
	}
	start := time.Now()
	defer site.TuneGC(c.content)()
	st, err := output.Stage(c.out)
	if err != nil {
		return err
	}
	s, err := site.Build(context.Background(), c.sources(), site.Options{Site: layout.Site{Title: siteTitle, BaseURL: *baseURL}}, st)
	if err != nil {
		st.Abort()
		report(stderr, err)
		fmt.Fprintf(stderr, "Nothing was written: %s is unchanged.\n", c.out)
		return errReported
	}
	if err := st.Commit(); err != nil {
		return err
	}
	report(stderr, joinErrs(s.Warnings))
	for _, note := range st.Notes() {
		fmt.Fprintf(stderr, "generator: %s\n", note)
	}
	fmt.Fprintf(stdout, "Built %d pages, %d %s, in %d ms into %s\n",
		s.Pages, len(s.Warnings), plural(len(s.Warnings), "warning", "warnings"), time.Since(start).Milliseconds(), shownOut(c.out, st.Out()))
	return nil
}

// shownOut names the output folder as the user did, and where it leads if
// it is a link, since that is where the site went.
func shownOut(out, real string) string {
	abs, err := filepath.Abs(out)
	if err != nil || abs == real {
		return out
	}
	return fmt.Sprintf("%s (a link to %s)", out, real)
}

// report prints problems sorted by file and line, one a line, then a count.
func report(w io.Writer, err error) {
	errs := content.Errors(err)
	if len(errs) == 0 {
		return
	}
	slices.SortStableFunc(errs, compareErrs)
	nerr := 0
	for _, e := range errs {
		fmt.Fprintln(w, e)
		if ce, ok := e.(*content.Error); !ok || !ce.Warn {
			nerr++
		}
	}
	if nerr > 0 {
		fmt.Fprintf(w, "%d %s found.\n", nerr, plural(nerr, "problem", "problems"))
	}
}

func compareErrs(a, b error) int {
	ea, oka := a.(*content.Error)
	eb, okb := b.(*content.Error)
	if !oka || !okb {
		return strings.Compare(a.Error(), b.Error())
	}
	if c := strings.Compare(ea.File, eb.File); c != 0 {
		return c
	}
	if ea.Line != eb.Line {
		return ea.Line - eb.Line
	}
	return ea.Col - eb.Col
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

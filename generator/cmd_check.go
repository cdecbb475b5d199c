package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"ppchandbook/generator/check"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/site"
)

const checkUsage = `usage: generator check [flags]

check reports every problem build would, without writing anything, and
also: review dates that have passed (errors) or fall within 30 days, pages
with no review date or sources, pages no other page links to, images
without alt text, links without text, headings that skip a level, pages
sharing a title, glossary terms no page links to, raw HTML the sanitiser
left out, and paste damage (a non-breaking space after ## or 1., a link
with a space in its address). Each problem comes
with a "fix:" line. Exit status is 1 if there are errors (or, with
-strict, warnings) and 2 if the command line is wrong.

`

// runCheck reports everything build would, and the editorial problems of
// package check, without writing anything.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkUsage)
	var src site.Sources
	fs.StringVar(&src.Content, "content", "content", "folder of Markdown pages")
	fs.StringVar(&src.Layouts, "layouts", "layouts", "folder of templates and assets, each replacing the built-in one of the same name")
	format := fs.String("format", "text", "how to print the problems: text, or json for editors and scripts")
	strict := fs.Bool("strict", false, "fail (exit status 1) on warnings too")
	external := fs.Bool("external", false, "also check that every web address still answers (uses the internet; answers are kept for a day)")
	todayFlag := fs.String("today", "", "check review dates as if it were this day, YYYY-MM-DD (default: today)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("-format %q: use text or json", *format)}
	}
	today, err := parseToday(*todayFlag, time.Now())
	if err != nil {
		return err
	}
	var web *check.Web
	if *external {
		web = &check.Web{Client: &http.Client{}, Cache: linkCache()}
	}
	findings, err := site.Check(context.Background(), src, site.Options{Site: layout.Site{Title: siteTitle}}, today, web)
	if err != nil {
		return err
	}
	if *format == "json" {
		err = check.JSON(stdout, findings)
	} else {
		err = check.Text(stdout, findings)
	}
	if err != nil {
		return err
	}
	errs, warnings := check.Count(findings)
	if errs > 0 || *strict && warnings > 0 {
		return errReported
	}
	return nil
}

// linkCache is where -external keeps its answers: the user's cache folder,
// so it survives between checks but never lands in the repository.
func linkCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "" // check without a cache
	}
	return filepath.Join(dir, "ppc-handbook", "links.json")
}

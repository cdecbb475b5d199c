package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeScript is axe-core 4.14.1 from npm (MPL-2.0), kept in testdata so the
// test needs no network.
const axeScript = "testdata/axe/axe.min.js"

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// TestBrowserAccessibility loads pages of the built handbook in Chromium
// and runs axe-core's WCAG 2.2 A and AA rules over them, in the light
// theme, the dark theme and at 320 pixels wide; any violation fails the
// test. In CI it loads every page.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	axe, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := buildHandbook(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	ctx := newBrowserFor(t, 8*time.Minute)

	pages, err := filepathGlobHTML(out)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	// In CI every page is checked in the light theme, and a sample in
	// the others. Elsewhere the sample alone: axe-core takes about a
	// second of both cores a page, so every page would be most of a
	// minute of a go test ./... that should take less than one. The
	// sample has a page of each kind and each construct (tables,
	// callouts, quizzes, timelines, code), and build and check already
	// refuse what content alone gets wrong (alt text, heading levels).
	everyPage := os.Getenv("CI") != ""
	var todo []string
	for _, page := range pages {
		if everyPage || page == wholeHandbook || representative(page) {
			todo = append(todo, page)
		}
	}
	// Two tabs share the pages: axe-core is most of the time, and the
	// browser renders and runs it on both cores at once. Each tab takes
	// the next page as it finishes one, the longest first (the whole
	// handbook, then the pages checked in every mode), so that neither
	// tab is left with the long ones at the end while the other idles.
	slices.SortStableFunc(todo, func(a, b string) int { return axeWork(b) - axeWork(a) })
	next := make(chan string, len(todo))
	for _, page := range todo {
		next <- page
	}
	close(next)
	const tabs = 2
	found := make([][]pageViolations, tabs)
	var wg sync.WaitGroup
	for i := range tabs {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		wg.Go(func() {
			for page := range next {
				found[i] = append(found[i], axePages(tab, srv.URL, []string{page}, string(axe))...)
			}
		})
	}
	wg.Wait()
	all := slices.Concat(found...)
	slices.SortStableFunc(all, func(a, b pageViolations) int { return strings.Compare(a.page, b.page) })
	for _, pv := range all {
		if pv.err != nil {
			t.Errorf("%s (%s): %v", pv.page, pv.mode, pv.err)
		}
		for _, v := range pv.violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target)+" "+truncate(n.HTML, 120))
			}
			t.Errorf("%s (%s): %s: %s\n\t%s", pv.page, pv.mode, v.ID, v.Help, strings.Join(where, "\n\t"))
		}
	}
}

// axeWork ranks how long checking page takes: the whole handbook is the
// largest page; a representative page is checked in every mode, another
// in one.
func axeWork(page string) int {
	switch {
	case page == wholeHandbook:
		return 2
	case representative(page):
		return 1
	}
	return 0
}

// pageViolations is what axe-core found on one page in one mode.
type pageViolations struct {
	page, mode string
	violations []axeViolation
	err        error
}

// An axeMode is a way of showing a page that axe-core checks: a theme, chosen
// as a reader does with the theme control, at a window size.
type axeMode struct {
	name          string
	theme         string // value of the theme control
	width, height int64
}

// axeModes are the ways every representative page is checked; other
// pages are checked in the first.
var axeModes = []axeMode{
	{"light", "light", 1280, 900},
	{"dark", "dark", 1280, 900},
	{"320px", "light", 320, 640},
}

// axePages runs axe-core over pages in one tab. Each page is loaded once,
// with axe-core, and then checked in each of its modes: the theme control
// and the window size change the page as they would for a reader, at a
// third of the cost of loading the page and axe-core again.
func axePages(tab context.Context, base string, pages []string, axe string) []pageViolations {
	var out []pageViolations
	for _, page := range pages {
		todo := axeModes
		if !representative(page) {
			todo = axeModes[:1]
		}
		err := chromedp.Do(tab, chromedp.EmulateViewport(todo[0].width, todo[0].height),
			chromedp.Navigate(base+"/"+page), chromedp.WaitReady("body"))
		if err == nil {
			_, err = chromedp.Run(tab, chromedp.Evaluate[any](axe))
		}
		if err != nil {
			out = append(out, pageViolations{page: page, mode: todo[0].name, err: err})
			continue
		}
		for _, m := range todo {
			v, err := axeIn(tab, page, m)
			out = append(out, pageViolations{page, m.name, v, err})
		}
	}
	return out
}

// axeIn shows the page open in tab in mode m and runs axe-core, which is
// loaded already, over it.
func axeIn(tab context.Context, page string, m axeMode) ([]axeViolation, error) {
	// The change event is what the theme control's script hears; two
	// animation frames let scripts that follow the window size (the
	// on-page contents, folded on narrow screens) see the new size.
	show := fmt.Sprintf(`new Promise(done => {
		const c = document.getElementById("theme-choice");
		if (c) c.value = %q, c.dispatchEvent(new Event("change", {bubbles: true}));
		requestAnimationFrame(() => requestAnimationFrame(() => done(document.documentElement.dataset.theme === %[1]q)));
	})`, m.theme)
	err := chromedp.Do(tab, chromedp.EmulateViewport(m.width, m.height))
	var shown bool
	if err == nil {
		shown, err = chromedp.Run(tab, chromedp.Evaluate[bool](show, chromedp.EvalAwaitPromise))
	}
	if err == nil && !shown {
		err = fmt.Errorf("the theme control did not show the page in the %s theme", m.theme)
	}
	if err != nil {
		return nil, err
	}
	if page == wholeHandbook {
		return axeWholeHandbook(tab, "")
	}
	return axeHere(tab, "")
}

// representative picks a page of each kind, and of each construct, for
// every mode.
func representative(page string) bool {
	switch page {
	case "index.html", "skills/communication/index.html", "scenarios/suspected-cancer-fds/index.html",
		"routes/apprenticeships/index.html", "glossary/index.html", "skills/skills-map/index.html",
		"progress/index.html", "rules/rtt/index.html", "rules/rtt-recording/index.html",
		"practice/call-scripts/index.html", "editing/index.html", "404.html":
		return true
	}
	return false
}

func runAxe(t *testing.T, ctx context.Context, url, theme, axe string) []axeViolation {
	t.Helper()
	setTheme := fmt.Sprintf(`localStorage.setItem("ppc-theme", %q)`, theme)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](setTheme)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	v, err := axeHere(ctx, axe)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return v
}

// mustAxeHere is axeHere for a test that cannot go on without its answer.
func mustAxeHere(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	v, err := axeHere(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// axeHere runs axe-core's WCAG 2.2 A and AA rules over the page open in
// ctx, as it is now, without loading it again.
func axeHere(ctx context.Context, axe string) ([]axeViolation, error) {
	return axeRun(ctx, axe, "document", wcagRules)
}

// wcagRules are the axe-core rules every page must pass.
const wcagRules = `{
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
	rules: {"region": {enabled: true}}
}`

// wholeHandbook is the page that holds every other page's text.
const wholeHandbook = "whole-handbook/index.html"

// axeWholeHandbook checks the whole-handbook page, which holds every
// chapter's text: 1.4 MB of HTML, on which axe-core takes 20 to 30 s
// however few rules or elements it is given. What depends on the chapters
// standing together (IDs that must stay unique, references between
// elements, the order of headings) is checked over the whole page by a
// script of a few milliseconds; then every chapter but a sample (a plain
// page, a scenario with its timeline and quiz answers, the glossary) is
// taken out, and axe-core checks the rest. Each chapter's own text is
// checked on its own page.
func axeWholeHandbook(ctx context.Context, axe string) ([]axeViolation, error) {
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
		var out = [], seen = {};
		document.querySelectorAll("[id]").forEach(function (e) {
			if (seen[e.id]) out.push("id " + JSON.stringify(e.id) + " is used twice");
			seen[e.id] = true;
		});
		document.querySelectorAll("[aria-labelledby], [aria-describedby], [aria-controls]").forEach(function (e) {
			["aria-labelledby", "aria-describedby", "aria-controls"].forEach(function (a) {
				(e.getAttribute(a) || "").split(/\s+/).filter(Boolean).forEach(function (id) {
					if (!document.getElementById(id)) out.push(a + " names " + JSON.stringify(id) + ", which no element has");
				});
			});
		});
		document.querySelectorAll("a[href^='#']").forEach(function (a) {
			var id = decodeURIComponent(a.getAttribute("href").slice(1));
			if (id && !document.getElementById(id)) out.push("link to " + JSON.stringify("#" + id) + ", which no element has");
		});
		var level = 0;
		document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").forEach(function (h) {
			var n = +h.tagName[1];
			if (n > level + 1) out.push("heading " + JSON.stringify(h.textContent.trim()) + " is h" + n + " after h" + level);
			level = n;
		});
		return out;
	})()`))
	var v []axeViolation
	for _, p := range problems {
		v = append(v, axeViolation{ID: "whole-page", Help: p})
	}
	if err != nil {
		return v, err
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`document.querySelectorAll("section.print-page`+
		`:not([aria-labelledby=page-home])`+
		`:not([aria-labelledby=page-scenarios-suspected-cancer-fds])`+
		`:not([aria-labelledby=page-glossary])").forEach(function (s) { s.remove(); })`))
	if err != nil {
		return v, err
	}
	sample, err := axeHere(ctx, axe)
	return append(v, sample...), err
}

// axeRun runs axe-core with options over context, loading it first unless
// axe is empty (it is loaded on this page already).
func axeRun(ctx context.Context, axe, context, options string) ([]axeViolation, error) {
	if axe != "" {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe)); err != nil {
			return nil, fmt.Errorf("loading axe-core: %v", err)
		}
	}
	result, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(`+context+`, `+options+`).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %v", err)
	}
	var v []axeViolation
	if err := json.Unmarshal([]byte(result), &v); err != nil {
		return nil, err
	}
	return v, nil
}

// filepathGlobHTML lists the HTML files under dir, slash-separated.
func filepathGlobHTML(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	return out, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

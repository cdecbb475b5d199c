package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chromedp/chromedp/kb"
	"ppchandbook/generator/internal/headless"

	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/output"
	"ppchandbook/generator/site"
)

// Browser tests are named TestBrowser…, and needChromium fails one that is
// not: .ci/run leaves them out of its race step with -skip '^TestBrowser'
// (the race detector would slow only the Go side of tests whose time is
// Chromium's) and runs them in its plain go test ./...
const browserPrefix = "TestBrowser"

// needChromium returns the path of Debian's chromium. It skips the test
// when the browser is missing, except in CI, where a missing browser would
// silently hide failures and so is fatal.
func needChromium(t *testing.T) string {
	t.Helper()
	if !strings.HasPrefix(t.Name(), browserPrefix) {
		t.Fatalf("%s uses Chromium, so its name must start with %s: .ci/run's race step leaves those tests out by name", t.Name(), browserPrefix)
	}
	if p := headless.Find(); p != "" {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get install chromium")
	}
	skipBrowserTest(t, "chromium is not installed (apt-get install chromium)")
	return ""
}

// skipped counts the browser tests skipped for want of a program, by what
// was missing, for TestMain to report.
var skipped struct {
	sync.Mutex
	because map[string]int
}

// skipBrowserTest skips t for the reason given and counts it for
// TestMain's report.
func skipBrowserTest(t *testing.T, reason string) {
	t.Helper()
	skipped.Lock()
	if skipped.because == nil {
		skipped.because = map[string]int{}
	}
	skipped.because[reason]++
	skipped.Unlock()
	t.Skip(reason + "; skipping browser test")
}

// TestMain runs the tests, then says how many browser tests were skipped
// and why, so that a skipped browser test never passes for a passed one.
// go test ./... shows a passing package's output only with -v, so without
// it the report goes to the terminal too, when there is one.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.stop != nil {
		chromium.stop()
	}
	if program.exe != "" {
		os.RemoveAll(filepath.Dir(program.exe))
	}
	if builtHandbook.out != "" {
		os.RemoveAll(filepath.Dir(builtHandbook.out))
	}
	for _, reason := range slices.Sorted(maps.Keys(skipped.because)) {
		n := skipped.because[reason]
		tests := "tests"
		if n == 1 {
			tests = "test"
		}
		line := fmt.Sprintf("ppchandbook/generator: %d browser %s skipped: %s\n", n, tests, reason)
		fmt.Print(line)
		if testing.Verbose() {
			continue
		}
		if tty, err := os.OpenFile(terminal(), os.O_WRONLY, 0); err == nil {
			fmt.Fprint(tty, line)
			tty.Close()
		}
	}
	os.Exit(code)
}

// terminal is the name of the process's terminal.
func terminal() string {
	if runtime.GOOS == "windows" {
		return "CONOUT$"
	}
	return "/dev/tty"
}

// newBrowser opens a tab for one test in the shared Chromium, with
// storage of its own. The whole test must finish within a minute.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserFor(t, time.Minute)
}

// newBrowserFor is newBrowser with a longer budget, for tests that visit
// every page.
func newBrowserFor(t *testing.T, budget time.Duration) context.Context {
	t.Helper()
	ctx, cancelTab := chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext())
	ctx, cancelTime := context.WithTimeout(ctx, budget)
	t.Cleanup(func() { cancelTime(); cancelTab() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab in chromium: %v", err)
	}
	return ctx
}

// chromium is the one headless Chromium of this test binary. Each test
// opens its tabs in a browser context of its own (storage, cookies and
// cache apart, as a separate browser would keep them), so sharing the
// process changes nothing a test sees; starting a Chromium for each test
// cost about a second of CPU and two of waiting, a dozen times a run.
var chromium struct {
	once sync.Once
	ctx  context.Context // its first tab, which no test uses; from sharedBrowser
	err  error
	stop func() // closes it and removes its profile; called by TestMain
}

// sharedBrowser returns the shared Chromium, starting it on first use, or
// skips or fails t as needChromium does when there is none. A test's tabs
// are made from it with chromedp.NewContext and WithNewBrowserContext.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := needChromium(t)
	chromium.once.Do(func() {
		profile, err := os.MkdirTemp("", "ppchandbook-chromium-")
		if err != nil {
			chromium.err = err
			return
		}
		opts := headless.Options(exe, profile, chromedp.Flag("disable-quic", true))
		// Not the test's context: the browser outlives every test.
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelTab := chromedp.NewContext(actx)
		chromium.ctx = ctx
		chromium.stop = func() { cancelTab(); cancelAlloc(); os.RemoveAll(profile) }
		// The first Run starts the browser and binds it to ctx, so it
		// must be ctx itself, not one with a deadline.
		chromium.err = chromedp.Do(ctx)
	})
	if chromium.err != nil {
		t.Fatalf("starting chromium: %v", chromium.err)
	}
	return chromium.ctx
}

// builtHandbook is the real handbook, built once for the browser tests
// that only read it. They must not change its files.
var builtHandbook struct {
	once  sync.Once
	out   string            // the output folder; removed by TestMain
	files map[string][]byte // what was written there, by slash path
	err   error
}

// buildHandbook returns the folder holding the real handbook, built once
// for every test that reads it, and the files in it. The build is the
// same as buildSite's; TestHandbook and others build it afresh to check
// the build itself.
func buildHandbook(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	builtHandbook.once.Do(func() {
		dir, err := os.MkdirTemp("", "ppchandbook-handbook-")
		if err != nil {
			builtHandbook.err = err
			return
		}
		builtHandbook.out = filepath.Join(dir, "public")
		m := site.NewMemory()
		if _, err := site.Build(context.Background(), handbook, site.Options{Site: layout.Site{Title: siteTitle}}, m); err != nil {
			builtHandbook.err = err
			return
		}
		builtHandbook.files = m.Files()
		builtHandbook.err = output.Write(builtHandbook.out, builtHandbook.files)
	})
	if builtHandbook.err != nil {
		t.Fatalf("building the handbook: %v", builtHandbook.err)
	}
	return builtHandbook.out, builtHandbook.files
}

// buildSite builds src into a temporary output folder and returns the
// folder and the files written to it.
func buildSite(t *testing.T, src site.Sources) (string, map[string][]byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	m := site.NewMemory()
	if _, err := site.Build(t.Context(), src, site.Options{Site: layout.Site{Title: siteTitle}}, m); err != nil {
		t.Fatal(err)
	}
	if err := output.Write(out, m.Files()); err != nil {
		t.Fatal(err)
	}
	return out, m.Files()
}

// TestBrowserFileURL opens the built handbook straight from disk, as a
// trainee would from a shared drive, and follows a link to another page and
// then a link to a heading on a third page.
func TestBrowserFileURL(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	out, _ := buildHandbook(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, "index.html")),
		chromedp.WaitVisible("h1"),
		chromedp.Click(`.cards a[href="skills/index.html"]`),
		chromedp.WaitVisible(".kind-page h1"),
	)
	if err != nil {
		t.Fatal(err)
	}
	h1 := value(t, ctx, chromedp.Text("h1"))
	href := value(t, ctx, chromedp.Location())
	if h1 != "The core skills" || !strings.HasSuffix(href, "/skills/index.html") {
		t.Fatalf("after following the skills card: h1 %q at %s; want the skills section page", h1, href)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`.prose a[href*="glossary/index.html#"]`),
		chromedp.WaitVisible(".kind-glossary h1"),
	)
	if err != nil {
		t.Fatal(err)
	}
	hash := value(t, ctx, chromedp.Evaluate[string](`location.hash`))
	// Scrolling to the term may be animated: wait for it to arrive.
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		if (!el) return false;
		const r = el.getBoundingClientRect();
		return r.top >= 0 && r.top < innerHeight; })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if hash == "" || err != nil {
		t.Errorf("after following a glossary link: hash %q, %v; want the term scrolled into view", hash, err)
	}
}

// waitUntil polls js in the page until it is true. A poll does not survive
// the page navigating or reloading, which is often what is being waited
// for, so it polls again on the new page until the time is up.
func waitUntil(ctx context.Context, js string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil || time.Now().After(deadline) {
			return err
		}
	}
}

// value runs one browser action that returns a value, failing the test on error.
func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserLiveReload opens the preview in a real browser, edits the page
// on disk, then breaks and fixes its front matter, with ten tabs open.
func TestBrowserLiveReload(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nFirst text.\n",
	})
	waitFor := func(ctx context.Context, what, js string) {
		t.Helper()
		if err := waitUntil(ctx, js, 10*time.Second); err != nil {
			t.Fatalf("waiting for %s: %v\nserve printed:\n%s", what, err, l.log.String())
		}
	}
	tabs := []context.Context{ctx}
	for range 9 {
		tab, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		tabs = append(tabs, tab)
	}
	for _, tab := range tabs {
		if err := chromedp.Do(tab, chromedp.Navigate(l.http.URL+"/"), chromedp.WaitVisible("h1")); err != nil {
			t.Fatal(err)
		}
	}
	for _, tab := range tabs { // every tab's reload channel is connected
		waitFor(tab, "the reload channel", `!!document.querySelector('script[src*="__devserver"]') && document.readyState === "complete"`)
	}

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nSecond text.\n")
	for i, tab := range tabs {
		waitFor(tab, "the new text in tab "+strconv.Itoa(i+1), `document.body.innerText.includes("Second text.")`)
	}

	l.write(t, "content/index.md", "---\ntitel: Home\n---\nBroken.\n")
	waitFor(ctx, "the error overlay", `(() => { const o = document.getElementById("devserver-overlay");
		return !!o && o.innerText.includes('index.md:2:1: front matter: unknown key "titel"') &&
			o.innerText.includes("could not be rebuilt: 1 problem to fix"); })()`)
	l.write(t, "content/index.md", "---\ntitel: Home\n---\nBroken [x](nowhere.md).\n")
	waitFor(ctx, "the overlay counting two problems", `(() => { const o = document.getElementById("devserver-overlay");
		return !!o && o.innerText.includes('no page "nowhere.md"') &&
			o.innerText.includes("could not be rebuilt: 2 problems to fix"); })()`)

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nFixed.\n")
	waitFor(ctx, "the overlay to go and the fixed page", `!document.getElementById("devserver-overlay") && document.body.innerText.includes("Fixed.")`)
}

// settledResults is true once search shows results and no answer is
// still on its way.
const settledResults = `!document.getElementById("search-results").hasAttribute("aria-busy") &&
	document.querySelectorAll("#search-results [role=option]").length > 0`

// TestBrowserSearch uses search as a trainee would, from a copy on disk:
// "/" to focus, type, arrow down, Enter, and land on the heading.
func TestBrowserSearch(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	out, _ := buildHandbook(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, "skills", "communication", "index.html")),
		chromedp.WaitVisible("h1"),
		chromedp.KeyEvent("/"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if id := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); id != "search-input" {
		t.Fatalf(`after pressing "/", focus is on %q; want the search box`, id)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-input", "did not attend")); err != nil {
		t.Fatal(err)
	}
	// Each typed letter asks again; wait for the answer to the whole
	// query, or the arrow below lands on a list about to be replaced.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](settledResults,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no results for %q: %v", "did not attend", err)
	}
	first := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#search-results [role=option]").innerText`))
	if !strings.Contains(strings.ToLower(first), "did not attend") && !strings.Contains(first, "DNA") {
		t.Errorf("first result %q does not mention did not attend", first)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	active := value(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-input").getAttribute("aria-activedescendant") || ""`))
	if active == "" {
		t.Fatal("ArrowDown did not select a result (no aria-activedescendant)")
	}
	// A newer answer that still holds the chosen result keeps it chosen.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-input", " ")); err != nil {
		t.Fatal(err)
	}
	if err := waitUntil(ctx, settledResults, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if again := value(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-input").getAttribute("aria-activedescendant") || ""`)); again != active {
		t.Fatalf("after one more keystroke the chosen result is %q; want %q still", again, active)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if err := waitUntil(ctx, `location.hash.length > 1 && !!document.getElementById(decodeURIComponent(location.hash.slice(1)))`, 10*time.Second); err != nil {
		href, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("Enter did not open a result at a heading: at %s: %v", href, err)
	}
	heading := value(t, ctx, chromedp.Evaluate[string](`document.getElementById(decodeURIComponent(location.hash.slice(1))).innerText`))
	page := value(t, ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if !strings.Contains(strings.ToLower(page), "did not attend") {
		t.Errorf("landed on %q, a page that does not mention did not attend", heading)
	}
}

// TestBrowserSearchLargeSite searches a copy on disk of a site whose
// search text files fill several folders, for a word only its last page
// holds, so the answer comes from a text file past the first folder.
func TestBrowserSearchLargeSite(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	src := site.Sources{Content: filepath.Join(t.TempDir(), "content"), Layouts: handbook.Layouts}
	if err := corpus.Write(src.Content, 400, 1); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(src.Content, "zzz", "_index.md"), []byte("---\ntitle: Last section\nweight: 100000\n---\nThe end.\n"))
	writeFile(t, filepath.Join(src.Content, "zzz", "last.md"),
		[]byte("---\ntitle: Last page\n---\n## Rare fruit\n\nOnly this page names the quokkaberry.\n"))
	out, files := buildSite(t, src)
	if _, ok := files["search/t1/text-100.js"]; !ok {
		t.Fatal("the site has no search/t1/text-100.js; make the corpus larger so search needs several folders")
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, "index.html")),
		chromedp.WaitVisible("h1"),
		chromedp.SendKeys("#search-input", "quokkaberry"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := waitUntil(ctx, settledResults, 20*time.Second); err != nil {
		t.Fatalf("no results for quokkaberry: %v", err)
	}
	first := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#search-results .search-group").innerText`))
	if !strings.Contains(first, "Last page") {
		t.Errorf("first result %q; want the last page", first)
	}
	loaded := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.scripts, s => s.src).filter(n => n.includes("/search/"))`))
	if !slices.ContainsFunc(loaded, func(n string) bool { return !strings.Contains(n, "/search/t0/") && strings.Contains(n, "/text-") }) {
		t.Errorf("search loaded %v; want a text file from a folder after t0", loaded)
	}
}

// TestBrowserKeyboardSidebar opens the contents on a phone-sized screen
// with the keyboard alone and closes it with Escape.
func TestBrowserKeyboardSidebar(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	out, _ := buildHandbook(t)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 740),
		chromedp.Navigate("file://"+filepath.Join(out, "index.html")),
		chromedp.WaitVisible("h1"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if visible := value(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("sidebar")).display !== "none"`)); visible {
		t.Fatal("the contents are open on a small screen before the button is used")
	}
	// Tab from the top: skip link first, then the contents button.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if cls := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`)); cls != "nav-toggle" {
		t.Fatalf("second Tab reached %q; want the contents button", cls)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if !value(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("sidebar")).display !== "none" && document.querySelector(".nav-toggle").getAttribute("aria-expanded") === "true"`)) {
		t.Fatal("Enter on the contents button did not open the contents")
	}
	if !value(t, ctx, chromedp.Evaluate[bool](`document.getElementById("sidebar").contains(document.activeElement)`)) {
		t.Error("focus did not move into the contents when they opened")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if value(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("sidebar")).display !== "none"`)) {
		t.Error("Escape did not close the contents")
	}
	if cls := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`)); cls != "nav-toggle" {
		t.Errorf("after Escape focus is on %q; want the contents button", cls)
	}
}

// TestBrowserLargeSiteSidebar opens a page of a site too large for every
// page to hold the contents, from disk, and checks that its branch's
// shared script fills the sidebar before the page shows: links that work
// from the page's depth, the page itself marked, and a link that leads
// to a sibling marked in turn; and that axe-core finds nothing wrong with
// the page so made.
func TestBrowserLargeSiteSidebar(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	src := site.Sources{Content: filepath.Join(t.TempDir(), "content"), Layouts: handbook.Layouts}
	if err := corpus.Write(src.Content, 450, 1); err != nil {
		t.Fatal(err)
	}
	out, files := buildSite(t, src)
	var pages []string
	for name := range files {
		if strings.HasPrefix(name, "section-02/page-") {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	if len(pages) < 2 || !bytes.Contains(files[pages[0]], []byte(`assets/sidebar/section-02/sidebar.js`)) {
		t.Fatalf("section-02 has pages %v, the first without a sidebar script; the corpus should be over the full-sidebar limit", pages)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, filepath.FromSlash(pages[0]))),
		chromedp.WaitVisible("h1"),
	)
	if err != nil {
		t.Fatal(err)
	}
	current := `(document.querySelector('#sidebar a[aria-current="page"]') || {textContent: "(no page)"}).textContent`
	h1 := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("h1").textContent`))
	if got := value(t, ctx, chromedp.Evaluate[string](current)); got != h1 {
		t.Fatalf("the sidebar marks %q as this page; want %q", got, h1)
	}
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#sidebar a").length`)); n < 20 {
		t.Fatalf("the sidebar has %d links; want the top sections and this section's pages", n)
	}
	if hidden := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#sidebar noscript").length`)); hidden != 1 {
		t.Errorf("%d noscript elements in the sidebar; want the one fallback", hidden)
	}
	next := `document.querySelector('#sidebar a[aria-current="page"]').closest("li").nextElementSibling.querySelector("a")`
	want := value(t, ctx, chromedp.Evaluate[string](next+`.textContent`))
	value(t, ctx, chromedp.Evaluate[bool](next+`.click() === undefined`))
	if err := waitUntil(ctx, `document.querySelector("h1") && document.querySelector("h1").textContent === `+strconv.Quote(want), 10*time.Second); err != nil {
		t.Fatalf("following the sidebar link to %q: %v (at %s)", want, err, value(t, ctx, chromedp.Evaluate[string](`location.href`)))
	}
	if got := value(t, ctx, chromedp.Evaluate[string](current)); got != want {
		t.Errorf("after following the link the sidebar marks %q; want %q", got, want)
	}
	axe, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range runAxe(t, ctx, "file://"+filepath.Join(out, filepath.FromSlash(pages[0])), "light", string(axe)) {
		t.Errorf("%s: %s (%d elements)", v.ID, v.Help, len(v.Nodes))
	}
}

// TestBrowserServeFaults opens the preview of a site whose first build
// fails, fixes it, then deletes public/ and saves: the page must show the
// problems, then the site, then a note that the site was written again.
func TestBrowserServeFaults(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	l, first := serveLive(t, map[string]string{
		"content/index.md": "---\ntitel: Home\n---\nBroken.\n",
	})
	if first.Type != "error" {
		t.Fatalf("first message %+v; want an error", first)
	}
	waitFor := func(what, js string) {
		t.Helper()
		if err := waitUntil(ctx, js, 10*time.Second); err != nil {
			t.Fatalf("waiting for %s: %v\nserve printed:\n%s", what, err, l.log.String())
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(l.http.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor("the error overlay on a site never built", `(() => { const o = document.getElementById("devserver-overlay");
		return !!o && o.innerText.includes('unknown key "titel"') && o.innerText.includes("appears here by itself"); })()`)

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nFixed.\n")
	waitFor("the site once it builds", `!document.getElementById("devserver-overlay") && document.body.innerText.includes("Fixed.")`)

	if err := os.RemoveAll(filepath.Join(l.dir, "public")); err != nil {
		t.Fatal(err)
	}
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nSaved again.\n")
	waitFor("the new text with a note", `(() => { const o = document.getElementById("devserver-overlay");
		return document.body.innerText.includes("Saved again.") && !!o && o.getAttribute("data-kind") === "note" &&
			o.innerText.includes("deleted or replaced"); })()`)
}

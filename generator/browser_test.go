package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ppchandbook/generator/layout"
)

// needChromium returns the path of Debian's chromium. It skips the test
// when the browser is missing, except in CI, where a missing browser would
// silently hide failures and so is fatal.
func needChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get install chromium")
	}
	t.Skip("chromium is not installed (apt-get install chromium); skipping browser test")
	return ""
}

// newBrowser starts a headless Chromium for one test and returns a tab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := needChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		// The machine has no network: stop Chromium reaching for one.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// buildHandbook writes the real handbook to a temp folder and returns it.
func buildHandbook(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	s, err := render(handbook, layout.Site{Title: siteTitle}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(out, s.files); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBrowserFileURL opens the built handbook straight from disk, as a
// trainee would from a shared drive, and follows a link to another page and
// then a link to a heading on a third page.
func TestBrowserFileURL(t *testing.T) {
	ctx := newBrowser(t)
	out := buildHandbook(t)
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
	if h1 != "The eleven skills" || !strings.HasSuffix(href, "/skills/index.html") {
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
	ctx := newBrowser(t)
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nFirst text.\n",
	})
	waitFor := func(ctx context.Context, what, js string) {
		t.Helper()
		// A poll does not survive the page reloading, which is what is
		// being waited for: poll again on the new page until the deadline.
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline))))
			if err == nil {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: %v\nserve printed:\n%s", what, err, l.log.String())
			}
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
		return !!o && o.innerText.includes('index.md:2:1: front matter: unknown key "titel"'); })()`)

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nFixed.\n")
	waitFor(ctx, "the overlay to go and the fixed page", `!document.getElementById("devserver-overlay") && document.body.innerText.includes("Fixed.")`)
}

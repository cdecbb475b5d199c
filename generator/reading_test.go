package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ppchandbook/generator/layout"
	"ppchandbook/generator/site"
)

// TestBrowserReading reads the built handbook from disk as trainees do: on 320
// and 375 pixel phones, a 1366 by 768 NHS desktop and a 1440 pixel wide
// screen. One browser and one site serve every subtest.
func TestBrowserReading(t *testing.T) {
	t.Parallel()                           // mostly Chromium's time: tests share the two cores
	ctx := newBrowserFor(t, 3*time.Minute) // a minute at most on a busy machine
	out, files := buildHandbook(t)
	pages, err := filepathGlobHTML(out)
	if err != nil {
		t.Fatal(err)
	}
	// Pages are opened from disk, as from a shared drive, but where a
	// subtest needs localStorage to carry to the next page: in Chromium a
	// file:// page opened after another could find it empty, about one
	// run in 40 under load, though the page before had read back what it
	// wrote.
	root := "file://" + out
	served := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(served.Close)
	open := func(t *testing.T, page string, width, height int64, opts ...chromedp.EmulateViewportOption) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(width, height, opts...),
			chromedp.Navigate(root+"/"+page),
			chromedp.WaitReady("body"),
		)
		if err == nil { // the body is there before the scripts at its end have run
			err = waitUntil(ctx, `document.readyState === "complete"`, 10*time.Second)
		}
		if err != nil {
			t.Fatalf("opening %s at %dx%d: %v", page, width, height, err)
		}
	}
	is := func(t *testing.T, js string) bool {
		t.Helper()
		return value(t, ctx, chromedp.Evaluate[bool](js))
	}
	num := func(t *testing.T, js string) float64 {
		t.Helper()
		return value(t, ctx, chromedp.Evaluate[float64](js))
	}
	// scrollTo scrolls the window without animation and waits for the
	// header's script to see it: that script handles the scroll event in
	// the next animation frame, so the frame after that has seen it. A
	// scroll that does not move fires no event, and needs no wait.
	scrollTo := func(t *testing.T, y int) {
		t.Helper()
		value(t, ctx, chromedp.Evaluate[bool](fmt.Sprintf(`new Promise(done => {
			const before = scrollY, seen = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
			addEventListener("scroll", seen, {once: true});
			scrollTo({top: %d, behavior: "instant"});
			if (scrollY === before) removeEventListener("scroll", seen), done(true);
		})`, y), chromedp.EvalAwaitPromise))
	}
	const inView = `(el => { const r = el.getBoundingClientRect();
		return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= document.documentElement.clientWidth; })`

	t.Run("no page is wider than a phone", func(t *testing.T) {
		// Every page at once, each in a frame of the phone's width, is
		// much quicker than opening each page in turn. Frames of the same
		// origin can be measured, so the site is served over HTTP here.
		srv := httptest.NewServer(http.FileServer(http.Dir(out)))
		defer srv.Close()
		// The whole-handbook page, the largest by far, is measured in its
		// own subtest, which opens it anyway.
		list, _ := json.Marshal(slices.DeleteFunc(slices.Clone(pages), func(p string) bool { return p == "whole-handbook/index.html" }))
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(srv.URL+"/404.html"), chromedp.WaitReady("body"))
		if err != nil {
			t.Fatal(err)
		}
		loaded := `document.body.innerHTML = "";
			Promise.all(` + string(list) + `.map(p => new Promise(ok => {
				const f = document.createElement("iframe");
				f.name = p; f.width = 320; f.height = 640; f.onload = ok; f.src = "/" + p;
				document.body.append(f); }))).then(() => true)`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](loaded, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{320, 375} {
			wide := value(t, ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll("iframe"), f => {
				f.width = %d;
				const d = f.contentDocument.documentElement;
				const alone = Array.from(f.contentDocument.querySelectorAll(".anchor")).find(a =>
					a.getBoundingClientRect().left - a.parentNode.getBoundingClientRect().left < 2);
				if (alone) return f.name + ": the # of " + JSON.stringify(alone.parentNode.textContent) + " starts a line";
				if (d.scrollWidth <= %[1]d) return "";
				const e = Array.from(f.contentDocument.querySelectorAll("body *")).find(e => e.getBoundingClientRect().right > %[1]d + 1);
				return f.name + " is " + d.scrollWidth + " px wide (" + (e ? e.tagName + "." + e.className : "") + ")";
			}).filter(Boolean)`, width)))
			for _, w := range wide {
				t.Errorf("at %d px, %s", width, w)
			}
		}
	})

	t.Run("phone header is one short bar that comes back on scrolling up", func(t *testing.T) {
		for _, width := range []int64{320, 375} {
			open(t, "rules/rtt/index.html", width, 667)
			h := num(t, `document.querySelector(".site-header").getBoundingClientRect().height`)
			t.Logf("header at %d px: %g px tall", width, h)
			if h > 64 {
				t.Errorf("the header is %g px tall at %d px; want at most 64", h, width)
			}
			if !is(t, inView+`(document.querySelector(".nav-toggle")) && `+inView+`(document.querySelector(".search-toggle"))`) {
				t.Errorf("at %d px the contents and search buttons are not both in the header", width)
			}
			scrollTo(t, 2000)
			if err := waitUntil(ctx, `document.querySelector(".site-header").getBoundingClientRect().bottom <= 0`, 2*time.Second); err != nil {
				t.Errorf("at %d px, scrolled down, the header still covers the top of the page: %v", width, err)
			}
			scrollTo(t, 1900)
			if err := waitUntil(ctx, `document.querySelector(".site-header").getBoundingClientRect().top === 0`, 2*time.Second); err != nil {
				t.Errorf("at %d px, scrolling up did not bring the header back: %v", width, err)
			}
		}
	})

	t.Run("phone contents drawer", func(t *testing.T) {
		open(t, "scenarios/ptl-validation/index.html", 375, 667)
		if err := chromedp.Do(ctx, chromedp.Click(".nav-toggle")); err != nil {
			t.Fatal(err)
		}
		if !is(t, inView+`(document.querySelector('#sidebar [aria-current="page"]'))`) {
			t.Error("the drawer opened without the current page in view")
		}
		if !is(t, `document.getElementById("sidebar").getBoundingClientRect().top === 0 && document.documentElement.scrollTop === 0`) {
			t.Error("the drawer is not over the page at the top of the window, or the page moved")
		}
		for range 40 { // more than the drawer's links and buttons
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			if !is(t, `document.getElementById("sidebar").contains(document.activeElement)`) {
				t.Fatal("Tab left the open drawer")
			}
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		if !is(t, `getComputedStyle(document.getElementById("sidebar")).display === "none" && document.activeElement.className === "nav-toggle"`) {
			t.Error("Escape did not close the drawer and return to its button")
		}
	})

	t.Run("phone search opens over the page", func(t *testing.T) {
		open(t, "index.html", 320, 640)
		scrollTo(t, 1500)
		scrollTo(t, 1400)
		if err := waitUntil(ctx, `document.querySelector(".site-header").getBoundingClientRect().top === 0`, 2*time.Second); err != nil {
			t.Fatalf("scrolling up did not bring the header back: %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(".search-toggle")); err != nil {
			t.Fatal(err)
		}
		if !is(t, `document.activeElement.id === "search-input" && (r => r.top === 0 && r.height === innerHeight)(document.querySelector(".search").getBoundingClientRect())`) {
			t.Error("the search button did not open search over the whole screen with the box focused: ",
				value(t, ctx, chromedp.Evaluate[string](`document.activeElement.id + " " + JSON.stringify(document.querySelector(".search").getBoundingClientRect())`)))
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		if !is(t, `getComputedStyle(document.querySelector(".search")).display === "none"`) {
			t.Error("Escape did not close search")
		}
	})

	t.Run("desktop header and search stay after scrolling", func(t *testing.T) {
		for _, size := range [][2]int64{{1366, 768}, {1440, 900}} {
			open(t, "rules/rtt/index.html", size[0], size[1])
			scrollTo(t, 3000)
			if !is(t, `document.documentElement.scrollTop > 2000 && `+inView+`(document.getElementById("search-input"))`) {
				t.Errorf("at %dx%d, scrolled 3000 px down, the search box is out of view", size[0], size[1])
			}
			if h := num(t, `document.querySelector(".site-header").getBoundingClientRect().height`); h > 64 {
				t.Errorf("at %dx%d the header is %g px tall; want one row", size[0], size[1], h)
			}
		}
	})

	t.Run("theme is a choice of system, light or dark", func(t *testing.T) {
		choose := func(t *testing.T, theme string) {
			t.Helper()
			is(t, `(s => (s.value = "`+theme+`", s.dispatchEvent(new Event("change", {bubbles: true}))))(document.getElementById("theme-choice"))`)
		}
		root = served.URL
		defer func() { root = "file://" + out }()
		open(t, "index.html", 1366, 768)
		if got := value(t, ctx, chromedp.Evaluate[string](`document.getElementById("theme-choice").labels[0].textContent + ": " +
			Array.from(document.getElementById("theme-choice").options, o => o.text).join(", ")`)); got != "Theme: System, Light, Dark" {
			t.Errorf("the theme control reads %q; want Theme: System, Light, Dark", got)
		}
		choose(t, "dark")
		open(t, "rules/index.html", 1366, 768)
		if !is(t, `document.documentElement.dataset.theme === "dark" && document.getElementById("theme-choice").value === "dark"`) {
			t.Error("the dark theme was not kept on the next page", value(t, ctx, chromedp.Evaluate[string](`JSON.stringify([localStorage.getItem("ppc-theme"), document.documentElement.dataset.theme || "", location.href])`)))
		}
		choose(t, "")
		if !is(t, `!document.documentElement.hasAttribute("data-theme") && localStorage.getItem("ppc-theme") === null`) {
			t.Error("choosing System did not go back to following the system")
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		open(t, "skills/communication/index.html", 375, 667)
		if !is(t, `document.getElementById("main").getBoundingClientRect().top < document.getElementById("sidebar").getBoundingClientRect().top`) {
			t.Error("on a phone without JavaScript the contents come before the page")
		}
		for _, sel := range []string{".search", ".search-toggle", ".nav-toggle", ".header-tools", ".page-progress"} {
			if is(t, `(e => e.getClientRects().length > 0)(document.querySelector("`+sel+`"))`) {
				t.Errorf("without JavaScript %s shows", sel)
			}
		}
		if !is(t, inView+`(document.querySelector('.nojs-find a[href="#sidebar"]')) && !!document.querySelector('.nojs-find a[href*="glossary"]')`) {
			t.Error("without JavaScript the header does not point to the contents and the glossary")
		}
	})

	t.Run("current sidebar entry is in view", func(t *testing.T) {
		open(t, "scenarios/reasonable-adjustments/index.html", 1366, 768)
		if !is(t, inView+`(document.querySelector('#sidebar [aria-current="page"]'))`) {
			t.Error("the current page's entry in the contents is out of view on load")
		}
		if n := num(t, `document.querySelectorAll("#sidebar a").length - Array.from(document.querySelectorAll("#sidebar a")).filter(a => a.offsetWidth).length`); n == 0 {
			t.Error("every section of the contents is unfolded; want only the reader's")
		}
		if !is(t, `document.querySelector('#sidebar [aria-current="page"]').focus(),
			getComputedStyle(document.activeElement).backgroundColor !== getComputedStyle(document.querySelector(".site-header")).backgroundColor`) {
			t.Error("focus on the current page's entry looks the same as no focus")
		}
	})

	t.Run("on this page is beside the text and follows the reader", func(t *testing.T) {
		for _, size := range [][2]int64{{1366, 768}, {1440, 900}} {
			open(t, "scenarios/suspected-cancer-fds/index.html", size[0], size[1])
			if !is(t, `document.querySelector(".toc").getBoundingClientRect().left >= document.querySelector(".prose").getBoundingClientRect().right`) {
				t.Errorf("at %d px the on-page contents are not beside the text", size[0])
			}
			scrollTo(t, 4000)
			if !is(t, inView+`(document.querySelector(".toc-title"))`) {
				t.Errorf("at %d px the on-page contents scrolled away", size[0])
			}
			first := value(t, ctx, chromedp.Evaluate[string](`(document.querySelector(".toc [aria-current]") || {textContent: ""}).textContent`))
			scrollTo(t, 7000)
			second := value(t, ctx, chromedp.Evaluate[string](`(document.querySelector(".toc [aria-current]") || {textContent: ""}).textContent`))
			if first == "" || first == second {
				t.Errorf("at %d px the section marked as being read went from %q to %q on scrolling", size[0], first, second)
			}
		}
		open(t, "scenarios/suspected-cancer-fds/index.html", 375, 667)
		if !is(t, `!document.querySelector(".toc details").open && document.querySelector(".toc").getBoundingClientRect().height < 80`) {
			t.Error("on a phone the on-page contents are not a folded expander")
		}
	})

	t.Run("glossary definitions stay on screen and close on a tap elsewhere", func(t *testing.T) {
		for _, width := range []int64{320, 375} {
			open(t, "scenarios/suspected-cancer-fds/index.html", width, 667, chromedp.EmulateTouch, chromedp.EmulateMobile)
			terms := int(num(t, `document.querySelectorAll(".prose .term").length`))
			if terms == 0 {
				t.Fatal("the page has no glossary terms")
			}
			for i := range min(terms, 3) {
				// Bring the term near the bottom of the screen, where its
				// definition must open above it.
				pos := value(t, ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
					const el = document.querySelectorAll(".prose .term")[%d];
					window.scrollBy({top: el.getBoundingClientRect().top - innerHeight + 60, behavior: "instant"});
					const r = el.getClientRects()[0];
					return [r.left + 4, r.top + r.height / 2]; })()`, i)))
				if err := tap(ctx, pos[0], pos[1]); err != nil {
					t.Fatal(err)
				}
				tip := fmt.Sprintf(`document.querySelectorAll(".prose .term")[%d].nextElementSibling`, i)
				if !is(t, inView+`(`+tip+`) && getComputedStyle(`+tip+`).visibility === "visible"`) {
					r := value(t, ctx, chromedp.Evaluate[string](`JSON.stringify(`+tip+`.getBoundingClientRect())`))
					t.Errorf("at %d px, term %d's definition is not shown inside the window: %s", width, i, r)
				}
				if err := tap(ctx, 4, 300); err != nil { // the page's margin
					t.Fatal(err)
				}
				if !is(t, `getComputedStyle(`+tip+`).visibility === "hidden"`) {
					t.Errorf("at %d px, a tap elsewhere left term %d's definition open", width, i)
				}
			}
		}
	})

	t.Run("the whole handbook has every timeline and every answer", func(t *testing.T) {
		whole := string(files["whole-handbook/index.html"])
		var figures, answers int
		for name, b := range files {
			if name == "whole-handbook/index.html" || !strings.HasSuffix(name, ".html") {
				continue
			}
			figures += bytes.Count(b, []byte(`<figure class="timeline"`))
			for _, m := range quizRight.FindAllSubmatch(b, -1) {
				answers++
				if !strings.Contains(whole, string(m[0])) {
					t.Errorf("the whole handbook lacks %s's answer %q", name, m[1])
				}
			}
		}
		if got := strings.Count(whole, `<figure class="timeline"`); figures == 0 || got != figures {
			t.Errorf("the whole handbook has %d timelines; the scenario pages have %d", got, figures)
		}
		if answers == 0 {
			t.Error("no quiz answers found in the pages")
		}
		open(t, "whole-handbook/index.html", 1366, 768)
		if err := media(ctx, "print"); err != nil {
			t.Fatal(err)
		}
		defer media(ctx, "")
		printed := `(sel => Array.from(document.querySelectorAll(sel)).every(e => e.getBoundingClientRect().height > 0))`
		for _, sel := range []string{".print-toc", ".quiz-right", ".quiz-explanation", ".timeline-svg", ".timeline table"} {
			if !is(t, printed+`(`+strconv.Quote(sel)+`)`) {
				t.Errorf("printed, the whole handbook hides %s", sel)
			}
		}
		if !is(t, `(a => getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))(document.querySelector('.sources a[href^="http"]'))`) {
			t.Error("printed, web addresses are not shown beside their links")
		}
		if !is(t, `getComputedStyle(document.querySelector(".print-page")).breakBefore === "page"`) {
			t.Error("printed, pages do not start on a new sheet")
		}
		if err := media(ctx, ""); err != nil {
			t.Fatal(err)
		}
		if !is(t, inView+`(document.querySelector(".print-button"))`) {
			t.Error("the whole-handbook page has no Print button in view")
		}
		for _, width := range []int64{320, 375} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 667)); err != nil {
				t.Fatal(err)
			}
			if w := num(t, `document.documentElement.scrollWidth`); w > float64(width) {
				t.Errorf("at %d px the whole-handbook page is %g px wide", width, w)
			}
		}
	})

	t.Run("editing the handbook is outside the reading order", func(t *testing.T) {
		editing := `href="editing/index.html"`
		home := string(files["index.html"])
		cards := home[strings.Index(home, `<ul class="cards">`):]
		cards = cards[:strings.Index(cards, "</ul>")]
		if strings.Contains(cards, editing) {
			t.Error("the home page has a card for Editing this handbook")
		}
		for name, b := range files {
			if pager := bytes.Index(b, []byte(`class="pager"`)); pager >= 0 && bytes.Contains(b[pager:], []byte(`editing/index.html" rel=`)) {
				t.Errorf("%s leads on to Editing this handbook", name)
			}
		}
		if foot := home[strings.Index(home, `<footer`):]; !strings.Contains(foot, editing) {
			t.Error("the footer does not link to Editing this handbook")
		}
	})

	t.Run("axe finds nothing with the drawer open", func(t *testing.T) {
		axe, err := os.ReadFile(axeScript)
		if err != nil {
			t.Fatal(err)
		}
		// TestBrowserAccessibility checks every page in the light theme and a
		// sample in the dark one, with the contents closed.
		for _, theme := range []string{"dark"} {
			open(t, "skills/communication/index.html", 375, 667)
			set := fmt.Sprintf(`document.documentElement.setAttribute("data-theme", %q), true`, theme)
			value(t, ctx, chromedp.Evaluate[bool](set))
			if err := chromedp.Do(ctx, chromedp.Click(".nav-toggle")); err != nil {
				t.Fatal(err)
			}
			for _, v := range mustAxeHere(t, ctx, string(axe)) {
				t.Errorf("%s theme, drawer open: %s: %s (%d elements)", theme, v.ID, v.Help, len(v.Nodes))
			}
		}
	})
}

// quizRight finds each quiz's right answer in a page.
var quizRight = regexp.MustCompile(`<p class="quiz-right"><strong>Right answers?:</strong> ([^<]*)</p>`)

// tap touches the screen at x, y and lifts, as a finger does.
func tap(ctx context.Context, x, y float64) error {
	start := input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}}
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, start); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
	return err
}

// media emulates a CSS media type: "print", or "" for the screen.
func media(ctx context.Context, m string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
	return err
}

// TestNotFoundUnderSubPath builds the handbook for a sub-path and checks
// that the 404 page, which a server sends at any depth, links there.
func TestNotFoundUnderSubPath(t *testing.T) {
	m := site.NewMemory()
	if _, err := site.Build(t.Context(), handbook, site.Options{Site: layout.Site{Title: siteTitle, BaseURL: "https://example.nhs.uk/ppc/"}}, m); err != nil {
		t.Fatal(err)
	}
	page := string(m.Files()["404.html"])
	for _, want := range []string{`href="/ppc/assets/style.css"`, `src="/ppc/assets/handbook.js"`, `href="/ppc/index.html"`, `href="/ppc/glossary/index.html"`} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if bad := regexp.MustCompile(`(?:href|src)="/(?:[^p]|p[^p])[^"]*"`).FindString(page); bad != "" {
		t.Errorf("404.html links outside /ppc/: %s", bad)
	}
}

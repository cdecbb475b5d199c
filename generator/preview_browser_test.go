package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// handbookLayouts returns the handbook's own layouts as files for
// startLive, so a live test runs the page scripts an educator has.
func handbookLayouts(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(handbook.Layouts, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(handbook.Layouts, p)
		files[filepath.Join("layouts", rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// swapPage is a long page with a knowledge check, written with the
// given title, marker sentence and paragraphs after it, and with code when
// code is true (which gives the page one more style sheet).
func swapPage(title, marker string, added []string, code bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + title + "\n---\n")
	for i := range 40 {
		b.WriteString("Filler paragraph number " + strings.Repeat("x", i%7) + " to make the page long.\n\n")
	}
	b.WriteString(marker + "\n\n")
	for _, p := range added {
		b.WriteString(p + "\n\n")
	}
	b.WriteString("```quiz\n? Which clock stops?\n- [ ] None\n- [x] The RTT clock\n> It stops at first treatment.\n```\n\n")
	if code {
		b.WriteString("```go\nfunc main() {}\n```\n\n")
	}
	for range 20 {
		b.WriteString("More filler to scroll past.\n\n")
	}
	return b.String()
}

// TestBrowserSwapInPlace edits the open page in the preview and expects
// the new text swapped in without a reload, keeping the scroll position,
// focus and typed text in the search box, an open <details> and a chosen
// answer; then it gives the page a new style sheet and expects a reload,
// and deletes it and expects to be told.
func TestBrowserSwapInPlace(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	ctx := newBrowser(t)
	files := handbookLayouts(t)
	files["content/index.md"] = "---\ntitle: Home\n---\nHome page.\n"
	files["content/guide.md"] = swapPage("Guide", "Marker one.", nil, false)
	l := startLive(t, files)
	waitFor := func(what, js string) {
		t.Helper()
		if err := waitUntil(ctx, js, 10*time.Second); err != nil {
			t.Fatalf("waiting for %s: %v\nserve printed:\n%s", what, err, l.log.String())
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(l.http.URL+"/guide/"), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	waitFor("the reload channel", `document.querySelector("script[data-connected]") !== null && !!document.querySelector(".quiz-check")`)
	// The reader's state: a mark that a reload would lose, an open answer,
	// a chosen option, words in the search box with focus, and a scroll
	// position.
	setUp := `(() => {
		window.sameDocument = true;
		document.querySelector("details.quiz-answer").open = true;
		document.querySelector("section.quiz input[data-right]").checked = true;
		const box = document.getElementById("search-input");
		box.value = "pathway";
		box.focus({preventScroll: true});
		window.scrollTo({top: 700, behavior: "instant"});
		return window.scrollY; })()`
	if y := value(t, ctx, chromedp.Evaluate[float64](setUp)); y != 700 {
		t.Fatalf("scrolled to %v; want 700 (is the page long enough?)", y)
	}

	// The title is in <title>, the heading and the sidebar, changed one
	// for one; the marker paragraph becomes three.
	l.write(t, "content/guide.md", swapPage("Guide renamed", "Marker two.", []string{"Added one.", "Added two."}, false))
	waitFor("the new text", `document.body.innerText.includes("Marker two.")`)
	state := value(t, ctx, chromedp.Evaluate[map[string]any](`({
		reloaded: window.sameDocument !== true,
		title: document.title,
		h1: document.querySelector("h1").textContent,
		sidebar: document.getElementById("sidebar").innerText.includes("Guide renamed"),
		scrollY: window.scrollY,
		focus: document.activeElement.id,
		search: document.getElementById("search-input").value,
		open: document.querySelector("details.quiz-answer").open,
		checked: document.querySelector("section.quiz input[data-right]").checked,
		quizButton: !!document.querySelector(".quiz-check"),
		oldText: document.body.innerText.includes("Marker one."),
		added: (t => { // in order, once each, before the quiz
			const at = ["Marker two.", "Added one.", "Added two.", "Which clock stops?"].map(s => t.indexOf(s));
			return at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])) && t.split("Added").length === 3;
		})(document.querySelector(".prose").textContent),
	})`))
	want := map[string]any{
		"reloaded": false, "title": "Guide renamed – " + siteTitle, "h1": "Guide renamed", "sidebar": true,
		"scrollY": 700.0, "focus": "search-input", "search": "pathway", "open": true, "checked": true,
		"quizButton": true, "oldText": false, "added": true,
	}
	for k, w := range want {
		if state[k] != w {
			t.Errorf("after the edit, %s = %v; want %v", k, state[k], w)
		}
	}

	l.write(t, "content/guide.md", swapPage("Guide renamed", "Marker three.", nil, true))
	waitFor("the page with code", `document.body.innerText.includes("Marker three.") && !!document.querySelector('link[href$="chroma.css"]')`)
	if !value(t, ctx, chromedp.Evaluate[bool](`window.sameDocument !== true`)) {
		t.Error("the page was swapped in place after a style sheet was added; want a reload")
	}

	if err := os.Remove(filepath.Join(l.dir, "content", "guide.md")); err != nil {
		t.Fatal(err)
	}
	waitFor("word that the page is gone", `(() => { const o = document.getElementById("devserver-overlay");
		return !!o && o.getAttribute("data-kind") === "deleted"; })()`)
}

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"ppchandbook/generator/site"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserTrainee tries search, knowledge checks and progress as a
// trainee would, in real Chromium, on the handbook opened from disk. One
// browser serves every subtest, each in a tab of its own, side by side.
func TestBrowserTrainee(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	browser := sharedBrowser(t)
	out, _ := buildHandbook(t)
	file := func(page string) string { return "file://" + filepath.Join(out, filepath.FromSlash(page)) }
	axe, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatal(err)
	}
	// tab opens page in a new tab with storage of its own, so that one
	// subtest's progress is not another's.
	tab := func(t *testing.T, page string) context.Context {
		t.Helper()
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		ctx, cancelTime := context.WithTimeout(ctx, time.Minute)
		t.Cleanup(func() { cancelTime(); cancel() })
		if err := chromedp.Do(ctx, chromedp.Navigate(file(page)), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		scriptsRun(t, ctx)
		return ctx
	}
	// search types query into the box and waits for its final answer.
	search := func(t *testing.T, ctx context.Context, query string) {
		t.Helper()
		value(t, ctx, chromedp.Evaluate[bool](`(document.getElementById("search-input").value = "", true)`))
		err := chromedp.Do(ctx,
			chromedp.Focus("#search-input"),
			chromedp.SendKeys("#search-input", query))
		if err != nil {
			t.Fatal(err)
		}
		if err := waitUntil(ctx, settledResults+` && document.getElementById("search-input").value === `+jsString(query), 10*time.Second); err != nil {
			t.Fatalf("no results for %q: %v", query, err)
		}
	}

	t.Run("ctrl-click on a result opens it in a new tab", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "index.html")
		search(t, ctx, "clock stop")
		href := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#search-results a[role=option]").href`))
		if !strings.Contains(href, "/index.html?h=clock+stop") {
			t.Errorf("first result links to %s; want a page, with the words to mark", href)
		}
		before := len(targets(t, ctx))
		nodes := value(t, ctx, chromedp.Nodes(`#search-results a[role=option]`))
		if err := chromedp.Do(ctx, chromedp.MouseClickNode(nodes[0], chromedp.ButtonModifiers(chromedp.ModifierCtrl))); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			ts := targets(t, ctx)
			if len(ts) > before && slices.ContainsFunc(ts, func(u string) bool { return u == href }) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after ctrl-click, the tabs are %q; want a new one at %s", ts, href)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if at := value(t, ctx, chromedp.Location()); !strings.HasSuffix(at, "/index.html") {
			t.Errorf("after ctrl-click this tab went to %s; want it to stay", at)
		}
	})

	t.Run("results grouped by page, and more on request", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "index.html")
		search(t, ctx, "clock stop")
		var groups []struct {
			Title   string `json:"title"`
			Options int    `json:"options"`
		}
		read := `Array.from(document.querySelectorAll("#search-results [role=group]"), g => ({
			title: document.getElementById(g.getAttribute("aria-labelledby")).textContent,
			options: g.querySelectorAll("[role=option]").length}))`
		groups = value(t, ctx, chromedp.Evaluate[[]struct {
			Title   string `json:"title"`
			Options int    `json:"options"`
		}](read))
		var titles []string
		several := false
		for _, g := range groups {
			titles = append(titles, g.Title)
			several = several || g.Options > 1
		}
		sorted := slices.Clone(titles)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(titles) || !several {
			t.Errorf("groups %v; want each page once, at least one with several sections", groups)
		}
		if len(groups) != 8 {
			t.Fatalf("%d pages shown for clock stop; want the first 8", len(groups))
		}
		// "Show more" is the last option: ArrowUp from the box reaches it.
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
			t.Fatal(err)
		}
		if id := value(t, ctx, chromedp.Evaluate[string](`document.getElementById("search-input").getAttribute("aria-activedescendant")`)); id != "search-more" {
			t.Fatalf("ArrowUp chose %q; want the Show more option", id)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if err := waitUntil(ctx, `document.querySelectorAll("#search-results [role=group]").length > 8`, 10*time.Second); err != nil {
			t.Fatalf("Show more did not show more pages: %v", err)
		}
		state := value(t, ctx, chromedp.Evaluate[[]string](`[document.activeElement.id,
			document.getElementById(document.getElementById("search-input").getAttribute("aria-activedescendant")).closest("[role=group]").getAttribute("aria-labelledby")]`))
		if state[0] != "search-input" || state[1] != "search-group-8" {
			t.Errorf("after Show more: focus on %q, chosen result in %q; want the box, and the first new page", state[0], state[1])
		}
		for _, v := range mustAxeHere(t, ctx, string(axe)) {
			t.Errorf("results open: %s: %s (%d elements)", v.ID, v.Help, len(v.Nodes))
		}
	})

	t.Run("every page's first snippet is clean", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "index.html")
		// Each page found by its title, through the search.js the box uses,
		// and its first result's snippet as the box shows it.
		snippets := value(t, ctx, chromedp.Evaluate[map[string]string](`(async () => {
			document.getElementById("search-input").focus();
			while (!(window.__ppcSearch && window.__ppcSearch.engine)) await new Promise(r => setTimeout(r, 20));
			const engine = window.__ppcSearch.engine, out = {};
			for (const a of document.querySelectorAll(".sidebar a[data-page]")) {
				const file = new URL(a.href).pathname;
				const answer = await engine.search(a.textContent.replace(/\s+/g, " ").trim() + " ", 200);
				const g = answer && answer.groups.find(g => file.endsWith("/" + g.results[0].file));
				out[a.getAttribute("data-page")] = g ? g.results[0].text : "(not found)";
			}
			return out;
		})()`, chromedp.EvalAwaitPromise))
		if len(snippets) < 40 {
			t.Fatalf("%d pages searched; want every page in the contents", len(snippets))
		}
		bad := []*regexp.Regexp{
			regexp.MustCompile(`\s[.,;:!?)]`),       // a space before punctuation
			regexp.MustCompile(`\(\s`),              // or after a bracket
			regexp.MustCompile(`\p{L} s\b`),         // an apostrophe lost: "patient s"
			regexp.MustCompile(`\p{Ll}[.!?]\p{Lu}`), // two blocks run together: "was.Situation"
		}
		for page, text := range snippets {
			if text == "(not found)" {
				t.Errorf("%s: not found by its own title", page)
				continue
			}
			for _, re := range bad {
				if loc := re.FindStringIndex(text); loc != nil {
					t.Errorf("%s: first snippet has %q: …%s…", page, text[loc[0]:loc[1]], text[max(0, loc[0]-30):min(len(text), loc[1]+30)])
				}
			}
		}
	})

	t.Run("typos and synonyms find their word", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "index.html")
		for _, tt := range []struct{ query, want string }{
			{"refferal", "referral"},
			{"pateint", "patient"},
			{"recieved", "receiv"},
			{"ERS", "e-RS"},
		} {
			search(t, ctx, tt.query)
			first := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#search-results [role=group]").innerText`))
			marks := value(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#search-results mark"), m => m.textContent).join(" ")`))
			if !strings.Contains(strings.ToLower(first), strings.ToLower(tt.want)) || marks == "" {
				t.Errorf("search(%q): first page %q, marked %q; want it to show %q", tt.query, first, marks, tt.want)
			}
		}
	})

	t.Run("the page opened marks the words and shows the section", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "index.html")
		search(t, ctx, "nullify")
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if err := waitUntil(ctx, `document.querySelectorAll("mark.search-hit").length > 0`, 10*time.Second); err != nil {
			t.Fatalf("no words marked on the page opened (%s): %v", value(t, ctx, chromedp.Location()), err)
		}
		mark := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("mark.search-hit").textContent`))
		if !strings.HasPrefix(strings.ToLower(mark), "nullif") {
			t.Errorf("marked %q; want nullify's words", mark)
		}
		// Scrolling may be animated: wait for the section to arrive.
		inView := `(() => {
			const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : document.querySelector("mark.search-hit");
			const r = target.getBoundingClientRect();
			return r.top >= 0 && r.top < innerHeight; })()`
		if err := waitUntil(ctx, inView, 5*time.Second); err != nil {
			t.Errorf("the section opened (%s) is not in view: %v", value(t, ctx, chromedp.Location()), err)
		}
	})

	t.Run("each question is checked on its own", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "skills/communication/index.html")
		if err := waitUntil(ctx, `document.querySelectorAll(".quiz-check-one").length > 1`, 10*time.Second); err != nil {
			t.Fatalf("no per-question check buttons: %v", err)
		}
		// Answer the first question rightly and check it.
		state := value(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const qs = document.querySelectorAll("section.quiz")[0].querySelectorAll("fieldset.quiz-question");
			qs[0].querySelectorAll("input").forEach(i => { i.checked = i.hasAttribute("data-right"); });
			qs[0].querySelector(".quiz-check-one").click();
			const first = qs[0].querySelector(".quiz-feedback").textContent + "|" + qs[0].querySelector("details").open;
			// The second, unanswered, checked alone and then with all.
			qs[1].querySelector(".quiz-check-one").click();
			const alone = qs[1].querySelector(".quiz-feedback").textContent + "|" + qs[1].querySelector("details").open +
				"|" + qs[1].querySelectorAll(".quiz-mark").length;
			document.querySelector(".quiz-check").click();
			const all = qs[1].querySelector(".quiz-feedback").textContent + "|" + qs[1].querySelector("details").open;
			return [first, alone, all, document.querySelector(".quiz-score").textContent];
		})()`))
		if state[0] != "Correct.|true" {
			t.Errorf("first question answered and checked: %q; want Correct and its answer open", state[0])
		}
		for _, s := range state[1:3] {
			if !strings.HasPrefix(s, "Not answered yet") || !strings.HasSuffix(strings.TrimSuffix(s, "|0"), "|false") {
				t.Errorf("unanswered question checked: %q; want it told so, its answer still hidden and no options marked", s)
			}
		}
		if !strings.Contains(state[3], "not answered yet") {
			t.Errorf("score after Check all with questions open: %q; want it to say some are not answered", state[3])
		}
		// Now answer every question: the score is kept as the best.
		score := value(t, ctx, chromedp.Evaluate[string](`(() => {
			const quiz = document.querySelectorAll("section.quiz")[0];
			quiz.querySelectorAll("input").forEach(i => { i.checked = i.hasAttribute("data-right"); });
			quiz.querySelector(".quiz-check").click();
			return JSON.stringify(JSON.parse(localStorage.getItem("ppc-handbook-progress")).quizzes);
		})()`))
		if !strings.Contains(score, `"skills/communication.md#1":{"best":`) {
			t.Fatalf("quizzes kept %s; want the communication page's first check", score)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(file("progress/index.html")), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		scriptsRun(t, ctx)
		row := value(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-progress-page="skills/communication.md"] .progress-quizzes').textContent`))
		if !regexp.MustCompile(`^(\d+) of (\d+)`).MatchString(row) || strings.HasPrefix(row, "0 of") {
			t.Errorf("progress page: communication's knowledge check %q; want its best score", row)
		}
	})

	t.Run("ticks survive a reordered list", func(t *testing.T) {
		t.Parallel()
		src := site.Sources{Content: filepath.Join(t.TempDir(), "content"), Layouts: handbook.Layouts}
		page := func(items ...string) []byte {
			var b strings.Builder
			b.WriteString("---\ntitle: Checks\n---\n## Can you\n\n")
			for _, it := range items {
				b.WriteString("- [ ] " + it + "\n")
			}
			return []byte(b.String())
		}
		writeFile(t, filepath.Join(src.Content, "index.md"), []byte("---\ntitle: Home\n---\nHello.\n"))
		writeFile(t, filepath.Join(src.Content, "checks.md"), page("Explain the RTT clock", "Book a first appointment", "Find a patient on the PTL"))
		// Each build is published in turn at one web address, as a trust's
		// intranet would publish a new edition. Not file:// pages: in
		// Chromium a file:// page opened after another could find
		// localStorage empty, about one run in 40 at load 4-15, even
		// though the page before had read back what it wrote (a tick, a
		// theme); over http the same steps lost nothing in 150 runs.
		var published atomic.Pointer[string]
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			http.FileServer(http.Dir(*published.Load())).ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		first, _ := buildSite(t, src)
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		ctx, cancelTime := context.WithTimeout(ctx, time.Minute)
		t.Cleanup(func() { cancelTime(); cancel() })
		open := func(out string) []string {
			t.Helper()
			published.Store(&out)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/checks/index.html"), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			scriptsRun(t, ctx)
			return value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".prose li"), li => li.querySelector("input").checked + " " + li.textContent.trim())`))
		}
		open(first)
		value(t, ctx, chromedp.Evaluate[bool](`document.querySelectorAll(".prose li input")[1].click(), true`))
		// The editor moves the ticked item last, edits another a little and
		// deletes none.
		writeFile(t, filepath.Join(src.Content, "checks.md"), page("Find a patient on the PTL", "Explain the RTT clock rules", "Book a first appointment"))
		second, _ := buildSite(t, src)
		got := open(second)
		want := []string{"false Find a patient on the PTL", "false Explain the RTT clock rules", "true Book a first appointment"}
		if !slices.Equal(got, want) {
			t.Errorf("after the list was reordered: %q; want %q", got, want)
		}
		// Ticked, the edited item keeps its tick through a small edit; a
		// tick whose item is gone is dropped.
		value(t, ctx, chromedp.Evaluate[bool](`document.querySelectorAll(".prose li input")[1].click(), true`))
		writeFile(t, filepath.Join(src.Content, "checks.md"), page("Explain the RTT clock rule", "Find a patient on the PTL"))
		third, _ := buildSite(t, src)
		got = open(third)
		want = []string{"true Explain the RTT clock rule", "false Find a patient on the PTL"}
		kept := value(t, ctx, chromedp.Evaluate[int](`Object.keys(JSON.parse(localStorage.getItem("ppc-handbook-progress")).checks["checks.md"]).length`))
		if !slices.Equal(got, want) || kept != 1 {
			t.Errorf("after an edit and a deletion: %q, %d ticks kept; want %q, 1", got, kept, want)
		}
	})

	t.Run("import merges, shows the changes and asks first", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "progress/index.html")
		mine := `{"version":2,"read":{"skills/communication.md":"2026-12-01","index.md":"2026-11-01"},"checks":{},"quizzes":{"skills/communication.md#1":{"best":3,"of":4,"at":"2026-12-01"}}}`
		value(t, ctx, chromedp.Evaluate[bool](`localStorage.setItem("ppc-handbook-progress", `+jsString(mine)+`), true`))
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		scriptsRun(t, ctx)
		// An older file: one page more, the home page read later, a worse score.
		older, _ := json.Marshal(map[string]any{"version": 1,
			"read":   map[string]string{"skills/teamwork.md": "2026-10-01", "index.md": "2026-11-20"},
			"checks": map[string][]int{"skills/teamwork.md": {0}}})
		name := filepath.Join(t.TempDir(), "older.json")
		if err := os.WriteFile(name, older, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#progress-import", []string{name})); err != nil {
			t.Fatal(err)
		}
		if err := waitUntil(ctx, `!document.querySelector(".progress-review").hidden`, 10*time.Second); err != nil {
			t.Fatalf("no review of the changes before importing: %v", err)
		}
		changes := value(t, ctx, chromedp.Evaluate[string](`document.querySelector(".progress-review-list").innerText`))
		stored := value(t, ctx, chromedp.Evaluate[string](`localStorage.getItem("ppc-handbook-progress")`))
		if !strings.Contains(changes, "Teamwork") || strings.Contains(changes, "ommunication") || stored != mine {
			t.Errorf("review lists %q (progress now %s); want the teamwork page's read and tick only, nothing changed yet", changes, stored)
		}
		for _, v := range mustAxeHere(t, ctx, string(axe)) {
			t.Errorf("import review open: %s: %s (%d elements)", v.ID, v.Help, len(v.Nodes))
		}
		if err := chromedp.Do(ctx, chromedp.Click(".progress-review-yes")); err != nil {
			t.Fatal(err)
		}
		var p struct {
			Read    map[string]string          `json:"read"`
			Checks  map[string]json.RawMessage `json:"checks"`
			Quizzes map[string]struct{ Best int }
		}
		if err := json.Unmarshal([]byte(value(t, ctx, chromedp.Evaluate[string](`localStorage.getItem("ppc-handbook-progress")`))), &p); err != nil {
			t.Fatal(err)
		}
		if p.Read["skills/communication.md"] != "2026-12-01" || p.Read["skills/teamwork.md"] != "2026-10-01" ||
			p.Read["index.md"] != "2026-11-20" || p.Quizzes["skills/communication.md#1"].Best != 3 || p.Checks["skills/teamwork.md"] == nil {
			t.Errorf("after import: %+v; want both files' pages, the newer date, the better score and the tick", p)
		}
		// Cancel changes nothing.
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#progress-import", []string{writeProgress(t, `{"version":2,"read":{"rules/rtt.md":"2026-12-02"}}`)})); err != nil {
			t.Fatal(err)
		}
		if err := waitUntil(ctx, `!document.querySelector(".progress-review").hidden`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		before := value(t, ctx, chromedp.Evaluate[string](`localStorage.getItem("ppc-handbook-progress")`))
		if err := chromedp.Do(ctx, chromedp.Click(".progress-review-no")); err != nil {
			t.Fatal(err)
		}
		if after := value(t, ctx, chromedp.Evaluate[string](`localStorage.getItem("ppc-handbook-progress")`)); after != before {
			t.Errorf("Cancel changed the progress to %s", after)
		}
	})

	t.Run("the progress page prints as a dated summary", func(t *testing.T) {
		t.Parallel()
		ctx := tab(t, "progress/index.html")
		p := `{"version":2,"read":{"skills/teamwork.md":"2026-12-01"},"checks":{"skills/teamwork.md":{"AbCdEf":{"text":"x","at":"2026-12-01"}}},"quizzes":{"skills/teamwork.md#1":{"best":4,"of":5,"at":"2026-12-01"}}}`
		value(t, ctx, chromedp.Evaluate[bool](`localStorage.setItem("ppc-handbook-progress", `+jsString(p)+`), true`))
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		scriptsRun(t, ctx)
		if err := media(ctx, "print"); err != nil {
			t.Fatal(err)
		}
		got := value(t, ctx, chromedp.Evaluate[[]string](`[
			document.querySelector(".progress-dated").innerText,
			String(document.querySelector(".progress-tools").offsetHeight),
			document.querySelector('[data-progress-page="skills/teamwork.md"]').innerText]`))
		year := time.Now().Format("2006")
		if !strings.Contains(got[0], "Progress summary on ") || !strings.Contains(got[0], year) || !strings.Contains(got[0], "1 of ") {
			t.Errorf("printed summary line %q; want today's date and the pages read", got[0])
		}
		if got[1] != "0" {
			t.Errorf("the export and import buttons print (%s px high); want them left out", got[1])
		}
		if !strings.Contains(got[2], "Read 2026-12-01") || !strings.Contains(got[2], "4 of 5") {
			t.Errorf("printed row %q; want the day read, the ticks and the best score", got[2])
		}
	})

	t.Run("focus is visible on every control", func(t *testing.T) {
		t.Parallel()
		for _, page := range []string{"progress/index.html", "skills/communication/index.html"} {
			ctx := tab(t, page)
			if err := waitUntil(ctx, `!document.querySelector(".progress-tools, .quiz-actions") || !!document.querySelector(".quiz-actions, .progress-tools:not([hidden])")`, 10*time.Second); err != nil {
				t.Fatal(err)
			}
			// Tab through the page's own controls, from the start of the
			// main text (the header and contents are the same on every
			// page, and TestAccessibility's), noting each that shows no
			// outline (or, for the hidden file input, none on its label).
			value(t, ctx, chromedp.Evaluate[bool](`(() => { const m = document.querySelector("main"); m.tabIndex = -1; m.focus(); return true; })()`))
			var missing []string
			seen := map[string]bool{}
			for range 400 {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				got := value(t, ctx, chromedp.Evaluate[[]string](`(() => {
					const el = document.activeElement;
					if (!el || el === document.body || el.__tabbed) return ["", "end"];
					el.__tabbed = true;
					const shows = e => { const s = getComputedStyle(e); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== "none"; };
					// A control hidden to the eye (the file input) must show
					// its focus on its label instead.
					const r = el.getBoundingClientRect(), hidden = r.width < 4 || r.height < 4;
					const ok = !hidden && shows(el) || Array.from(el.labels || []).some(shows);
					const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "") + " " + (el.textContent || el.value || "").trim().slice(0, 30);
					return [name, String(ok)];
				})()`))
				if got[1] == "end" {
					break
				}
				seen[got[0]] = true
				if got[1] != "true" {
					missing = append(missing, got[0])
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s: no visible focus on %q", page, missing)
			}
			if page == "progress/index.html" && !seen["input#progress-import.progress-import "] {
				t.Errorf("%s: Tab never reached the import control; reached %d controls", page, len(seen))
			}
		}
	})
}

// scriptsRun waits until the page open in ctx has run its scripts:
// WaitReady("body") returns once the body is there, which can be before
// the scripts at its end have filled in the reader's progress and ticks.
func scriptsRun(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := waitUntil(ctx, `document.readyState === "complete"`, 10*time.Second); err != nil {
		t.Fatalf("waiting for the page's scripts to run: %v", err)
	}
}

// targets lists the URLs of the pages in ctx's browser context: other
// tests' tabs share the browser but not the context.
func targets(t *testing.T, ctx context.Context) []string {
	t.Helper()
	ts, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range ts {
		if x.Type == "page" && x.BrowserContextID == chromedp.FromContext(ctx).BrowserContextID {
			out = append(out, x.URL)
		}
	}
	return out
}

// writeProgress writes a progress file to import and returns its name.
func writeProgress(t *testing.T, s string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "progress.json")
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"ppchandbook/generator/internal/headless"
)

// harness is a page with nothing but the search box, as layouts/partials
// writes it, for timing search.js over an index on disk.
const harness = `<!doctype html><html lang="en" data-root=""><head><meta charset="utf-8"><title>Search timing</title></head><body>
<form class="search" role="search"><input id="search-input" aria-controls="search-results">
<div class="search-panel" hidden><div id="search-results" role="listbox"></div><p class="search-message" hidden></p></div>
<p class="search-status" role="status"></p></form>
<script src="search.js"></script></body></html>`

// BenchmarkBrowserQuery times search.js in headless Chromium answering
// queries warm (each asked once before, so its files are loaded, as when
// a reader types on), on the handbook and on a 10,000-page site. It
// reports the mean and the slowest query's time in the page (performance.now,
// without the DevTools round trip): the budget is 50 ms a query.
//
//	go test ./generator/search -run - -bench BrowserQuery -benchtime 5x
func BenchmarkBrowserQuery(b *testing.B) {
	exe := chromium(b)
	script, err := os.ReadFile("../../layouts/assets/search.js")
	if err != nil {
		b.Fatal(err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(b.Context(), headless.Options(exe, b.TempDir())...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	for _, site := range []struct {
		name    string
		files   func() map[string][]byte
		queries []string
	}{
		{"handbook", func() map[string][]byte { return buildDir(b, "../../content") }, []string{"clock stop", "DNA", "did not attend", "nullify",
			"cancer 62", "caldicott", "refferal", "pateint", "recieved", "ERS", "patient tracking list", "re", "pa", "referral to treatment"}},
		{"10000 pages", func() map[string][]byte { tree, docs := synthetic(10_000); return Build(tree, docs, nil).Files() },
			[]string{"wement", "wement ingfojeer", "fo", "tiontument riw", "ba", "cefo", "kilomu"}},
	} {
		b.Run(site.name, func(b *testing.B) {
			dir := b.TempDir()
			files := site.files()
			files["index.html"] = []byte(harness)
			files["search.js"] = script
			for name, data := range files {
				path := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			queries := jsonList(site.queries)
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "index.html"))); err != nil {
				b.Fatal(err)
			}
			// Cold: each query loads its files.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async (qs) => {
				for (const q of qs) await window.__ppcSearch.engine.search(q);
				return true; })(`+queries+`)`, chromedp.EvalAwaitPromise)); err != nil {
				b.Fatal(err)
			}
			var sum, slowest float64
			n := 0
			for b.Loop() {
				times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async (qs) => {
					const out = [];
					for (const q of qs) {
						const start = performance.now();
						await window.__ppcSearch.engine.search(q);
						out.push(performance.now() - start);
					}
					return out; })(`+queries+`)`, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				for _, t := range times {
					sum += t
					slowest = max(slowest, t)
					n++
				}
			}
			b.ReportMetric(sum/float64(n), "ms/query")
			b.ReportMetric(slowest, "slowest-ms")
		})
	}
}

// jsonList is qs as a JavaScript array.
func jsonList(qs []string) string {
	b, err := json.Marshal(qs)
	if err != nil {
		panic(err) // strings only
	}
	return string(b)
}

// chromium finds Debian's chromium, as the generator's browser tests do:
// skipped when it is missing, except in CI.
func chromium(t testing.TB) string {
	t.Helper()
	if p := headless.Find(); p != "" {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get install chromium")
	}
	t.Skip("chromium is not installed (apt-get install chromium)")
	return ""
}

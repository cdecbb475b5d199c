package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"ppchandbook/generator/internal/headless"
)

// browser is a headless Chromium that opens the edited page, to time a
// save until its new text is visible there: what the educator sees.
type browser struct {
	ctx    context.Context // the browser's; each measurement opens a tab in it
	cancel context.CancelFunc
}

// startBrowser starts Debian's chromium, or returns nil when there is none.
func startBrowser(ctx context.Context, tmp string) (*browser, error) {
	exe := headless.Find()
	if exe == "" {
		return nil, nil
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, headless.Options(exe, filepath.Join(tmp, "chromium"),
		// A hidden tab's timers and frames would be slowed; the measured
		// tab must run as a tab in front does.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	)...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("starting chromium: %v", err)
	}
	return &browser{ctx: bctx, cancel: func() { cancelBrowser(); cancelAlloc() }}, nil
}

// watchEdits runs in every document the tab opens, from its first moment:
// when the text "Edit number N." appears in the page, by parsing or by a
// change to the page, it notes the time of the next frame, just before it
// is painted, in window.editSeen[N], in the browser's clock in ms.
const watchEdits = `(() => {
	window.editSeen = {};
	const re = /Edit number (\d+)\./g;
	function look(text) {
		if (!text) return;
		for (const m of text.matchAll(re)) {
			const n = m[1];
			if (n in window.editSeen) continue;
			window.editSeen[n] = 0;
			requestAnimationFrame(() => { window.editSeen[n] = performance.timeOrigin + performance.now(); });
		}
	}
	new MutationObserver(records => {
		for (const r of records) {
			if (r.type === "characterData") look(r.target.data);
			for (const n of r.addedNodes) look(n.textContent);
		}
	}).observe(document, {subtree: true, childList: true, characterData: true});
})()`

// tab is the edited page open in the browser.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// open opens url in a new tab that watches for edits, and waits until
// ready (JavaScript) is true there: the page's live-reload channel is up.
func (b *browser) open(url, ready string) (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchEdits})
			return err
		}),
		chromedp.Navigate(url),
	)
	t := &tab{ctx: ctx, cancel: cancel}
	if err == nil {
		err = t.wait(ready)
	}
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening %s: %v", url, err)
	}
	return t, nil
}

// wait waits until ready (JavaScript) is true in the tab, asking again
// when a reload destroys the page being asked.
func (t *tab) wait(ready string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithDeadline(t.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingInterval(5*time.Millisecond)))
		cancel()
		if err == nil || time.Now().After(deadline) || t.ctx.Err() != nil {
			return err
		}
	}
}

// clock returns how far the page's clock is ahead of this process's, from
// the midpoint of a round trip (well under a millisecond here).
func (t *tab) clock() (time.Duration, error) {
	before := time.Now()
	ms, err := chromedp.Run(t.ctx, chromedp.Evaluate[float64](`performance.timeOrigin + performance.now()`))
	if err != nil {
		return 0, err
	}
	after := time.Now()
	mid := before.Add(after.Sub(before) / 2)
	return time.Duration(ms*float64(time.Millisecond)) - time.Duration(mid.UnixNano()), nil
}

// seen waits until edit n is visible in the tab, for at most limit, and
// returns when it became so in this process's clock, given the page's
// clock offset. A reload destroys the page being asked, so failed
// questions are asked again.
func (t *tab) seen(n int, offset time.Duration, limit time.Duration) (time.Time, error) {
	deadline := time.Now().Add(limit)
	js := fmt.Sprintf(`(window.editSeen && window.editSeen[%q]) || 0`, fmt.Sprint(n))
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(t.ctx, time.Second)
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
		cancel()
		if err == nil && ms > 0 {
			return time.Unix(0, int64(ms*float64(time.Millisecond))-int64(offset)), nil
		}
		if t.ctx.Err() != nil {
			return time.Time{}, t.ctx.Err()
		}
		time.Sleep(3 * time.Millisecond) // the time is noted in the page; polling only fetches it
	}
	return time.Time{}, errNotShown
}

var errNotShown = errors.New("not shown")

// pageURL is the address both tools serve the Markdown file page of the
// content folder content at: content/a/b.md at /a/b/.
func pageURL(addr, content, page string) string {
	rel, err := filepath.Rel(content, page)
	if err != nil {
		return "http://" + addr + "/"
	}
	return "http://" + addr + "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
}

package check

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// Ref is a web address written in the handbook, and where it is written.
type Ref struct {
	URL  string // as written
	File string
	Line int
	Col  int // 0 for an address in front matter
}

// Refs lists the http and https addresses pages link to in their text and
// cite in sources:, in page order.
func Refs(pages []*content.Page, docs map[*content.Page]*markdown.Doc) []Ref {
	var out []Ref
	for _, p := range pages {
		for i, s := range p.Meta.Sources {
			if isWeb(s.URL) {
				out = append(out, Ref{s.URL, p.File, p.Meta.Lines["sources."+strconv.Itoa(i)+".url"], 0})
			}
		}
		if doc := docs[p]; doc != nil {
			for _, l := range doc.Links {
				if isWeb(l.Dest) {
					out = append(out, Ref{l.Dest, p.File, l.Line, l.Col})
				}
			}
		}
	}
	return out
}

func isWeb(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Web checks that web addresses still answer. A build never does this:
// it needs the network, it is slow, and a site that is down for an hour
// must not stop the handbook being published.
type Web struct {
	Client   *http.Client  // makes the requests; nil means http.DefaultClient
	Cache    string        // JSON file of answers kept between runs; "" keeps none
	Timeout  time.Duration // for each request; 0 means 5 seconds
	Parallel int           // requests at once; 0 means 8
}

// cacheFor is how long an answer is trusted.
const cacheFor = 24 * time.Hour

// answer is what one address gave.
type answer struct {
	Status  int       `json:"status"`          // HTTP status, 0 if there was none
	Err     string    `json:"error,omitempty"` // why there was no status
	Timeout bool      `json:"-"`
	Checked time.Time `json:"checked"`
}

// Check asks each distinct address in refs once, HEAD first and GET if
// HEAD fails (some servers refuse HEAD), reusing answers from the cache
// that are less than a day old. It returns a warning at every place a
// failing address is written, and saves the answers that had a status;
// addresses that could not be reached are asked again next time.
func (w *Web) Check(ctx context.Context, refs []Ref, now time.Time) error {
	cached := loadCache(w.Cache)
	for u, a := range cached {
		if now.Sub(a.Checked) >= cacheFor || a.Checked.After(now) {
			delete(cached, u) // stale, or from a clock that was wrong
		}
	}
	answers := map[string]answer{}
	var todo []string
	for _, r := range refs {
		u := target(r.URL)
		if _, seen := answers[u]; seen {
			continue
		}
		a, ok := cached[u]
		answers[u] = a
		if !ok {
			todo = append(todo, u)
		}
	}
	asked := w.askAll(ctx, todo)
	for u, a := range asked {
		a.Checked = now
		answers[u] = a
		if a.Status > 0 {
			cached[u] = a
		}
	}
	var errs []error
	offline := isOffline(asked)
	if offline {
		errs = append(errs, warnf(refs[0].File, 0, 0, "connect this computer to the internet, or try again later, then run check -external again",
			"none of the %d web addresses asked about could be reached (the first said: %s), so this computer seems to be offline: they were not checked", len(asked), asked[todo[0]].Err))
	}
	for _, r := range refs {
		if _, fresh := asked[target(r.URL)]; offline && fresh {
			continue // said once above, not at each of hundreds of links
		}
		if err := w.report(r, answers[target(r.URL)]); err != nil {
			errs = append(errs, err)
		}
	}
	if len(todo) > 0 {
		if err := saveCache(w.Cache, cached); err != nil {
			errs = append(errs, content.Warnf(w.Cache, 0, 0, "the link check results could not be saved, so the next check asks every site again: %v", err))
		}
	}
	return errors.Join(errs...)
}

// offlineAfter is how many addresses must all go unanswered before the
// check calls the computer offline: one or two dead sites are just that.
const offlineAfter = 3

// isOffline reports whether no address asked about gave any answer at
// all, which means no network rather than hundreds of dead sites.
func isOffline(asked map[string]answer) bool {
	if len(asked) < offlineAfter {
		return false
	}
	for _, a := range asked {
		if a.Status > 0 {
			return false
		}
	}
	return true
}

// askAll asks after every address in urls, Parallel at a time.
func (w *Web) askAll(ctx context.Context, urls []string) map[string]answer {
	out := make(map[string]answer, len(urls))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan string)
	for range cmp.Or(w.Parallel, 8) {
		wg.Go(func() {
			for u := range next {
				a := w.ask(ctx, u)
				mu.Lock()
				out[u] = a
				mu.Unlock()
			}
		})
	}
	for _, u := range urls {
		next <- u
	}
	close(next)
	wg.Wait()
	return out
}

// target is the address to ask for: the part after "#" never reaches the
// server, so links to two places on one page are asked about once.
func target(u string) string {
	u, _, _ = strings.Cut(strings.TrimSpace(u), "#")
	return u
}

// ask requests u with HEAD, then with GET if HEAD gave no success. A HEAD
// that timed out is not tried again: a GET would most likely wait as long.
func (w *Web) ask(ctx context.Context, u string) answer {
	a := w.request(ctx, http.MethodHead, u)
	if a.Timeout || a.Status > 0 && a.Status < 400 {
		return a
	}
	return w.request(ctx, http.MethodGet, u)
}

func (w *Web) request(ctx context.Context, method, u string) answer {
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(w.Timeout, 5*time.Second))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return answer{Err: "it is not a valid web address"}
	}
	req.Header.Set("User-Agent", "Mozilla/5.0 (compatible; ppc-handbook link check)")
	client := w.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return answer{Timeout: true, Err: "timeout"}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return answer{Err: err.Error()}
	}
	resp.Body.Close() // the status is all that is needed
	return answer{Status: resp.StatusCode}
}

// report turns a failed answer into a warning at r, with advice that
// depends on how it failed.
func (w *Web) report(r Ref, a answer) error {
	warn := func(hint, format string, args ...any) error {
		return warnf(r.File, r.Line, r.Col, hint, "web address %q "+format, append([]any{r.URL}, args...)...)
	}
	switch {
	case a.Timeout:
		return warn("open it in a browser; if the site has gone for good, cite another source",
			"did not answer within %s", cmp.Or(w.Timeout, 5*time.Second))
	case a.Status == 0:
		return warn("check the address for typing mistakes and open it in a browser",
			"could not be reached: %s", a.Err)
	case a.Status < 400:
		return nil
	case a.Status == http.StatusNotFound || a.Status == http.StatusGone:
		return warn("find where the page has moved and use its new address, or link to an archived copy on web.archive.org",
			"answered %d %s: the page is not there any more", a.Status, http.StatusText(a.Status))
	case a.Status == http.StatusUnauthorized || a.Status == http.StatusForbidden || a.Status == http.StatusTooManyRequests:
		return warn("open it in a browser: some sites turn away checkers, and if it works there, the link is fine",
			"answered %d %s", a.Status, http.StatusText(a.Status))
	}
	return warn("open it in a browser; if it still fails in a few days, cite another source",
		"answered %d %s", a.Status, http.StatusText(a.Status))
}

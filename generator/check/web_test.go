package check

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// site is a local web server whose paths answer with the status in their
// name ("/404"), except "/slow", which never answers, and "/no-head",
// which refuses HEAD. It counts the requests for each path.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	count map[string]int
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{count: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.count[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		switch r.URL.Path {
		case "/slow":
			<-r.Context().Done() // until the checker gives up
		case "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/403":
			w.WriteHeader(http.StatusForbidden)
		case "/404":
			w.WriteHeader(http.StatusNotFound)
		case "/500":
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requests(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[key]
}

func (s *site) ref(path string, line int) Ref {
	return Ref{URL: s.URL + path, File: "content/a.md", Line: line, Col: 3}
}

// now is when the tests pretend to run.
func now() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }

func TestWebCheck(t *testing.T) {
	s := newSite(t)
	w := &Web{Client: s.Client(), Timeout: 100 * time.Millisecond}
	refs := []Ref{
		s.ref("/200", 1),
		s.ref("/404", 2),
		s.ref("/403", 3),
		s.ref("/500", 4),
		s.ref("/slow", 5),
		s.ref("/no-head", 6),
		s.ref("/404#section", 7), // the same page: asked about once
	}
	got := Findings(w.Check(t.Context(), refs, now()))
	want := []string{
		`content/a.md:2:3: warning: web address "` + s.URL + `/404" answered 404 Not Found: the page is not there any more`,
		`content/a.md:3:3: warning: web address "` + s.URL + `/403" answered 403 Forbidden`,
		`content/a.md:4:3: warning: web address "` + s.URL + `/500" answered 500 Internal Server Error`,
		`content/a.md:5:3: warning: web address "` + s.URL + `/slow" did not answer within 100ms`,
		`content/a.md:7:3: warning: web address "` + s.URL + `/404#section" answered 404 Not Found: the page is not there any more`,
	}
	if len(got) != len(want) {
		t.Fatalf("Check(%d refs) gave %d findings; want %d:\n%v", len(refs), len(got), len(want), got)
	}
	for i := range want {
		if got[i].String() != want[i] || got[i].Hint == "" {
			t.Errorf("finding %d = %s (fix: %s); want %s, with a fix", i, got[i], got[i].Hint, want[i])
		}
	}
	for key, n := range map[string]int{
		"HEAD /200": 1, "GET /200": 0, // a good HEAD is enough
		"HEAD /404": 1, "GET /404": 1, // a HEAD that fails is tried again with GET
		"HEAD /no-head": 1, "GET /no-head": 1,
		"HEAD /slow": 1, "GET /slow": 0, // a timeout is not tried again
	} {
		if got := s.requests(key); got != n {
			t.Errorf("%s was requested %d times; want %d", key, got, n)
		}
	}
}

func TestWebCache(t *testing.T) {
	s := newSite(t)
	cache := filepath.Join(t.TempDir(), "ppc-handbook", "links.json")
	w := &Web{Client: s.Client(), Cache: cache, Timeout: 100 * time.Millisecond}
	refs := []Ref{s.ref("/200", 1), s.ref("/404", 2), s.ref("/slow", 3)}
	check := func(at time.Time) []Finding {
		t.Helper()
		return Findings(w.Check(t.Context(), refs, at))
	}
	first := check(now())
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("Check did not write its cache: %v", err)
	}
	second := check(now().Add(23 * time.Hour))
	if n := s.requests("HEAD /200") + s.requests("HEAD /404"); n != 2 {
		t.Errorf("addresses checked 23 hours ago were asked again: %d HEAD requests in all; want 2", n)
	}
	if n := s.requests("HEAD /slow"); n != 2 {
		t.Errorf("HEAD /slow asked %d times; want 2: an address that never answered is not cached", n)
	}
	if len(first) != 2 || len(second) != 2 {
		t.Errorf("Check gave %v, then from the cache %v; want the 404 and the timeout both times", first, second)
	}
	check(now().Add(25 * time.Hour))
	if n := s.requests("HEAD /200"); n != 2 {
		t.Errorf("HEAD /200 asked %d times after the cache expired; want 2", n)
	}
}

func TestWebCacheUnreadable(t *testing.T) {
	s := newSite(t)
	cache := filepath.Join(t.TempDir(), "links.json")
	if err := os.WriteFile(cache, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &Web{Client: s.Client(), Cache: cache}
	if err := w.Check(t.Context(), []Ref{s.ref("/200", 1)}, now()); err != nil {
		t.Errorf("Check with a damaged cache = %v; want nil (the cache is only a time saver)", err)
	}
	if b, _ := os.ReadFile(cache); !strings.Contains(string(b), s.URL+"/200") {
		t.Errorf("Check did not replace the damaged cache; it holds %q", b)
	}
}

// TestWebParallel checks that requests run Parallel at once and no more:
// the first Parallel requests wait for each other before any answers.
func TestWebParallel(t *testing.T) {
	const parallel = 3
	var mu sync.Mutex
	var release sync.Once
	inFlight, most := 0, 0
	all := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		if inFlight == parallel {
			release.Do(func() { close(all) })
		}
		mu.Unlock()
		select {
		case <-all:
		case <-r.Context().Done(): // too few ran at once: the checker timed out
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()
	var refs []Ref
	for i := range 10 {
		refs = append(refs, Ref{URL: srv.URL + "/" + string(rune('a'+i)), File: "content/a.md", Line: i + 1})
	}
	w := &Web{Client: srv.Client(), Parallel: parallel, Timeout: 5 * time.Second}
	if err := w.Check(t.Context(), refs, now()); err != nil {
		t.Fatal(err)
	}
	if most != parallel {
		t.Errorf("at most %d requests ran at once; want %d", most, parallel)
	}
}

func TestRefs(t *testing.T) {
	p := &content.Page{File: "content/a.md", Meta: content.Meta{
		Sources: []content.Source{{Title: "Rules", URL: "https://example.org/rules"}, {Title: "A book"}},
		Lines:   map[string]int{"sources.0.url": 4},
	}}
	doc := &markdown.Doc{Links: []markdown.Link{
		{Dest: "http://example.org/x", Line: 9, Col: 2},
		{Dest: "b.md", Line: 10, Col: 1},
		{Dest: "mailto:team@example.org", Line: 11, Col: 1},
		{Dest: "//example.org/no-scheme", Line: 12, Col: 1},
	}}
	got := Refs([]*content.Page{p}, map[*content.Page]*markdown.Doc{p: doc})
	want := []Ref{
		{"https://example.org/rules", "content/a.md", 4, 0},
		{"http://example.org/x", "content/a.md", 9, 2},
	}
	if len(got) != len(want) {
		t.Fatalf("Refs = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Refs()[%d] = %v; want %v", i, got[i], want[i])
		}
	}
}

// offlineTransport is a computer with no network: every request fails.
type offlineTransport struct{}

func (offlineTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("dial tcp: lookup www.gov.uk: no such host")
}

// TestWebOffline: with no network, check -external says so once, not at
// every link; a single dead address is still reported where it is.
func TestWebOffline(t *testing.T) {
	w := &Web{Client: &http.Client{Transport: offlineTransport{}}}
	var refs []Ref
	for i, u := range []string{"https://www.gov.uk/a", "https://www.gov.uk/b", "https://www.england.nhs.uk/c", "https://www.gov.uk/a#x"} {
		refs = append(refs, Ref{URL: u, File: "content/a.md", Line: i + 1, Col: 3})
	}
	got := Findings(w.Check(t.Context(), refs, now()))
	want := `content/a.md: warning: none of the 3 web addresses asked about could be reached (the first said: dial tcp: lookup www.gov.uk: no such host), so this computer seems to be offline: they were not checked`
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("Check offline gave %v; want only\n%s", got, want)
	}
	one := Findings(w.Check(t.Context(), refs[:1], now()))
	if len(one) != 1 || !strings.Contains(one[0].String(), `content/a.md:1:3: warning: web address "https://www.gov.uk/a" could not be reached`) {
		t.Errorf("Check of one unreachable address gave %v; want it reported at its line", one)
	}
}

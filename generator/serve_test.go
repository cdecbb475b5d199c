package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ppchandbook/generator/site"
	"ppchandbook/generator/watch"
)

// liveSite is a small site being served and watched for one test.
type liveSite struct {
	dir  string
	srv  *server
	http *httptest.Server
	conn *websocket.Conn
	log  syncBuffer
}

// startLive builds a site from files, serves it, watches its sources and
// connects to the reload channel as a browser page would. Each setup, if
// any, is given the server before the first build.
func startLive(t *testing.T, files map[string]string, setup ...func(*server)) *liveSite {
	t.Helper()
	l, first := serveLive(t, files, setup...)
	if first.Type != "ok" {
		t.Fatalf("first message %+v; want ok", first)
	}
	return l
}

// serveLive is startLive for a first build that may fail: it returns the
// first message on the reload channel.
func serveLive(t *testing.T, files map[string]string, setup ...func(*server)) (*liveSite, liveMessage) {
	t.Helper()
	l := &liveSite{dir: t.TempDir()}
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(l.dir, name), []byte(text))
	}
	for name, text := range files {
		writeFile(t, filepath.Join(l.dir, name), []byte(text))
	}
	src := site.Sources{Content: filepath.Join(l.dir, "content"), Layouts: filepath.Join(l.dir, "layouts")}
	s := newServer(src, filepath.Join(l.dir, "public"), &l.log, &l.log)
	l.srv = s
	for _, f := range setup {
		f(s)
	}
	s.rebuild(t.Context(), nil)
	l.http = httptest.NewServer(s.dev)
	t.Cleanup(l.http.Close)
	t.Cleanup(s.dev.Close)

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	ready := make(chan struct{})
	go func() {
		defer close(done)
		o := watch.Options{Ready: func() { close(ready) }}
		o.Run(ctx, []string{src.Content, src.Layouts}, quiet, func(c watch.Change) { s.start(ctx, c.Paths) })
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		if s.running != nil {
			<-s.running.done // before the folder is removed
		}
	})
	select {
	case <-ready: // edits from here on are seen
	case <-done:
		t.Fatal("the watcher stopped before it started watching")
	}

	wsURL := "ws" + strings.TrimPrefix(l.http.URL, "http") + "/__devserver/events"
	conn, _, err := websocket.Dial(t.Context(), wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	l.conn = conn
	return l, l.next(t)
}

type liveMessage struct {
	Type    string   `json:"type"`
	Changed []string `json:"changed"`
	Message string   `json:"message"`
}

// next waits for the next message on the reload channel.
func (l *liveSite) next(t *testing.T) liveMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, b, err := l.conn.Read(ctx)
	if err != nil {
		t.Fatalf("waiting for a reload message: %v\nserve printed:\n%s", err, l.log.String())
	}
	var m liveMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (l *liveSite) get(t *testing.T, path string) string {
	t.Helper()
	_, body := l.getStatus(t, path)
	return body
}

func (l *liveSite) getStatus(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(l.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (l *liveSite) write(t *testing.T, name, text string) {
	t.Helper()
	writeFile(t, filepath.Join(l.dir, name), []byte(text))
}

// TestServe edits, breaks and fixes a page, as an educator would, and
// checks what an open browser page is told each time.
func TestServe(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nFirst text.\n",
		"content/other.md": "---\ntitle: Other\n---\nOther text.\n",
	})
	if got := l.get(t, "/"); !strings.Contains(got, "First text.") {
		t.Fatalf("GET / = %q; want the first text", got)
	}

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nSecond text.\n")
	m := l.next(t)
	if m.Type != "reload" || !slices.Contains(m.Changed, "index.html") || slices.Contains(m.Changed, "other/index.html") {
		t.Fatalf("after an edit: %+v; want a reload naming index.html only", m)
	}
	if got := l.get(t, "/"); !strings.Contains(got, "Second text.") {
		t.Errorf("GET / after the edit = %q; want the new text", got)
	}

	l.write(t, "content/index.md", "---\ntitel: Home\n---\nBroken.\n")
	m = l.next(t)
	if m.Type != "error" || !strings.Contains(m.Message, "index.md:2:1: front matter: unknown key \"titel\"") {
		t.Fatalf("after breaking the front matter: %+v; want the error with file:line", m)
	}
	if got := l.get(t, "/"); !strings.Contains(got, "Second text.") {
		t.Errorf("GET / while broken = %q; want the last good page", got)
	}

	l.write(t, "content/index.md", "---\ntitle: Home\n---\nFixed.\n")
	m = l.next(t)
	if m.Type != "reload" {
		t.Fatalf("after fixing: %+v; want a reload", m)
	}
	if got := l.get(t, "/"); !strings.Contains(got, "Fixed.") {
		t.Errorf("GET / after the fix = %q; want the fixed page", got)
	}

	if err := os.Remove(filepath.Join(l.dir, "content/other.md")); err != nil {
		t.Fatal(err)
	}
	m = l.next(t)
	if m.Type != "reload" || !slices.Contains(m.Changed, "other/index.html") {
		t.Fatalf("after deleting a page: %+v; want a reload naming it", m)
	}
}

// TestServeCSSOnly checks that a stylesheet edit is announced as a change
// to the stylesheet alone, which the page swaps without reloading.
func TestServeCSSOnly(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md":         "Home.\n",
		"layouts/assets/style.css": "body { color: black }\n",
	})
	l.write(t, "layouts/assets/style.css", "body { color: navy }\n")
	m := l.next(t)
	if m.Type != "reload" || !slices.Equal(m.Changed, []string{"assets/style.css"}) {
		t.Fatalf("after a CSS edit: %+v; want only assets/style.css changed", m)
	}
}

// TestServeUnderLoad has 50 clients reading pages while the pages are
// rebuilt again and again: every response must be a whole page, old or
// new, and no goroutine may be left behind once the clients are gone.
func TestServeUnderLoad(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md": "Version 0.\n",
		"content/other.md": "Other.\n",
	})
	before := runtime.NumGoroutine()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}}
	stop := make(chan struct{})
	errs := make(chan error, 50)
	var wg sync.WaitGroup
	whole := regexp.MustCompile(`^<h1>Home</h1>\n<p>Version \d+\.</p>\n<script src="/__devserver/reload.js" data-file="index.html" data-version="[0-9a-f]{16}"></script>\n?$`)
	for range 50 {
		wg.Go(func() {
			for n := 0; n < 2000; n++ { // bounded even if stop never comes
				select {
				case <-stop:
					return
				default:
				}
				res, err := client.Get(l.http.URL + "/")
				if err != nil {
					errs <- err
					return
				}
				b, err := io.ReadAll(res.Body)
				res.Body.Close()
				if err != nil || res.StatusCode != 200 || !whole.Match(b) {
					errs <- fmt.Errorf("status %d, %v, body %q", res.StatusCode, err, b)
					return
				}
			}
		})
	}
	for v := 1; v <= 20; v++ {
		l.write(t, "content/index.md", fmt.Sprintf("Version %d.\n", v))
		if m := l.next(t); m.Type != "reload" {
			t.Fatalf("rebuild %d: %+v", v, m)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	client.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines after the clients left; %d before", n, before)
	}
}

// TestServeChurn creates, edits, renames and deletes a thousand pages in
// bursts; the served site must end up matching the files on disk, after a
// bounded number of rebuilds.
func TestServeChurn(t *testing.T) {
	t.Parallel() // its own folder and server; a long wait on the watcher
	l := startLive(t, map[string]string{"content/index.md": "Home.\n"})
	page := func(i int) string { return fmt.Sprintf("content/s%d/p%03d.md", i%10, i) }
	for i := range 1000 {
		l.write(t, page(i), fmt.Sprintf("Page %d, first text.\n", i))
	}
	for i := 0; i < 1000; i += 2 {
		l.write(t, page(i), fmt.Sprintf("Page %d, second text.\n", i))
	}
	for i := 1; i < 1000; i += 4 {
		if err := os.Rename(filepath.Join(l.dir, page(i)), filepath.Join(l.dir, strings.TrimSuffix(page(i), ".md")+"-moved.md")); err != nil {
			t.Fatal(err)
		}
	}
	for i := 3; i < 1000; i += 4 {
		if err := os.Remove(filepath.Join(l.dir, page(i))); err != nil {
			t.Fatal(err)
		}
	}
	// Rebuilds are serialised, so once the sentinel's rebuild is announced
	// every change before it is in the site.
	l.write(t, "content/sentinel.md", "Done.\n")
	rebuilds := 0
	for {
		m := l.next(t)
		rebuilds++
		if m.Type == "error" {
			t.Fatalf("a rebuild failed: %s", m.Message)
		}
		if slices.Contains(m.Changed, "sentinel/index.html") {
			break
		}
	}
	if rebuilds > 100 {
		t.Errorf("%d rebuilds for four bursts of changes; want far fewer", rebuilds)
	}
	for i := range 1000 {
		dir := fmt.Sprintf("s%d/p%03d", i%10, i)
		want := map[int]string{0: "second text", 1: "", 2: "second text", 3: ""}[i%4]
		body := l.get(t, "/"+dir+"/")
		switch {
		case want != "" && !strings.Contains(body, want):
			t.Fatalf("/%s/ = %q; want %q", dir, truncate(body, 80), want)
		case want == "" && strings.Contains(body, fmt.Sprintf("Page %d,", i)):
			t.Fatalf("/%s/ is still served after its file was renamed or deleted", dir)
		}
		if i%4 == 1 && !strings.Contains(l.get(t, "/"+dir+"-moved/"), "first text") {
			t.Fatalf("/%s-moved/ is missing after the rename", dir)
		}
	}
}

// TestServeLayoutEdit checks that a template edit reaches every page,
// although no page's content changed.
func TestServeLayoutEdit(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md": "Home.\n",
		"content/other.md": "Other.\n",
	})
	l.write(t, "layouts/page.html", `{{define "main"}}<h1 class="new">{{.Title}}</h1>
{{.Content}}{{end}}`)
	m := l.next(t)
	if m.Type != "reload" || !slices.Contains(m.Changed, "index.html") || !slices.Contains(m.Changed, "other/index.html") {
		t.Fatalf("after a layout edit: %+v; want every page changed", m)
	}
	if got := l.get(t, "/other/"); !strings.Contains(got, `class="new"`) {
		t.Errorf("GET /other/ = %q; want the new layout", got)
	}
}

// TestServeDrafts: the preview shows a draft, with its banner, and warns
// that a published page's link to it will be broken by build.
func TestServeDrafts(t *testing.T) {
	base, err := os.ReadFile(filepath.Join(handbook.Layouts, "base.html"))
	if err != nil {
		t.Fatal(err)
	}
	l := startLive(t, map[string]string{
		"layouts/base.html": string(base),
		"content/index.md":  "---\ntitle: Home\n---\nSee [the draft](draft.md).\n",
		"content/draft.md":  "---\ntitle: Not yet\ndraft: true\n---\nComing soon.\n",
	})
	if got := l.get(t, "/draft/"); !strings.Contains(got, "Coming soon.") || !strings.Contains(got, "Draft, not published.") {
		t.Errorf("GET /draft/ = %q; want the draft with its banner", got)
	}
	if got := l.get(t, "/"); strings.Contains(got, "Draft, not published.") {
		t.Errorf("GET / has the draft banner:\n%s", got)
	}
	want := `link to "draft.md": ` + filepath.Join(l.dir, "content", "draft.md") + " is a draft: the preview shows it, but build leaves it out"
	if !strings.Contains(l.log.String(), want) {
		t.Errorf("serve printed:\n%s\nwant it to include %q", l.log.String(), want)
	}
}

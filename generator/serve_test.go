package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ppchandbook/generator/watch"
)

// liveSite is a small site being served and watched for one test.
type liveSite struct {
	dir  string
	http *httptest.Server
	conn *websocket.Conn
	log  strings.Builder
}

// startLive builds a site from files, serves it, watches its sources and
// connects to the reload channel as a browser page would.
func startLive(t *testing.T, files map[string]string) *liveSite {
	t.Helper()
	l := &liveSite{dir: t.TempDir()}
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(l.dir, name), []byte(text))
	}
	for name, text := range files {
		writeFile(t, filepath.Join(l.dir, name), []byte(text))
	}
	src := sources{content: filepath.Join(l.dir, "content"), layouts: filepath.Join(l.dir, "layouts")}
	s := newServer(src, filepath.Join(l.dir, "public"), &l.log, &l.log)
	s.rebuild(nil)
	l.http = httptest.NewServer(s.dev)
	t.Cleanup(l.http.Close)
	t.Cleanup(s.dev.Close)

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		watch.Options{}.Run(ctx, []string{src.content, src.layouts}, quiet, func(c watch.Change) { s.rebuild(c.Paths) })
	}()
	t.Cleanup(func() { cancel(); <-done })

	wsURL := "ws" + strings.TrimPrefix(l.http.URL, "http") + "/__devserver/events"
	conn, _, err := websocket.Dial(t.Context(), wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	l.conn = conn
	if m := l.next(t); m.Type != "ok" {
		t.Fatalf("first message %+v; want ok", m)
	}
	return l
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
	res, err := http.Get(l.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
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

package devserver

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// patience bounds every wait for a message, so a missing event fails the
// test instead of hanging it.
const patience = 10 * time.Second

// dial opens a reload connection the way the page script does, with the
// Host and Origin of a page served by ts.
func dial(t *testing.T, ts *httptest.Server) *websocket.Conn {
	t.Helper()
	conn, err := dialEvents(t, ts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return conn
}

func dialEvents(t *testing.T, ts *httptest.Server) (*websocket.Conn, error) {
	return dialPage(t, ts, "")
}

// dialPage opens a reload connection as the script on the page whose
// file is file does ("" for none).
func dialPage(t *testing.T, ts *httptest.Server, file string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(t.Context(), patience)
	defer cancel()
	query := ""
	if file != "" {
		query = "?file=" + url.QueryEscape(file)
	}
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/__devserver/events"+query, &websocket.DialOptions{
		HTTPHeader: http.Header{"Origin": {ts.URL}},
	})
	return conn, err
}

// next reads one message.
func next(t *testing.T, conn *websocket.Conn) message {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), patience)
	defer cancel()
	typ, b, err := conn.Read(ctx)
	if err != nil {
		t.Fatalf("reading a reload message: %v", err)
	}
	var m message
	if typ != websocket.MessageText || json.Unmarshal(b, &m) != nil {
		t.Fatalf("reload message %q (type %v); want a JSON text message", b, typ)
	}
	return m
}

func expect(t *testing.T, conn *websocket.Conn, want message) {
	t.Helper()
	if got := next(t, conn); !reflect.DeepEqual(got, want) {
		t.Errorf("received %+v; want %+v", got, want)
	}
}

func TestReload(t *testing.T) {
	s, ts := start(t, t.TempDir())
	conn := dial(t, ts)
	expect(t, conn, message{Type: "ok"})

	changed := []string{"skills/communication/index.html", "assets/style.css"}
	s.Reload(changed)
	expect(t, conn, message{Type: "reload", Changed: changed})

	s.Reload(nil)
	expect(t, conn, message{Type: "reload", Changed: []string{}})
}

func TestWireFormat(t *testing.T) {
	tests := []struct {
		name string
		send func(*Server)
		want string
	}{
		{"reload", func(s *Server) { s.Reload([]string{"a/index.html"}) }, `{"type":"reload","changed":["a/index.html"]}`},
		{"reload of nothing", func(s *Server) { s.Reload(nil) }, `{"type":"reload","changed":[]}`},
		{"error", func(s *Server) { s.Fail("content/a.md:3:1: bad") }, `{"type":"error","message":"content/a.md:3:1: bad"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ts := start(t, t.TempDir())
			conn := dial(t, ts)
			expect(t, conn, message{Type: "ok"})
			tt.send(s)
			ctx, cancel := context.WithTimeout(t.Context(), patience)
			defer cancel()
			_, b, err := conn.Read(ctx)
			if err != nil || string(b) != tt.want {
				t.Errorf("received %s, %v; want %s", b, err, tt.want)
			}
		})
	}
}

func TestFail(t *testing.T) {
	s, ts := start(t, t.TempDir())
	early := dial(t, ts)
	expect(t, early, message{Type: "ok"})

	const problem = "content/a.md:3:1: front matter: unknown key \"titel\" (did you mean \"title\"?)\ncontent/b.md:9:4: link to \"c.md\": no such page"
	failed := message{Type: "error", Message: problem}
	s.Fail(problem)
	expect(t, early, failed)

	late := dial(t, ts)
	expect(t, late, failed) // at connect, before anything else happens

	s.Reload([]string{"index.html"})
	cleared := message{Type: "reload", Changed: []string{"index.html"}}
	expect(t, early, cleared)
	expect(t, late, cleared)

	expect(t, dial(t, ts), message{Type: "ok"}) // the error is gone for newcomers too
}

// TestManyPages keeps ten pages connected at once, as ten open tabs would,
// and expects every one to hear about a rebuild.
func TestManyPages(t *testing.T) {
	s, ts := start(t, t.TempDir())
	const pages = 10
	conns := make([]*websocket.Conn, pages)
	errs := make(chan error, pages)
	for i := range conns {
		go func() {
			var err error
			conns[i], err = dialEvents(t, ts)
			errs <- err
		}()
	}
	for range pages {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, conn := range conns {
		t.Cleanup(func() { conn.CloseNow() })
		expect(t, conn, message{Type: "ok"})
	}
	s.Reload([]string{"index.html"})
	for i, conn := range conns {
		if got := next(t, conn); got.Type != "reload" {
			t.Errorf("page %d received %+v; want a reload", i, got)
		}
	}
}

func TestEventsRefusals(t *testing.T) {
	s, ts := start(t, t.TempDir())
	tests := []struct {
		name   string
		header http.Header
		host   string
		want   int
	}{
		{"other site's page", http.Header{"Origin": {"http://evil.example"}}, "", http.StatusForbidden},
		{"rebinding host", nil, "evil.example:1313", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), patience)
			defer cancel()
			conn, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/__devserver/events",
				&websocket.DialOptions{HTTPHeader: tt.header, Host: tt.host})
			if err == nil {
				conn.CloseNow()
				t.Fatalf("dial with Origin %q, Host %q succeeded; want %d", tt.header.Get("Origin"), tt.host, tt.want)
			}
			if resp == nil || resp.StatusCode != tt.want {
				t.Errorf("dial with Origin %q, Host %q: %v; want status %d", tt.header.Get("Origin"), tt.host, err, tt.want)
			}
		})
	}

	s.Close()
	if _, err := dialEvents(t, ts); err == nil {
		t.Errorf("dial after Close succeeded; want it refused")
	}
}

// TestStalledPage fills a page's backlog and expects the Server to drop it
// rather than block the rebuild that is reporting.
func TestStalledPage(t *testing.T) {
	s := New(t.TempDir())
	c, joined := s.join("")
	if !joined {
		t.Fatal("join on a new Server refused")
	}
	for range clientBacklog {
		s.Reload(nil) // the first message, "ok", already waits
	}
	n := 0
	for range c.send {
		n++
	}
	if n != clientBacklog {
		t.Errorf("stalled page had %d messages queued before it was dropped; want %d", n, clientBacklog)
	}
	s.leave(c)
	s.live.Done()
	s.Close()
}

// TestClose ends every reload connection and expects every goroutine the
// Server and its connections started to finish. It must not run in
// parallel with other tests, which start goroutines of their own.
func TestClose(t *testing.T) {
	before := runtime.NumGoroutine()

	s := New(t.TempDir())
	ts := httptest.NewServer(s)
	var conns []*websocket.Conn
	for range 3 {
		conn, err := dialEvents(t, ts)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		expect(t, conn, message{Type: "ok"})
	}

	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	for i, conn := range conns {
		ctx, cancel := context.WithTimeout(t.Context(), patience)
		_, _, err := conn.Read(ctx)
		cancel()
		if websocket.CloseStatus(err) != websocket.StatusGoingAway {
			t.Errorf("page %d after Close: read %v; want the connection closed as going away", i, err)
		}
		conn.CloseNow()
	}
	select {
	case <-closed:
	case <-time.After(patience):
		t.Fatal("Close did not return once every page had closed")
	}
	ts.Close()

	// Goroutines of closed connections end on their own schedule, so wait
	// for them a bounded while rather than a fixed one.
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(patience)
wait:
	for runtime.NumGoroutine() > before {
		select {
		case <-tick.C:
		case <-deadline:
			break wait
		}
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after Close, %d before; still running:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestReloadNoting sends a note with a reload, and expects pages that open
// afterwards to get it too, until the next Reload.
func TestReloadNoting(t *testing.T) {
	s, ts := start(t, t.TempDir())
	conn := dial(t, ts)
	expect(t, conn, message{Type: "ok"})
	const note = "The folder public was deleted, so the whole site was written to it again."
	s.ReloadNoting([]string{"index.html"}, note)
	expect(t, conn, message{Type: "reload", Changed: []string{"index.html"}, Message: note})
	expect(t, dial(t, ts), message{Type: "ok", Message: note})
	s.Reload(nil)
	expect(t, conn, message{Type: "reload", Changed: []string{}})
	expect(t, dial(t, ts), message{Type: "ok"})
}

// TestReloadCarriesPage opens pages that name their files and expects
// each to get its own file as it is now on connecting, and its new
// version, or word that it is gone, with a reload that names it, while
// other pages get the plain message.
func TestReloadCarriesPage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a/index.html": "<p>A one</p>",
		"b/index.html": "<p>B</p>",
		"style.css":    "p {}",
	})
	s, ts := start(t, dir)
	open := func(file string) *websocket.Conn {
		t.Helper()
		conn, err := dialPage(t, ts, file)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.CloseNow() })
		return conn
	}
	a, b, css, none := open("a/index.html"), open("b/index.html"), open("style.css"), open("")
	expect(t, a, message{Type: "ok", Page: "<p>A one</p>", Version: version([]byte("<p>A one</p>"))})
	expect(t, b, message{Type: "ok", Page: "<p>B</p>", Version: version([]byte("<p>B</p>"))})
	expect(t, css, message{Type: "ok"}) // not a page: nothing to swap
	expect(t, none, message{Type: "ok"})

	writeFiles(t, dir, map[string]string{"a/index.html": "<p>A two</p>"})
	changed := []string{"a/index.html", "style.css"}
	s.Reload(changed)
	expect(t, a, message{Type: "reload", Changed: changed, Page: "<p>A two</p>", Version: version([]byte("<p>A two</p>"))})
	plain := message{Type: "reload", Changed: changed}
	expect(t, b, plain)
	expect(t, css, message{Type: "reload", Changed: changed}) // named, but not HTML: the page reloads
	expect(t, none, plain)

	if err := os.Remove(filepath.Join(dir, "a", "index.html")); err != nil {
		t.Fatal(err)
	}
	s.Reload([]string{"a/index.html"})
	expect(t, a, message{Type: "reload", Changed: []string{"a/index.html"}, Gone: true})
	expect(t, b, message{Type: "reload", Changed: []string{"a/index.html"}})
}

// TestVersionInjected checks that the version in the script tag of a
// served page is the one the reload channel gives for its file.
func TestVersionInjected(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "<body>Home</body>"})
	_, ts := start(t, dir)
	_, body := get(t, ts, "/")
	conn, err := dialPage(t, ts, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	m := next(t, conn)
	if want := `data-version="` + m.Version + `"`; m.Version == "" || !strings.Contains(body, want) {
		t.Errorf("GET / = %q; want it to contain %s, the version the reload channel gives", body, want)
	}
}

package main

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/coder/websocket"

	"ppchandbook/generator/output"
)

// waitReload reads the reload channel until a rebuild succeeds, failing
// on an error.
func (l *liveSite) waitReload(t *testing.T) liveMessage {
	t.Helper()
	for {
		m := l.next(t)
		switch m.Type {
		case "reload":
			return m
		case "error":
			t.Fatalf("a rebuild failed: %s\nserve printed:\n%s", m.Message, l.log.String())
		}
	}
}

// leftovers lists the files in dir that the site does not hold: the
// temporary files of a rebuild.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			found = append(found, p)
		}
		return nil
	})
	return found
}

// TestServeOutputDeleted deletes public/ while serving, as rm -rf public
// would: the next save must put the whole site back, not only the page
// that changed, and say so.
func TestServeOutputDeleted(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nFirst text.\n",
		"content/other.md": "---\ntitle: Other\n---\nOther text.\n",
	})
	if err := os.RemoveAll(filepath.Join(l.dir, "public")); err != nil {
		t.Fatal(err)
	}
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nSecond text.\n")
	m := l.waitReload(t)
	if !strings.Contains(m.Message, "deleted or replaced") {
		t.Errorf("the browser was told %q; want a note that the folder was written again", m.Message)
	}
	if !strings.Contains(l.log.String(), "deleted or replaced") {
		t.Errorf("serve printed:\n%s\nwant it to say the folder was written again", l.log.String())
	}
	for path, want := range map[string]string{"/": "Second text.", "/other/": "Other text."} {
		if status, body := l.getStatus(t, path); status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s = %d, %q; want 200 and %q", path, status, body, want)
		}
	}
	// Pages opened now are told too, since most pages reload at once.
	conn, _, err := websocket.Dial(t.Context(), "ws"+strings.TrimPrefix(l.http.URL, "http")+"/__devserver/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	_, b, err := conn.Read(t.Context())
	if err != nil || !strings.Contains(string(b), `"type":"ok"`) || !strings.Contains(string(b), "deleted or replaced") {
		t.Errorf("a page opened after the rebuild was told %s, %v; want ok with the note", b, err)
	}
}

// TestServeWriteFails fills the disk part way through writing a rebuild's
// pages: the served site must be one whole version, the new one, made by
// writing the whole site beside the folder, and serve must say what
// happened.
func TestServeWriteFails(t *testing.T) {
	var full atomic.Bool
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nVersion one.\n",
		"content/other.md": "---\ntitle: Other\n---\nVersion one.\n",
	}, func(s *server) {
		s.live.WriteBeside = func(p string, b []byte) (string, error) {
			if full.Load() && strings.Contains(p, "other") {
				return "", &os.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}
			}
			return output.WriteBeside(p, b)
		}
	})
	full.Store(true)
	l.write(t, "content/other.md", "---\ntitle: Other\n---\nVersion two.\n")
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nVersion two.\n")
	for {
		m := l.waitReload(t)
		if strings.Contains(m.Message, "no space left on device") {
			break
		}
	}
	if !strings.Contains(l.log.String(), "written again beside it") {
		t.Errorf("serve printed:\n%s\nwant it to say what it did about the failure", l.log.String())
	}
	for _, path := range []string{"/", "/other/"} {
		if status, body := l.getStatus(t, path); status != http.StatusOK || !strings.Contains(body, "Version two.") {
			t.Errorf("GET %s = %d, %q; want 200 and version two", path, status, body)
		}
	}
	if left := leftovers(t, filepath.Join(l.dir, "public")); len(left) > 0 {
		t.Errorf("temporary files left in the site: %q", left)
	}

	// With the disk still full the next save goes on as usual: the files
	// it changes are written beside their old selves and renamed.
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nVersion three.\n")
	if m := l.waitReload(t); m.Message != "" {
		t.Errorf("after a save that wrote fine, the browser was told %q; want no note", m.Message)
	}
	if body := l.get(t, "/"); !strings.Contains(body, "Version three.") {
		t.Errorf("GET / = %q; want version three", body)
	}
}

// TestServeFirstBuildFails starts serve on a broken site with no public/:
// the browser must get the problems in the error overlay, and the terminal
// must not promise a last good version that does not exist.
func TestServeFirstBuildFails(t *testing.T) {
	l, first := serveLive(t, map[string]string{
		"content/index.md": "---\ntitel: Home\n---\nText.\n",
	})
	if first.Type != "error" || !strings.Contains(first.Message, `unknown key "titel"`) {
		t.Fatalf("first message %+v; want the error", first)
	}
	log := l.log.String()
	if strings.Contains(log, "still served") || !strings.Contains(log, "once the problems are fixed") {
		t.Errorf("serve printed:\n%s\nwant no promise of a last good version", log)
	}
	for _, path := range []string{"/", "/other/"} {
		status, body := l.getStatus(t, path)
		if status != http.StatusInternalServerError || !strings.Contains(body, "titel") || !strings.Contains(body, `/__devserver/reload.js" data-file=""`) {
			t.Errorf("GET %s = %d, %q; want 500, the problem and the reload script", path, status, body)
		}
	}
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nText.\n")
	m := l.waitReload(t)
	if !strings.Contains(strings.Join(m.Changed, " "), "index.html") {
		t.Errorf("after the fix: %+v; want every file listed, so the error page reloads", m)
	}
	if status, body := l.getStatus(t, "/"); status != http.StatusOK || !strings.Contains(body, "Text.") {
		t.Errorf("GET / after the fix = %d, %q; want the page", status, body)
	}
}

// TestServeContentRestored moves content/ away and back, as restoring a
// backup or switching a git branch does: the preview must report the
// missing folder, then pick the folder up again and keep watching it.
func TestServeContentRestored(t *testing.T) {
	l := startLive(t, map[string]string{
		"content/index.md": "---\ntitle: Home\n---\nFirst text.\n",
	})
	content := filepath.Join(l.dir, "content")
	if err := os.Rename(content, content+".bak"); err != nil {
		t.Fatal(err)
	}
	if m := l.next(t); m.Type != "error" {
		t.Fatalf("after content/ went: %+v; want an error", m)
	}
	if err := os.Rename(content+".bak", content); err != nil {
		t.Fatal(err)
	}
	l.waitReload(t)
	l.write(t, "content/index.md", "---\ntitle: Home\n---\nSecond text.\n")
	l.waitReload(t)
	if body := l.get(t, "/"); !strings.Contains(body, "Second text.") {
		t.Errorf("GET / after editing the restored folder = %q; want the edit", body)
	}
}

package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes each name → content into dir, making directories as
// needed. Names are slash-separated.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// start serves dir behind a test server. The Server is closed before the
// test server, since httptest.Server.Close waits for requests but not for
// WebSocket connections.
func start(t *testing.T, dir string) (*Server, *httptest.Server) {
	t.Helper()
	s := New(dir)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close)
	return s, ts
}

// do sends one request without following redirects and returns the
// response with its body read.
func do(t *testing.T, ts *httptest.Server, req *http.Request) (*http.Response, string) {
	t.Helper()
	client := *ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func get(t *testing.T, ts *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, ts, req)
}

// rawGet sends target exactly as given as the request line, which an
// http.Client would not always do, and returns the status and body.
func rawGet(t *testing.T, ts *httptest.Server, target string) (int, string) {
	t.Helper()
	var d net.Dialer
	conn, err := d.DialContext(t.Context(), "tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: reading response: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestHost(t *testing.T) {
	tests := []struct {
		host  string
		allow []string // passed to AllowHost; "addresses" calls AllowAddresses
		want  int
	}{
		{"localhost", nil, http.StatusOK},
		{"localhost:1313", nil, http.StatusOK},
		{"LocalHost:1313", nil, http.StatusOK},
		{"127.0.0.1:1313", nil, http.StatusOK},
		{"127.0.0.1", nil, http.StatusOK},
		{"127.4.5.6:80", nil, http.StatusOK},
		{"[::1]:1313", nil, http.StatusOK},
		{"[::1]", nil, http.StatusOK},
		{"evil.example", nil, http.StatusForbidden},
		{"evil.example:1313", nil, http.StatusForbidden},
		{"localhost.evil.example", nil, http.StatusForbidden},
		{"127.0.0.1.nip.io", nil, http.StatusForbidden},
		{"0.0.0.0:1313", nil, http.StatusForbidden},
		{"192.168.1.20:1313", nil, http.StatusForbidden},
		{"192.168.1.20:1313", []string{"192.168.1.20"}, http.StatusOK},
		{"192.168.1.21:1313", []string{"192.168.1.20"}, http.StatusForbidden},
		{"Handbook.Local:8080", []string{"handbook.local:1313"}, http.StatusOK},
		{"[fe80::1]:1313", []string{"[fe80::1]"}, http.StatusOK},
		{"192.168.1.21:1313", []string{"addresses"}, http.StatusOK},
		{"[fe80::2]:1313", []string{"addresses"}, http.StatusOK},
		{"handbook.local:1313", []string{"addresses"}, http.StatusForbidden},
		{"evil.example:1313", []string{"addresses"}, http.StatusForbidden},
		{"192.168.1.21.nip.io:1313", []string{"addresses"}, http.StatusForbidden},
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "home"})
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			s, ts := start(t, dir)
			for _, h := range tt.allow {
				if h == "addresses" {
					s.AllowAddresses()
				} else {
					s.AllowHost(h)
				}
			}
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, ts.URL+"/", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = tt.host
			resp, body := do(t, ts, req)
			if resp.StatusCode != tt.want {
				t.Errorf("GET / with Host %q (allowed %q) = %d; want %d", tt.host, tt.allow, resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusForbidden && (strings.Contains(body, "home") || !strings.Contains(body, "localhost")) {
				t.Errorf("GET / with Host %q: body %q; want a short message naming localhost", tt.host, body)
			}
		})
	}
}

func TestMethods(t *testing.T) {
	tests := []struct {
		method string
		want   int
	}{
		{http.MethodGet, http.StatusOK},
		{http.MethodHead, http.StatusOK},
		{http.MethodPost, http.StatusMethodNotAllowed},
		{http.MethodPut, http.StatusMethodNotAllowed},
		{http.MethodDelete, http.StatusMethodNotAllowed},
		{http.MethodPatch, http.StatusMethodNotAllowed},
		{http.MethodOptions, http.StatusMethodNotAllowed},
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "<body>home</body>"})
	_, ts := start(t, dir)
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tt.method, ts.URL+"/", nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, body := do(t, ts, req)
			if resp.StatusCode != tt.want {
				t.Fatalf("%s / = %d; want %d", tt.method, resp.StatusCode, tt.want)
			}
			switch {
			case tt.want == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != "GET, HEAD":
				t.Errorf("%s /: Allow = %q; want %q", tt.method, resp.Header.Get("Allow"), "GET, HEAD")
			case tt.method == http.MethodHead && body != "":
				t.Errorf("HEAD /: body %q; want none", body)
			case tt.method == http.MethodGet && !strings.Contains(body, "home"):
				t.Errorf("GET /: body %q; want the home page", body)
			}
		})
	}
}

func TestReservedPrefix(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "home"})
	_, ts := start(t, dir)

	resp, body := get(t, ts, "/__devserver/reload.js")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || body != clientJS {
		t.Errorf("GET /__devserver/reload.js = %d, %q, %d bytes; want 200, text/javascript, the script",
			resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	if resp, _ := get(t, ts, "/__devserver/other"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /__devserver/other = %d; want 404", resp.StatusCode)
	}
}

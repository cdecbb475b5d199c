package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/site"
)

// TestServeNetwork starts serve on every interface, as -addr 0.0.0.0:1313
// does to preview on a phone: other computers' requests, which name this
// machine by address or name, must be served, while a foreign name, as a
// DNS rebinding attack sends, is still refused.
func TestServeNetwork(t *testing.T) {
	dir := t.TempDir()
	for name, text := range minimalLayouts {
		writeFile(t, filepath.Join(dir, name), []byte(text))
	}
	writeFile(t, filepath.Join(dir, "content/index.md"), []byte("---\ntitle: Home\n---\nHello.\n"))
	src := site.Sources{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts")}
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, src, filepath.Join(dir, "public"), "0.0.0.0:0", false, pw, &stderr)
		pw.Close()
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	lines := bufio.NewScanner(pr)
	var port string
	for port == "" && lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "Serving the handbook at http://localhost:"); ok {
			port, _, _ = strings.Cut(rest, "/")
		}
	}
	go io.Copy(io.Discard, pr)
	if port == "" {
		t.Fatalf("serve never said where it serves; stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "other computers") {
		t.Errorf("serve printed %q; want a warning that other computers can see the preview", stderr.String())
	}

	hosts := map[string]int{
		"localhost":              http.StatusOK,
		"192.0.2.7":              http.StatusOK, // any address: how a phone on the network names it
		"[2001:db8::7]":          http.StatusOK,
		"evil.example":           http.StatusForbidden,
		"192.0.2.7.nip.io":       http.StatusForbidden,
		"localhost.evil.example": http.StatusForbidden,
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		hosts[name] = http.StatusOK
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipnet, ok := a.(*net.IPNet); ok && !ipnet.IP.IsLoopback() {
			hosts[net.JoinHostPort(ipnet.IP.String(), port)] = http.StatusOK
		}
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for host, want := range hosts {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://127.0.0.1:"+port+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || want == http.StatusOK && !strings.Contains(string(b), "Hello.") {
			t.Errorf("GET / with Host %q = %d, %q; want %d", host, res.StatusCode, b, want)
		}
	}
}

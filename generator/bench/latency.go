package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// edits is how many saves each live-rebuild measurement times.
const edits = 20

// liveTool is a preview server under measurement: how to start it, where
// its reload channel is, and which file to edit.
type liveTool struct {
	name  string
	start func(addr string) *exec.Cmd
	ws    string // path of the reload WebSocket
	hello string // first message to send, for LiveReload's handshake
	page  string // the Markdown file edited
	// reload reports whether a message from the server means "reload now".
	reload func(msg []byte) bool
}

// measureLatency starts tool, waits for its first build, then saves page
// edits times, timing each save until the server tells its browsers to
// reload: what an educator waits for after pressing save.
func measureLatency(ctx context.Context, tool liveTool, stderr io.Writer) ([]time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := tool.start(addr)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	if err := waitUp(ctx, "http://"+addr+"/", 10*time.Minute); err != nil {
		return nil, fmt.Errorf("%s did not start serving: %v", tool.name, err)
	}
	conn, _, err := websocket.Dial(ctx, "ws://"+addr+tool.ws, nil)
	if err != nil {
		return nil, fmt.Errorf("%s reload channel: %v", tool.name, err)
	}
	defer conn.CloseNow()
	conn.SetReadLimit(1 << 20)
	if tool.hello != "" {
		if err := conn.Write(ctx, websocket.MessageText, []byte(tool.hello)); err != nil {
			return nil, err
		}
	}
	msgs := make(chan []byte, 64)
	go func() {
		defer close(msgs)
		for {
			_, b, err := conn.Read(ctx)
			if err != nil {
				return
			}
			msgs <- b
		}
	}()
	drain(msgs, 300*time.Millisecond) // greetings and anything from start-up
	original, err := os.ReadFile(tool.page)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(tool.page, original, 0o644)
	var out []time.Duration
	for i := range edits {
		text := append(append([]byte{}, original...), fmt.Sprintf("\n\nEdit number %d.\n", i)...)
		start := time.Now()
		if err := os.WriteFile(tool.page, text, 0o644); err != nil {
			return nil, err
		}
		if err := waitReload(msgs, tool.reload, 60*time.Second); err != nil {
			return nil, fmt.Errorf("%s, edit %d: %v", tool.name, i+1, err)
		}
		out = append(out, time.Since(start))
		fmt.Fprintf(stderr, "  %s edit %d: %v\n", tool.name, i+1, out[len(out)-1].Round(time.Millisecond))
		drain(msgs, 150*time.Millisecond) // a server may send more than one message per save
	}
	return out, nil
}

func waitReload(msgs <-chan []byte, reload func([]byte) bool, limit time.Duration) error {
	timeout := time.After(limit)
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return fmt.Errorf("the reload channel closed")
			}
			if reload(m) {
				return nil
			}
		case <-timeout:
			return fmt.Errorf("no reload within %v", limit)
		}
	}
}

// drain discards messages until none has come for quiet.
func drain(msgs <-chan []byte, quiet time.Duration) {
	for {
		select {
		case <-msgs:
		case <-time.After(quiet):
			return
		}
	}
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitUp polls url until it answers, for at most limit.
func waitUp(ctx context.Context, url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode < 500 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("no answer within %v", limit)
}

// ourLive is `generator serve` on a content folder.
func ourLive(ctx context.Context, bin, content, layouts, out string) liveTool {
	return liveTool{
		name: "ours",
		start: func(addr string) *exec.Cmd {
			return exec.CommandContext(ctx, bin, "serve", "-content", content, "-layouts", layouts, "-out", out, "-addr", addr)
		},
		ws:   "/__devserver/events",
		page: firstPage(content),
		reload: func(m []byte) bool {
			var msg struct{ Type string }
			return json.Unmarshal(m, &msg) == nil && msg.Type == "reload"
		},
	}
}

// hugoLive is `hugo server` on the same pages, with its LiveReload channel.
func hugoLive(ctx context.Context, hugo, site string) liveTool {
	return liveTool{
		name: "hugo",
		start: func(addr string) *exec.Cmd {
			_, port, _ := net.SplitHostPort(addr)
			// The corpus's baseURL has a path, which hugo server would serve
			// under; serve at the root as ours does.
			return exec.CommandContext(ctx, hugo, "server", "-s", site, "--bind", "127.0.0.1", "--port", port,
				"--baseURL", "http://"+addr+"/", "--appendPort=false", "--quiet")
		},
		ws:    "/livereload",
		hello: `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`,
		page:  firstPage(filepath.Join(site, "content")),
		reload: func(m []byte) bool {
			var msg struct{ Command string }
			return json.Unmarshal(m, &msg) == nil && msg.Command == "reload"
		},
	}
}

// firstPage is the first ordinary Markdown page under dir, by name.
func firstPage(dir string) string {
	var pages []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "index.md") {
			pages = append(pages, p)
		}
		return nil
	})
	slices.Sort(pages)
	if len(pages) == 0 {
		return filepath.Join(dir, "missing.md")
	}
	return pages[len(pages)/2]
}

// percentile is the p-th percentile (0–100) of xs, nearest rank.
func percentile(xs []time.Duration, p int) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := (p*len(s) + 99) / 100
	return s[max(i-1, 0)]
}

// reportLatency prints p50 and p95 of each tool and the ratio to Hugo.
func reportLatency(w io.Writer, label string, ours, hugo []time.Duration) {
	fmt.Fprintf(w, "\nSave-to-reload on %s (%d saves): ours p50 %v, p95 %v", label, len(ours),
		percentile(ours, 50).Round(time.Millisecond), percentile(ours, 95).Round(time.Millisecond))
	if hugo == nil {
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintf(w, "; hugo p50 %v, p95 %v; ours/hugo p50 %.2f×\n",
		percentile(hugo, 50).Round(time.Millisecond), percentile(hugo, 95).Round(time.Millisecond),
		float64(percentile(ours, 50))/float64(percentile(hugo, 50)))
}

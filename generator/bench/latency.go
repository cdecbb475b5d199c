package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/coder/websocket"

	"ppchandbook/generator/internal/editor"
)

// edits is how many saves each live-rebuild measurement times, after one
// save that warms the server and the browser up.
const edits = 20

// notShownAfter is how long a save may take to show before it counts as
// never shown.
const notShownAfter = 10 * time.Second

// liveTool is a preview server under measurement: how to start it, where
// its reload channel is, and which file to edit.
type liveTool struct {
	name    string
	start   func(addr string) *exec.Cmd
	ws      string // path of the reload WebSocket
	hello   string // first message to send, for LiveReload's handshake
	content string // the content folder
	page    string // the Markdown file edited
	// reload reports whether a message from the server means "reload now".
	reload func(msg []byte) bool
	// ready is true, in the browser, once the page listens for changes.
	ready string
}

// latency is one tool's saves on one site: from each save to the reload
// message on the server's channel, and to the new text visible in the
// browser. A save never shown within notShownAfter counts as that long,
// and is counted in missed.
type latency struct {
	reload, visible []time.Duration
	missedReload    int
	missedVisible   int
}

// measureLatency starts tool, waits for its first build, opens the edited
// page in br (when there is a browser), then saves the page edits times,
// timing each save until the server sends its reload message and until
// the new text is visible in the page: what an educator waits for after
// pressing save.
func measureLatency(ctx context.Context, tool liveTool, pattern editor.Save, br *browser, stderr io.Writer) (*latency, error) {
	ls, err := measureLatencies(ctx, []liveTool{tool}, pattern, br, stderr)
	if err != nil {
		return nil, err
	}
	return ls[0], nil
}

// measureLatencies is measureLatency for several tools at once, each on
// its own copy of the pages, taking turns save by save (save i goes first
// to tool i mod n), so that a slow spell of the machine falls on all of
// them alike rather than on whichever ran second.
func measureLatencies(ctx context.Context, tools []liveTool, pattern editor.Save, br *browser, stderr io.Writer) ([]*latency, error) {
	var ps []*preview
	defer func() {
		for _, p := range ps {
			p.close()
		}
	}()
	for _, tool := range tools {
		p, err := openPreview(ctx, tool, br)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	for i := range edits + 1 {
		for k := range ps {
			if err := ps[(i+k)%len(ps)].save(pattern, i, stderr); err != nil {
				return nil, err
			}
		}
	}
	out := make([]*latency, len(ps))
	for k, p := range ps {
		out[k] = &p.l
	}
	return out, nil
}

// preview is one tool's server, its tab and its saves so far.
type preview struct {
	tool     liveTool
	srv      *live
	tb       *tab // nil without a browser
	original []byte
	l        latency
}

// openPreview starts tool, waits for its first build and opens the edited
// page in br, when there is a browser.
func openPreview(ctx context.Context, tool liveTool, br *browser) (*preview, error) {
	original, err := os.ReadFile(tool.page)
	if err != nil {
		return nil, err
	}
	srv, err := startLive(ctx, tool)
	if err != nil {
		return nil, err
	}
	p := &preview{tool: tool, srv: srv, original: original}
	if br != nil {
		if p.tb, err = br.open(pageURL(srv.addr, tool.content, tool.page), tool.ready); err != nil {
			srv.stop()
			return nil, fmt.Errorf("%s: %v", tool.name, err)
		}
	}
	drain(srv.msgs, 300*time.Millisecond) // greetings and anything from start-up
	return p, nil
}

// close puts the edited page back and stops the server.
func (p *preview) close() {
	os.WriteFile(p.tool.page, p.original, 0o644)
	if p.tb != nil {
		p.tb.cancel()
	}
	p.srv.stop()
}

// save times edit i, the first a warm-up that is only reported.
func (p *preview) save(pattern editor.Save, i int, stderr io.Writer) error {
	tool, l := p.tool, &p.l
	s, err := timeSave(tool, pattern, p.srv.msgs, p.tb, p.original, i)
	if err != nil {
		return err
	}
	if i == 0 {
		fmt.Fprintf(stderr, "  %s warm-up edit: reload message %v, visible %v\n", tool.name, s.reload.Round(time.Millisecond), s.visible.Round(time.Millisecond))
	} else {
		l.reload = append(l.reload, s.reload)
		l.missedReload += count(s.missedReload)
		if p.tb != nil {
			l.visible = append(l.visible, s.visible)
			l.missedVisible += count(s.missedVisible)
		}
		fmt.Fprintf(stderr, "  %s edit %d: reload message %v, visible %v\n", tool.name, i, s.reload.Round(time.Millisecond), s.visible.Round(time.Millisecond))
	}
	drain(p.srv.msgs, 150*time.Millisecond) // a server may send more than one message per save
	if p.tb != nil {
		if err := p.tb.wait(tool.ready); err != nil { // after a reload, listening again
			return fmt.Errorf("%s, edit %d: %v", tool.name, i, err)
		}
	}
	return nil
}

// live is a running preview server and its reload channel.
type live struct {
	addr string
	cmd  *exec.Cmd
	conn *websocket.Conn
	msgs <-chan []byte // from the reload channel, closed when it closes
}

// startLive starts tool, waits for its first build and connects to its
// reload channel.
func startLive(ctx context.Context, tool liveTool) (*live, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := tool.start(addr)
	// What the server says (each rebuild and how long it took, a watcher
	// that fell back to polling) goes beside the content, for -keep: it
	// tells a slow save's rebuild from its wait for the watcher.
	logFile, err := os.Create(filepath.Join(filepath.Dir(tool.content), tool.name+"-serve.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the server has its own copy of the descriptor
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	l := &live{addr: addr, cmd: cmd}
	if err := waitUp(ctx, "http://"+addr+"/", 10*time.Minute); err != nil {
		l.stop()
		return nil, fmt.Errorf("%s did not start serving: %v", tool.name, err)
	}
	if l.conn, _, err = websocket.Dial(ctx, "ws://"+addr+tool.ws, nil); err != nil {
		l.stop()
		return nil, fmt.Errorf("%s reload channel: %v", tool.name, err)
	}
	l.conn.SetReadLimit(16 << 20) // ours sends the page with the message
	if tool.hello != "" {
		if err := l.conn.Write(ctx, websocket.MessageText, []byte(tool.hello)); err != nil {
			l.stop()
			return nil, err
		}
	}
	msgs := make(chan []byte, 64)
	go func() {
		defer close(msgs)
		for {
			_, b, err := l.conn.Read(ctx)
			if err != nil {
				return
			}
			msgs <- b
		}
	}()
	l.msgs = msgs
	return l, nil
}

// stop closes the reload channel and stops the server.
func (l *live) stop() {
	if l.conn != nil {
		l.conn.CloseNow()
	}
	l.cmd.Process.Kill()
	l.cmd.Wait()
}

// save is the timing of one save.
type save struct {
	reload, visible             time.Duration
	missedReload, missedVisible bool
}

// timeSave saves edit i of the page, whose text was original, and times
// it until the server's reload message and, in tb if there is a tab,
// until the new text is visible.
func timeSave(tool liveTool, pattern editor.Save, msgs <-chan []byte, tb *tab, original []byte, i int) (save, error) {
	var offset time.Duration
	if tb != nil {
		var err error
		if offset, err = tb.clock(); err != nil {
			return save{}, fmt.Errorf("%s, edit %d: reading the page's clock: %v", tool.name, i, err)
		}
	}
	text := append(append([]byte{}, original...), fmt.Sprintf("\n\nEdit number %d.\n", i)...)
	start := time.Now()
	if err := pattern.Save(tool.page, text); err != nil {
		return save{}, fmt.Errorf("%s, edit %d: saving as %s: %v", tool.name, i, pattern.Name, err)
	}
	s := save{reload: notShownAfter}
	if err := waitReload(msgs, tool.reload, notShownAfter); err == nil {
		s.reload = time.Since(start)
	} else if errors.Is(err, errNotShown) {
		s.missedReload = true
	} else {
		return save{}, fmt.Errorf("%s, edit %d: %v", tool.name, i, err)
	}
	if tb != nil {
		at, err := tb.seen(i, offset, notShownAfter)
		switch {
		case err == nil:
			s.visible = at.Sub(start)
		case errors.Is(err, errNotShown):
			s.visible, s.missedVisible = notShownAfter, true
		default:
			return save{}, fmt.Errorf("%s, edit %d: %v", tool.name, i, err)
		}
	}
	return s, nil
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
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
			return errNotShown
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
		ws:      "/__devserver/events",
		content: content,
		page:    firstPage(content),
		ready:   `document.querySelector("script[data-connected]") !== null`,
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
		ws:      "/livereload",
		hello:   `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`,
		content: filepath.Join(site, "content"),
		page:    firstPage(filepath.Join(site, "content")),
		// LiveReload's script keeps its socket to itself; give it a moment.
		ready: `document.readyState === "complete" && !!window.LiveReload && (window.hugoReady = window.hugoReady || Date.now()) < Date.now() - 500`,
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

// The preview targets of the performance issue, for the time from a save
// to the new text visible in the browser.
const (
	visibleP50Limit = 100 * time.Millisecond // on the handbook and on 1,000 pages
	visibleP95Limit = 150 * time.Millisecond
	// visibleHugoLimit is ours/hugo server's p50, on hugoTargetsFrom pages.
	visibleHugoLimit = 0.25
	// visibleTargetsAt is the corpus the millisecond targets are set for,
	// besides the handbook.
	visibleTargetsAt = 1000
)

// liveResult is every tool's saves on one site.
type liveResult struct {
	label      string // "the handbook" or "1000 pages"
	pages      int    // in a corpus; 0 for the handbook
	ours, hugo *latency
	before     *latency // the -against program's; nil without it
}

// reportLatency prints p50 and p95 of each tool on each site, to the
// reload message and to the new text visible, then the preview targets
// with PASS, FAIL or SKIP.
func reportLatency(w io.Writer, results []liveResult, hasBrowser, hasHugo bool) {
	for _, r := range results {
		fmt.Fprintf(w, "\nOn %s, %d saves:\n", r.label, len(r.ours.reload))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  Tool\tTo the reload message\tTo the new text visible\t")
		row := func(name string, l *latency) {
			visible := "–"
			if hasBrowser {
				visible = spread(l.visible, l.missedVisible)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t\n", name, spread(l.reload, l.missedReload), visible)
		}
		row("ours", r.ours)
		if r.hugo != nil {
			row("hugo server", r.hugo)
		}
		tw.Flush()
	}
	if len(results) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Preview target (save to new text visible)\tMeasured\tLimit\tResult")
	for _, r := range results {
		ms := r.pages == 0 || r.pages == visibleTargetsAt
		switch {
		case ms && !hasBrowser:
			fmt.Fprintf(tw, "%s: p50, p95\t–\t< %v, < %v\tSKIP (chromium not found)\n", r.label, visibleP50Limit, visibleP95Limit)
		case ms:
			under(tw, r.label+": p50", percentile(r.ours.visible, 50), visibleP50Limit)
			under(tw, r.label+": p95", percentile(r.ours.visible, 95), visibleP95Limit)
		case r.pages != hugoTargetsFrom:
			continue
		case !hasBrowser:
			skip(tw, r.label+": ours/hugo server p50", visibleHugoLimit, "chromium not found")
		case !hasHugo:
			skip(tw, r.label+": ours/hugo server p50", visibleHugoLimit, "hugo not on PATH")
		default:
			target(tw, r.label+": ours/hugo server p50",
				ratio(percentile(r.ours.visible, 50), percentile(r.hugo.visible, 50)), visibleHugoLimit)
		}
	}
	tw.Flush()
}

// spread is "p50 X, p95 Y" of xs, with how many were never shown.
func spread(xs []time.Duration, missed int) string {
	s := fmt.Sprintf("p50 %v, p95 %v", percentile(xs, 50).Round(time.Millisecond), percentile(xs, 95).Round(time.Millisecond))
	if missed > 0 {
		s += fmt.Sprintf(" (%d never shown within %v)", missed, notShownAfter)
	}
	return s
}

// under prints one line: a measured time against the limit it must be under.
func under(w io.Writer, name string, measured, limit time.Duration) {
	result := "PASS"
	if measured >= limit {
		result = "FAIL"
	}
	fmt.Fprintf(w, "%s\t%v\t< %v\t%s\n", name, measured.Round(time.Millisecond), limit, result)
}

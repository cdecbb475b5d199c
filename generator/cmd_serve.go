package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ppchandbook/generator/devserver"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/output"
	"ppchandbook/generator/site"
	"ppchandbook/generator/watch"
)

// quiet is how long the watcher waits after the last file event before
// rebuilding: long enough to gather an editor's write-rename-delete burst
// into one rebuild, short enough that the preview feels instant. Saves
// timed here with fsnotify and strace, on 2 cores at a load of 10, left
// the page half-made for at most: vim (in place) 0.1 ms between emptying
// and writing it, then an fsync of 1 to 220 ms followed only by a chmod,
// which the watcher drops; a VS Code-style write in place 0.2 ms; an
// atomic rename 0.3 ms; a JetBrains-style safe write under 5 ms, nearly
// all of it an fsync of the temporary file while the page is still whole.
// 10 ms leaves room for that, and the watcher waits longer for a save it
// catches between its halves (a page emptied, or moved away, and not yet
// written). BenchmarkSave in generator/watch, 40 saves of each kind under
// load 7-10, split a vim save now and then at 20 ms and at 10 ms alike
// (0-1 in 40), and no other kind at either; a save split all the same
// costs one more rebuild, which overtakes the first, and the page shows
// the last.
const quiet = 10 * time.Millisecond

const serveUsage = `usage: generator serve [flags]

serve builds the handbook and shows it in a web browser on this computer,
at http://127.0.0.1:1313/ (-open opens it for you). Leave it running while
you edit: each time you save a page the handbook is built again and the
browser shows the change. A mistake shows in the browser and here, with
its file and line, while the last good version stays up. Pages with
draft: true are shown too, under a "Draft, not published" banner; build
leaves them out. Press Ctrl-C to stop.

The output folder (public) is written as build writes it.

`

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", serveUsage)
	var c commonFlags
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; only this computer can connect unless you choose another")
	open := fs.Bool("open", false, "open the handbook in the web browser")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if err := output.Check(c.out, c.content, c.layouts); err != nil {
		return usageError{err.Error()}
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usageError{fmt.Sprintf("-addr %q should look like 127.0.0.1:1313", *addr)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second Ctrl-C ends the process at once
	return serve(ctx, c.sources(), c.out, *addr, *open, stdout, stderr)
}

// grace is how long serve waits, once told to stop, for a rebuild to
// notice: one page per core at most, since rebuilds check between pages.
// A rebuild still going after that is abandoned with the process; the
// site on disk is whole either way, since a rebuild changes it only at its
// end, by renames that take no time.
const grace = 300 * time.Millisecond

// serve previews the site from src on addr, writing it to out, until ctx
// is done.
func serve(ctx context.Context, src site.Sources, out, addr string, open bool, stdout, stderr io.Writer) error {
	host, _, _ := net.SplitHostPort(addr)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v (is another preview already running? try -addr 127.0.0.1:1314)", addr, err)
	}
	defer ln.Close()
	s := newServer(src, out, stdout, stderr)
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: serving on %s lets other computers on the network see the preview; use 127.0.0.1 to keep it on this computer\n", addr)
		for _, h := range allowNetwork(s.dev, host) {
			fmt.Fprintf(stderr, "Other computers can open it at http://%s/\n", net.JoinHostPort(h, port))
		}
	}
	// A large handbook takes seconds to build the first time; say so, and
	// that Ctrl-C works meanwhile.
	fmt.Fprintf(stdout, "Building the handbook from %s, %s (press Ctrl-C to stop)\n", src.Content, layoutsSaid(src))
	s.start(ctx, nil)
	if !s.finish(ctx) {
		fmt.Fprintln(stdout, "Stopped.")
		return nil
	}
	srv := &http.Server{Handler: s.dev, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.dev.Close)
	go srv.Serve(ln)
	url := "http://" + net.JoinHostPort(displayHost(host), port) + "/"
	fmt.Fprintf(stdout, "Serving the handbook at %s (press Ctrl-C to stop)\n", url)
	if open {
		openBrowser(url)
	}
	// The layouts folder is watched even when it is not there yet: an
	// educator who copies one in to change the look sees it at once.
	// "Watching" is said once it is true, so a save after it is seen.
	w := watch.Options{Log: stderr, Optional: []string{src.Layouts}, Ready: func() {
		fmt.Fprintf(stdout, "Watching %s for changes: save a page and the browser shows it\n", strings.Join(watched(src), " and "))
	}}
	err = w.Run(ctx, []string{src.Content, src.Layouts}, quiet, func(ch watch.Change) {
		s.start(ctx, ch.Paths)
	})
	s.stop()
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	srv.Shutdown(shutdown)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}

// watched are the folders serve says it watches: the content, and the
// layouts folder if there is one (without it the built-in layouts are
// used, until one is made).
func watched(src site.Sources) []string {
	if info, err := os.Stat(src.Layouts); err == nil && info.IsDir() {
		return []string{src.Content, src.Layouts}
	}
	return []string{src.Content}
}

// layoutsSaid says where the look comes from, since a layouts folder
// that is not there (a typo in its name, or one left elsewhere) would
// otherwise pass unnoticed behind the built-in look.
func layoutsSaid(src site.Sources) string {
	if len(watched(src)) > 1 {
		return fmt.Sprintf("with the layouts in %s over the built-in ones", src.Layouts)
	}
	return "with the built-in layouts"
}

// allowNetwork lets dev answer other computers, when serve listens on
// host, which is not a loopback address, and returns the names and
// addresses they can use. Like hugo server --bind and mkdocs serve -a,
// the preview then serves the network; but like Vite it still refuses
// names it was not given, which is what a DNS rebinding attack sends:
// any IP address, the name of host itself, and for all interfaces
// (0.0.0.0, ::) the machine's own name and its .local name.
func allowNetwork(dev *devserver.Server, host string) []string {
	dev.AllowAddresses()
	switch ip := net.ParseIP(host); {
	case ip == nil && host != "":
		dev.AllowHost(host) // a name of this machine
		return []string{host}
	case ip != nil && !ip.IsUnspecified():
		return []string{host}
	}
	var reach []string
	if name, err := os.Hostname(); err == nil && name != "" && name != "localhost" {
		dev.AllowHost(name)
		reach = append(reach, name)
		short, _, _ := strings.Cut(name, ".")
		dev.AllowHost(short + ".local") // mDNS, which macOS and most Linux desktops answer
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipnet, ok := a.(*net.IPNet); ok && ipnet.IP.To4() != nil && !ipnet.IP.IsLoopback() {
			reach = append(reach, ipnet.IP.String())
		}
	}
	return reach
}

func displayHost(host string) string {
	if host == "" || host == "0.0.0.0" || host == "::" {
		return "localhost"
	}
	return host
}

// server is the state of one serve session: the last good site on disk,
// the converted pages to reuse, and the browser connections to tell.
type server struct {
	src            site.Sources
	out            string
	stdout, stderr io.Writer
	dev            *devserver.Server
	memo           *site.Memo   // what the last build made, to reuse
	live           *output.Live // out, kept up to date file by file
	running        *rebuilding  // the latest rebuild started, finished or not; nil before the first
}

// rebuilding is one rebuild on its own goroutine.
type rebuilding struct {
	paths   []string // the change it was started for
	cancel  context.CancelFunc
	done    chan struct{} // closed when the rebuild has returned
	stopped bool          // cancelled before it finished; read once done is closed
}

// start begins a rebuild after a change to paths (nil for the first
// build), once any rebuild still running has stopped: a newer save
// overtakes it rather than wait behind it, and the new rebuild takes up
// its paths and reuses the pages it converted. start and stop are called
// from one goroutine at a time.
func (s *server) start(ctx context.Context, paths []string) {
	if r := s.running; r != nil {
		r.cancel()
		select {
		case <-r.done: // rebuilds share the cache and the output folder
		case <-ctx.Done():
			return // stopping: stop gives the rebuild its grace
		}
		if r.stopped {
			paths = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(r.paths), paths...))))
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &rebuilding{paths: paths, cancel: cancel, done: make(chan struct{})}
	s.running = r
	go func() {
		defer close(r.done)
		defer cancel()
		r.stopped = !s.rebuild(ctx, paths)
	}()
}

// finish waits for the rebuild started last, and reports whether it ran
// to its end rather than being stopped because ctx is done.
func (s *server) finish(ctx context.Context) bool {
	select {
	case <-s.running.done:
		return ctx.Err() == nil
	case <-ctx.Done():
		s.stop()
		return false
	}
}

// stop cancels the rebuild in progress, if any, and waits up to grace for
// it to return.
func (s *server) stop() {
	r := s.running
	if r == nil {
		return
	}
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(grace):
	}
}

func newServer(src site.Sources, out string, stdout, stderr io.Writer) *server {
	return &server{src: src, out: out, stdout: stdout, stderr: stderr,
		dev: devserver.New(out), memo: site.NewMemo(), live: output.NewLive(out)}
}

// rebuild makes the whole site again after a change to paths (nil at
// start) and either puts it in place and reloads the browsers, or keeps
// the last good site and shows the problems in every open page. Once ctx
// is done it stops between pages and changes nothing on disk, leaving
// paths for the next rebuild, and reports false.
func (s *server) rebuild(ctx context.Context, paths []string) bool {
	start := time.Now()
	s.memo.Changed(paths...)
	for _, p := range paths {
		if inside(p, s.src.Layouts) {
			s.memo.LayoutsChanged() // a template or asset changed: every page may look different
		}
	}
	what := describeChange(paths)
	var note string
	if s.live.Partial() && !s.live.Intact() {
		// Writing only the changed files would leave a folder of a few pages.
		note = fmt.Sprintf("The folder %s was deleted or replaced while the preview was running, so the whole site was written to it again.", s.out)
		s.rewrite()
	}
	built, changed, problems, err := s.update(ctx)
	if err != nil && s.live.Partial() && ctx.Err() == nil {
		// Writing the changed files failed, a full disk say, before any was
		// put in place, or part way through putting them there. Either way,
		// make the whole site beside the folder and swap it in, as the
		// first build does, so the folder holds one whole version.
		note = fmt.Sprintf("Writing the changed files into %s failed (%v), so the whole site was written again beside it and put in place in one step.", s.out, err)
		s.rewrite()
		built, changed, problems, err = s.update(ctx)
	}
	if ctx.Err() != nil && (problems != nil || err != nil) {
		return false // overtaken by a newer save, or stopping
	}
	switch {
	case problems != nil:
		var buf bytes.Buffer
		report(&buf, problems)
		s.stderr.Write(buf.Bytes())
		if paths == nil {
			fmt.Fprintf(s.stdout, "The site could not be built; %s\n", s.stillServed())
		} else {
			fmt.Fprintf(s.stdout, "%s: the site could not be rebuilt; %s\n", what, s.stillServed())
		}
		s.dev.Fail(buf.String())
		return true
	case err != nil:
		fmt.Fprintf(s.stderr, "generator: writing the site: %v; %s\n", err, s.stillServed())
		s.dev.Fail(fmt.Sprintf("The site could not be written: %v.\nPut that right, then save again; %s.", err, s.stillServed()))
		return true
	}
	if note != "" {
		fmt.Fprintf(s.stderr, "warning: %s\n", note)
	}
	report(s.stderr, joinErrs(built.Warnings))
	s.dev.ReloadNoting(changed, note)
	ms := time.Since(start).Milliseconds()
	if paths == nil {
		fmt.Fprintf(s.stdout, "Built %d pages in %d ms\n", built.Pages, ms)
		return true
	}
	fmt.Fprintf(s.stdout, "%s: %d pages, %d %s changed, %d ms\n", what, built.Pages,
		len(changed), plural(len(changed), "file", "files"), ms)
	return true
}

// update renders the site and brings the output folder up to date with
// it. Problems in the sources come back as problems, with nothing
// written; a failure to write comes back as err.
func (s *server) update(ctx context.Context) (built *site.Result, changed []string, problems, err error) {
	ch := s.live.Changes()
	opt := site.Options{Site: layout.Site{Title: siteTitle, Drafts: true}, Memo: s.memo}
	built, problems = site.Build(ctx, s.src, opt, ch)
	if problems != nil {
		return nil, nil, problems, nil
	}
	changed, err = s.live.Apply(ctx, ch)
	if err != nil {
		return nil, nil, nil, err
	}
	s.memo.Settle(built)
	return built, changed, nil, nil
}

// rewrite makes the next update render every page and write the whole
// site beside the output folder, then swap it in.
func (s *server) rewrite() {
	s.live.Rewrite()
	s.memo.ForgetRendered()
}

// stillServed says what the browser shows after a failed rebuild.
func (s *server) stillServed() string {
	switch {
	case s.live.Partial():
		return "the last good version is still served"
	case s.live.Intact():
		return "the last version written whole is still served"
	}
	if _, err := os.Stat(s.out); err == nil {
		return fmt.Sprintf("the preview shows what %s holds now, until the problems are fixed", s.out)
	}
	return "the preview will show the site once the problems are fixed"
}

func describeChange(paths []string) string {
	switch len(paths) {
	case 0:
		return "Built"
	case 1:
		return "Rebuilt after a change to " + filepath.ToSlash(paths[0])
	}
	return fmt.Sprintf("Rebuilt after changes to %s and %d more", filepath.ToSlash(paths[0]), len(paths)-1)
}

// openBrowser asks the desktop to open url; failure is not worth an error.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}

// inside reports whether path p is in folder dir.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
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
	"sync"
	"syscall"
	"time"
	"weak"

	"ppchandbook/generator/devserver"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/watch"
)

// quiet is how long the watcher waits after the last file event before
// rebuilding: long enough to gather an editor's write-rename-delete burst
// into one rebuild, short enough that the preview feels instant.
const quiet = 30 * time.Millisecond

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c commonFlags
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; only this computer can connect unless you choose another")
	open := fs.Bool("open", false, "open the handbook in the web browser")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if err := checkOut(c.out, c.sources()); err != nil {
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
// site on disk is whole either way, since it changes only by renames.
const grace = 300 * time.Millisecond

// serve previews the site from src on addr, writing it to out, until ctx
// is done.
func serve(ctx context.Context, src sources, out, addr string, open bool, stdout, stderr io.Writer) error {
	host, _, _ := net.SplitHostPort(addr)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v (is another preview already running? try -addr 127.0.0.1:1314)", addr, err)
	}
	defer ln.Close()
	s := newServer(src, out, stdout, stderr)
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: serving on %s lets other computers on the network see the preview; use 127.0.0.1 to keep it on this computer\n", addr)
		s.dev.AllowHost(host)
	}
	// A large handbook takes seconds to build the first time; say so, and
	// that Ctrl-C works meanwhile.
	fmt.Fprintln(stdout, "Building the handbook (press Ctrl-C to stop)")
	s.start(ctx, nil)
	if !s.finish(ctx) {
		fmt.Fprintln(stdout, "Stopped.")
		return nil
	}
	srv := &http.Server{Handler: s.dev, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.dev.Close)
	go srv.Serve(ln)
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	url := "http://" + net.JoinHostPort(displayHost(host), port) + "/"
	fmt.Fprintf(stdout, "Serving the handbook at %s (press Ctrl-C to stop)\n", url)
	if open {
		openBrowser(url)
	}
	err = watch.Options{Log: stderr}.Run(ctx, []string{src.content, src.layouts}, quiet, func(ch watch.Change) {
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

func displayHost(host string) string {
	if host == "" || host == "0.0.0.0" || host == "::" {
		return "localhost"
	}
	return host
}

// server is the state of one serve session: the last good site on disk,
// the converted pages to reuse, and the browser connections to tell.
type server struct {
	src            sources
	out            string
	stdout, stderr io.Writer
	dev            *devserver.Server
	cache          *docCache
	written        map[string]written // each file now in out
	running        *rebuilding        // the latest rebuild started, finished or not; nil before the first
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
		<-r.done // rebuilds share the cache and the output folder
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

func newServer(src sources, out string, stdout, stderr io.Writer) *server {
	return &server{src: src, out: out, stdout: stdout, stderr: stderr,
		dev: devserver.New(out), cache: newDocCache()}
}

// rebuild makes the whole site again after a change to paths (nil at
// start) and either puts it in place and reloads the browsers, or keeps
// the last good site and shows the problems in every open page. Once ctx
// is done it stops between pages and changes nothing on disk, leaving
// paths for the next rebuild, and reports false.
func (s *server) rebuild(ctx context.Context, paths []string) bool {
	start := time.Now()
	s.cache.since = append(s.cache.since, paths...)
	for _, p := range paths {
		if inside(p, s.src.layouts) {
			s.cache.forget() // a template or asset changed: every page may look different
		}
	}
	ch := &changes{written: s.written, now: make(map[string]written, len(s.written)), changed: map[string][]byte{}}
	site, err := render(ctx, s.src, layout.Site{Title: siteTitle}, s.cache, ch)
	if ctx.Err() != nil {
		return false // overtaken by a newer save, or stopping
	}
	what := describeChange(paths)
	if err != nil {
		var buf bytes.Buffer
		report(&buf, err)
		s.stderr.Write(buf.Bytes())
		fmt.Fprintf(s.stdout, "%s: the site could not be rebuilt; the last good version is still served\n", what)
		s.dev.Fail(buf.String())
		return true
	}
	changed, err := s.apply(ctx, ch)
	if err != nil && ctx.Err() != nil {
		return false // stopped while writing the whole site beside the output folder
	}
	if err == nil {
		s.cache.settle(site.loaded)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "generator: %v\n", err)
		s.dev.Fail(err.Error())
		return true
	}
	report(s.stderr, joinErrs(site.warnings))
	s.dev.Reload(changed)
	ms := time.Since(start).Milliseconds()
	if paths == nil {
		fmt.Fprintf(s.stdout, "Built %d pages in %d ms\n", site.pages, ms)
		return true
	}
	fmt.Fprintf(s.stdout, "%s: %d pages, %d %s changed, %d ms\n", what, site.pages,
		len(changed), plural(len(changed), "file", "files"), ms)
	return true
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

// changes is the sink of a preview rebuild: it notes every file's hash and
// keeps only the files whose bytes differ from what the output folder
// holds, so a one-page edit on a large site holds and writes a handful.
type changes struct {
	written map[string]written // what the output folder holds; read only here
	mu      sync.Mutex
	now     map[string]written // every file of the new site
	changed map[string][]byte
}

// written is what serve knows of a file in the output folder.
type written struct {
	hash [32]byte
	// data points to the bytes the file was written from, without keeping
	// them in memory, for files worth the bother. Output is never changed
	// once made, so if the next rebuild hands over the same slice (a
	// search file the index kept) the file is unchanged and need not be
	// hashed again.
	data weak.Pointer[byte]
	size int
}

// weakFrom is the size from which a file is recognised by its slice rather
// than hashed: making a weak pointer costs about as much as hashing a
// kilobyte or two.
const weakFrom = 2 << 10

func (c *changes) put(name string, data []byte) error {
	if data == nil { // unchanged since the last rebuild: keep what is on disk
		c.mu.Lock()
		defer c.mu.Unlock()
		c.now[name] = c.written[name]
		return nil
	}
	w := written{size: len(data)}
	if len(data) >= weakFrom {
		w.data = weak.Make(&data[0])
	}
	c.mu.Lock()
	old, ok := c.written[name]
	c.mu.Unlock()
	same := ok && w.data == old.data && w.size == old.size && w.data.Value() != nil
	if same {
		w.hash = old.hash
	} else {
		w.hash = hashOf(data)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now[name] = w
	if !ok || old.hash != w.hash {
		c.changed[name] = data
	}
	return nil
}

// apply brings out up to date with a rebuild and returns the paths whose
// bytes changed, appeared or went. The first time it swaps in the whole
// site, unless ctx is done first; after that it replaces only changed
// files, each by an atomic rename, which is quick and not interrupted.
// The browser is told only after all of them are in place.
func (s *server) apply(ctx context.Context, ch *changes) ([]string, error) {
	if s.written == nil {
		stopped := func(int) error { return ctx.Err() }
		if err := writeWith(s.out, ch.changed, stopped); err != nil {
			return nil, err
		}
		s.written = ch.now
		return nil, nil
	}
	var changed []string
	for name, b := range ch.changed {
		if err := replaceFile(filepath.Join(s.out, filepath.FromSlash(name)), b); err != nil {
			return nil, fmt.Errorf("writing %s: %v", name, plainErr(err))
		}
		changed = append(changed, name)
	}
	for name := range s.written {
		if _, ok := ch.now[name]; !ok {
			p := filepath.Join(s.out, filepath.FromSlash(name))
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("removing %s: %v", name, plainErr(err))
			}
			removeEmptyParents(p, s.out)
			changed = append(changed, name)
		}
	}
	s.written = ch.now
	slices.Sort(changed)
	return changed, nil
}

// replaceFile writes b beside p and renames it over p, so a browser never
// reads a half-written page.
func replaceFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// inside reports whether path p is in folder dir.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func removeEmptyParents(p, root string) {
	root = filepath.Clean(root)
	for d := filepath.Dir(p); strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			return
		}
	}
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

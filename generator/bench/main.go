// Command bench measures the generator against Hugo, the speed reference,
// and against the floor: a bare program that only converts each page with
// goldmark and chroma and writes it (generator/internal/floor).
//
// Usage:
//
//	go run ./generator/bench [-pages 1000,10000] [-runs 5] [-seed 1] [-pause 20s] [-keep] [-priority] [-latency | -latency-only] [-against BIN]
//
// For each size it writes a synthetic handbook (generator/internal/corpus)
// in the handbook's format and, when hugo is on PATH, the same pages as a
// minimal one-template Hugo site. It builds the generator and the floor
// with go build, then times -runs builds of each tool on each corpus. Each
// build is a separate process, and the tools take turns (ours, floor,
// hugo; then floor, ours, hugo; ...) so that a slow spell on the machine
// does not land on one tool; Hugo goes last each time, as the tool after
// it runs slower, and that should alternate. Between runs, outside the timing, the disk is
// flushed (sync) and left to rest for -pause, so no run pays for the
// writes of the one before. Every run writes a fresh folder, as a first
// build would, and the outputs are deleted only when the bench ends: on
// ext4 without a journal (as here), files made within minutes of a mass
// delete pay for every recently freed inode near them, and a 10,000-page
// build that followed the deletion of another took 10-15 s of system time
// against 2-3 s. For the same reason, leave a few minutes after deleting a
// large folder (or a previous bench) before starting one. Wall time is
// measured around the process and peak memory is the child's maximum
// resident set size from getrusage.
//
// With -latency it also starts generator serve (and hugo server) on the
// real handbook and on each corpus, opens one page in headless Chromium
// (when chromium is on PATH), saves that page's Markdown 20 times after
// one warm-up save, and reports the p50 and p95 of the time from each save
// to the reload message on the server's channel and to the new text
// visible in the page: a MutationObserver, installed in every document
// the tab opens, notes the frame in which the text appears, whether the
// page swapped it in or reloaded, and the page's clock is set against
// bench's own before each save. -latency-only does that and builds
// nothing else. Its targets, each PASS or FAIL:
//
//	save to visible on the handbook and on 1,000 pages   p50 < 100 ms, p95 < 150 ms
//	save to visible on 10,000 pages, ours/hugo server p50   ≤ 0.25×
//
// It prints the median of each tool at each size, then the targets set in
// the performance issue, each marked PASS or FAIL:
//
//	ours/Hugo wall time     ≤ 0.60× (from 10,000 pages; smaller sizes show the ratio only)
//	ours/Hugo peak memory   ≤ 0.25× (from 1,000 pages; likewise below)
//	ours/floor wall time    ≤ 1.10×
//	ours per page, largest size vs smallest   ≤ 1.20× (linear)
//
// With -against BIN, bench compares the generator with BIN, another build
// of it (go build -o /tmp/before ./generator at an earlier commit), and
// with nothing else: the two take turns, ours first in one run and BIN
// first in the next, and with -latency both previews are timed on each
// site, taking turns save by save. Each lays pages out with the layouts
// built into it. It reports the medians' ratios, ours/before, for wall time, CPU,
// peak memory and save to reload, each against 1.03, the noise a change
// that should not alter speed is allowed.
//
// Without hugo on PATH the Hugo comparisons are skipped and say so. A FAIL
// is a result, not an error: the exit status is 1 only when something could
// not be built or measured, and 2 for a bad command line. The corpora and
// outputs go in a temporary folder that is removed afterwards unless -keep
// is given. Other work on the machine distorts every number, so bench
// reports how much CPU time other processes took during the runs; on a
// shared machine, -priority runs every build at nice -15 (as root), so the
// others disturb it less.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/internal/editor"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the parsed command line.
type config struct {
	sizes []int // pages per corpus, as given
	runs  int
	seed  int64
	keep  bool
	// priority runs the builds at nice -15, for a machine other work
	// shares; it needs root, and every tool gets the same.
	priority bool
	// pause is how long to let the disk rest between runs.
	pause time.Duration
	// latency also times save-to-reload of generator serve (and hugo
	// server) on the real handbook and on each corpus.
	latency bool
	// latencyOnly times save-to-reload and builds nothing else, for work
	// on the preview.
	latencyOnly bool
	// against is another build of the generator to compare ours with,
	// and nothing else; "" for the floor and Hugo.
	against string
	// save is how the timed saves write the page.
	save editor.Save
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 2
	}
	// The builds run in sessions of their own with -priority, so an
	// interrupt does not reach them: cancelling kills the one running.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := bench(ctx, cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	return 0
}

func parse(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.String("pages", "1000,10000", "corpus sizes to measure, in pages, comma-separated")
	var cfg config
	// Five, not three: on this machine kind the same build's wall time
	// ranged 5.7-8.3 s (the floor) and 7.5-10.3 s (ours) within one
	// bench, and medians of three swung the ratios by a tenth between
	// benches run an hour apart.
	fs.IntVar(&cfg.runs, "runs", 5, "builds of each tool at each size; the median is reported")
	fs.Int64Var(&cfg.seed, "seed", 1, "seed of the generated corpora")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary folder of corpora and outputs")
	fs.BoolVar(&cfg.latency, "latency", false, "also time save-to-reload in serve, against hugo server, over 20 saves")
	fs.BoolVar(&cfg.latencyOnly, "latency-only", false, "time save-to-reload only, without the build measurements")
	fs.DurationVar(&cfg.pause, "pause", 20*time.Second, "rest between runs, after the last output is deleted and the disk flushed")
	fs.BoolVar(&cfg.priority, "priority", false, "run the builds at a raised CPU priority (Linux, as root), when other work shares the machine")
	fs.StringVar(&cfg.against, "against", "", "another build of the generator to compare with, turn about (instead of the floor and Hugo)")
	save := fs.String("save", "write", "how each timed save writes the page: "+editor.Help())
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	var err error
	if cfg.save, err = editor.Find(*save); err != nil {
		return cfg, fmt.Errorf("-save %v", err)
	}
	if cfg.latencyOnly {
		cfg.latency = true
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for s := range strings.SplitSeq(*pages, ",") {
		if strings.TrimSpace(s) == "" && cfg.latencyOnly && !strings.Contains(*pages, ",") {
			break // -pages "" -latency-only: the handbook alone
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("-pages: %q is not a number of pages", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.runs < 1 {
		return cfg, fmt.Errorf("-runs must be at least 1, not %d", cfg.runs)
	}
	if cfg.against != "" {
		abs, err := filepath.Abs(cfg.against)
		if err != nil {
			return cfg, fmt.Errorf("-against: %v", err)
		}
		if info, err := os.Stat(abs); err != nil || info.IsDir() {
			return cfg, fmt.Errorf("-against %s: no such program (build one with go build -o %s ./generator)", cfg.against, cfg.against)
		}
		cfg.against = abs
	}
	return cfg, nil
}

// bench builds the tools, writes the corpora and measures every tool on
// every corpus, then reports.
func bench(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "ppcbench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Fprintf(stderr, "keeping corpora and outputs in %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	run, err := newSession(ctx, cfg, root, tmp, stdout, stderr)
	if err != nil {
		return err
	}
	var results []*result
	var latencies []liveResult
	var loadBefore string // when the preview timings began
	if cfg.latency {
		if run.br, err = startBrowser(ctx, tmp); err != nil {
			return err
		}
		if run.br == nil {
			fmt.Fprintln(stdout, "chromium is not on PATH: timing saves to the reload message only (apt-get install chromium to time them to the page)")
		} else {
			defer run.br.cancel()
		}
		fmt.Fprintf(stdout, "each save written as %s: %s\n", cfg.save.Name, cfg.save.Help)
		loadBefore = loadAverage()
		r, err := run.handbook(ctx)
		if err != nil {
			return err
		}
		latencies = append(latencies, r)
	}
	for _, n := range cfg.sizes {
		rs, r, err := run.corpus(ctx, n)
		if err != nil {
			return err
		}
		results = append(results, rs...)
		if cfg.latency {
			latencies = append(latencies, r)
		}
	}
	run.report(stdout, results, latencies, loadBefore)
	return nil
}

// report prints every result and verdict, then how quiet the machine was.
func (s *session) report(stdout io.Writer, results []*result, latencies []liveResult, loadBefore string) {
	switch {
	case s.cfg.against != "":
		reportAgainst(stdout, results, latencies, s.cfg, s.br != nil)
	case !s.cfg.latencyOnly:
		report(stdout, results, s.cfg, s.hugo != "")
	}
	if s.cfg.against == "" {
		reportLatency(stdout, latencies, s.br != nil, s.hugo != "")
	}
	if loadBefore != "" {
		// The preview timings run at normal priority; they are only as
		// good as the machine is quiet.
		fmt.Fprintf(stdout, "\nLoad average (1, 5, 15 min) when the preview timings began: %s; at the end: %s (%d CPUs).\n",
			loadBefore, loadAverage(), runtime.NumCPU())
	}
	s.noise.report(stdout, s.cfg.priority)
}

// session is one bench run: its settings, the programs it measures and
// the folder it works in.
type session struct {
	cfg                config
	root, tmp, layouts string // the module, the temporary folder, the copy of the layouts
	ours, floor, hugo  string // programs; hugo is "" when left out
	br                 *browser
	noise              noise
	stderr             io.Writer
}

// newSession builds the tools into tmp and copies the layouts there.
func newSession(ctx context.Context, cfg config, root, tmp string, stdout, stderr io.Writer) (*session, error) {
	fmt.Fprintln(stderr, "building the generator and the floor")
	ours, floor, err := buildTools(ctx, root, filepath.Join(tmp, "bin"))
	if err != nil {
		return nil, err
	}
	hugo := findHugo(cfg, stdout)
	// A copy of the layouts taken with the build, so that an edit made to
	// them while bench runs cannot break the binary's later builds. With
	// -against, an empty folder instead: each program then lays pages out
	// with the layouts built into it, as each was released, and an older
	// one is not handed templates that use fields it does not have.
	layouts := filepath.Join(tmp, "layouts")
	if cfg.against != "" {
		err = os.Mkdir(layouts, 0o755)
	} else {
		err = os.CopyFS(layouts, os.DirFS(filepath.Join(root, "layouts")))
	}
	if err != nil {
		return nil, fmt.Errorf("copying the layouts: %v", err)
	}
	return &session{cfg: cfg, root: root, tmp: tmp, layouts: layouts, ours: ours, floor: floor, hugo: hugo, stderr: stderr}, nil
}

// handbook times saves in the preview of a copy of the real handbook.
func (s *session) handbook(ctx context.Context) (liveResult, error) {
	handbook := filepath.Join(s.tmp, "handbook", "content")
	if err := os.CopyFS(handbook, os.DirFS(filepath.Join(s.root, "content"))); err != nil {
		return liveResult{}, fmt.Errorf("copying the handbook: %v", err)
	}
	fmt.Fprintln(s.stderr, "timing saves on the handbook")
	r, err := measurePreviews(ctx, s.cfg, s.ours, handbook, s.layouts, filepath.Join(s.tmp, "handbook"), s.br, s.stderr)
	r.label = "the handbook"
	return r, err
}

// corpus writes a corpus of n pages and measures every tool's builds of
// it, and with -latency its previews.
func (s *session) corpus(ctx context.Context, n int) ([]*result, liveResult, error) {
	cfg := s.cfg
	dir := filepath.Join(s.tmp, strconv.Itoa(n))
	content, site := filepath.Join(dir, "content"), filepath.Join(dir, "hugo")
	fmt.Fprintf(s.stderr, "writing a corpus of %d pages\n", n)
	if err := corpus.Write(content, n, cfg.seed); err != nil {
		return nil, liveResult{}, fmt.Errorf("writing the corpus: %v", err)
	}
	tools := []tool{builder(ctx, "ours", s.ours, content, s.layouts)}
	if cfg.against != "" {
		tools = append(tools, builder(ctx, "before", cfg.against, content, s.layouts))
	} else {
		tools = append(tools, tool{name: "floor", command: func(out string) *exec.Cmd {
			return exec.CommandContext(ctx, s.floor, "-content", content, "-out", out)
		}})
	}
	if s.hugo != "" {
		if err := corpus.WriteHugo(site, n, cfg.seed); err != nil {
			return nil, liveResult{}, fmt.Errorf("writing the Hugo corpus: %v", err)
		}
		tools = append(tools, tool{name: "hugo", command: func(out string) *exec.Cmd {
			return exec.CommandContext(ctx, s.hugo, "--quiet", "-s", site, "-d", out)
		}})
	}
	var results []*result
	if !cfg.latencyOnly {
		var err error
		if results, err = measureAll(tools, n, cfg, dir, &s.noise, s.stderr); err != nil {
			return nil, liveResult{}, err
		}
	}
	if !cfg.latency {
		return results, liveResult{}, nil
	}
	fmt.Fprintf(s.stderr, "timing saves on %d pages\n", n)
	r, err := measurePreviews(ctx, cfg, s.ours, content, s.layouts, dir, s.br, s.stderr)
	if err != nil {
		return nil, r, err
	}
	if s.hugo != "" {
		if r.hugo, err = measureLatency(ctx, hugoLive(ctx, s.hugo, site), cfg.save, s.br, s.stderr); err != nil {
			return nil, r, err
		}
	}
	r.label, r.pages = fmt.Sprintf("%d pages", n), n
	return results, r, nil
}

// buildTools builds the generator and the floor from the module at root
// into dir.
func buildTools(ctx context.Context, root, dir string) (ours, floor string, err error) {
	ours, floor = filepath.Join(dir, "generator"), filepath.Join(dir, "floor")
	for bin, pkg := range map[string]string{ours: "./generator", floor: "./generator/internal/floor/cmd"} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return ours, floor, nil
}

// findHugo returns hugo's path, or "" when it is missing or -against
// leaves it out, and says which.
func findHugo(cfg config, stdout io.Writer) string {
	hugo, err := exec.LookPath("hugo")
	switch {
	case cfg.against != "":
		fmt.Fprintf(stdout, "comparing with %s, and nothing else\n", cfg.against)
		return ""
	case err != nil:
		fmt.Fprintln(stdout, "hugo is not on PATH: skipping the Hugo comparison (install it, e.g. apt-get install hugo, to compare)")
		return ""
	}
	if v, err := exec.Command(hugo, "version").Output(); err == nil {
		fmt.Fprintf(stdout, "hugo: %s", v)
	}
	return hugo
}

// builder is the tool name: a build of the generator at bin.
func builder(ctx context.Context, name, bin, content, layouts string) tool {
	return tool{name: name, command: func(out string) *exec.Cmd {
		return exec.CommandContext(ctx, bin, "build", "-content", content, "-layouts", layouts, "-out", out)
	}}
}

// measurePreviews times saves in our preview of content, and in the one
// of -against if given, each writing beside dir. The two take turns save
// by save, -against's on a copy of content.
func measurePreviews(ctx context.Context, cfg config, ours, content, layouts, dir string, br *browser, stderr io.Writer) (liveResult, error) {
	var r liveResult
	tools := []liveTool{ourLive(ctx, ours, content, layouts, filepath.Join(dir, "live"))}
	if cfg.against != "" {
		copied := filepath.Join(dir, "content-before")
		if err := os.CopyFS(copied, os.DirFS(content)); err != nil {
			return r, err
		}
		before := ourLive(ctx, cfg.against, copied, layouts, filepath.Join(dir, "live-before"))
		before.name = "before"
		tools = append(tools, before)
	}
	ls, err := measureLatencies(ctx, tools, cfg.save, br, stderr)
	if err != nil {
		return r, err
	}
	r.ours = ls[0]
	if len(ls) > 1 {
		r.before = ls[1]
	}
	return r, nil
}

// moduleRoot finds the repository root: the nearest folder, from the
// working folder up, holding go.mod and the generator.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		_, errMod := os.Stat(filepath.Join(dir, "go.mod"))
		_, errGen := os.Stat(filepath.Join(dir, "generator", "main.go"))
		if errMod == nil && errGen == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run bench inside the repository: no folder above this one holds go.mod and generator/")
		}
		dir = parent
	}
}

// median returns the middle value of xs, or the mean of the middle two.
func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

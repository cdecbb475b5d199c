package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// tool is one program under test.
type tool struct {
	name    string                     // "ours", "floor", "hugo" or "before"
	command func(out string) *exec.Cmd // builds the corpus into out
}

// result is every run of one tool on one corpus.
type result struct {
	tool  string
	pages int             // in the corpus
	wall  []time.Duration // per run
	cpu   []time.Duration // user and system time per run, all threads
	rss   []int64         // peak resident memory per run, in bytes; 0 if unknown
	wrote int             // index.html files the first run wrote
}

// measureAll runs each tool runs times on the corpus in dir, taking turns,
// and returns one result per tool in the order given.
func measureAll(tools []tool, pages int, cfg config, dir string, noise *noise, stderr io.Writer) ([]*result, error) {
	results := make([]*result, len(tools))
	for i, t := range tools {
		results[i] = &result{tool: t.name, pages: pages}
	}
	runs := cfg.runs
	for r := range runs {
		order := turns(r, len(tools))
		if cfg.against != "" {
			order = alternate(r, len(tools))
		}
		for _, i := range order {
			t, res := tools[i], results[i]
			out := filepath.Join(dir, "out-"+t.name+"-"+strconv.Itoa(r))
			fmt.Fprintf(stderr, "%d pages, run %d of %d: %s ", pages, r+1, runs, t.name)
			s, err := measure(t.command(out), cfg.priority, noise)
			if err != nil {
				return nil, fmt.Errorf("%s on %d pages: %v", t.name, pages, err)
			}
			fmt.Fprintf(stderr, "%.2f s, %.2f s CPU, %s\n", s.wall.Seconds(), s.cpu.Seconds(), megabytes(s.rss))
			res.wall = append(res.wall, s.wall)
			res.cpu = append(res.cpu, s.cpu)
			res.rss = append(res.rss, s.rss)
			if r == 0 {
				res.wrote = countPages(out)
			}
			// Outputs are kept until the bench ends, not deleted here: on
			// ext4 without a journal, a file made within minutes of a mass
			// delete scans past every recently freed inode in its group
			// (the kernel's recently_deleted check), so whichever tool ran
			// after a deletion took 10-15 s of system time instead of 2-3.
			quietDisk()
			time.Sleep(cfg.pause)
		}
	}
	return results, nil
}

// alternate returns the order the n tools build in, in run r, when none
// must go last: each goes first in turn.
func alternate(r, n int) []int {
	order := make([]int, n)
	for k := range n {
		order[k] = (k + r) % n
	}
	return order
}

// turns returns the order the n tools build in, in run r. The last tool
// (Hugo, when there is one) always goes last and the others take turns
// before it. What a build leaves the machine in slows the next one: after
// Hugo (2 GB, 12 s on both cores) the next tool took 2-4 s more CPU in
// the same run, with or without a rest. Simple rotation put our build
// straight after Hugo in two runs of three and the floor in one; this way
// the tool after Hugo alternates.
func turns(r, n int) []int {
	order := make([]int, 0, n)
	for k := range n - 1 {
		order = append(order, (k+r)%(n-1))
	}
	return append(order, n-1)
}

// sample is one run of one tool.
type sample struct {
	wall, cpu time.Duration
	rss       int64 // bytes
}

// measure runs cmd to the end and returns its times and peak memory,
// adding the CPU time other processes took meanwhile to noise. With
// raised, the child runs at a higher CPU priority.
func measure(cmd *exec.Cmd, raised bool, noise *noise) (sample, error) {
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	busy := busyCPU()
	start := time.Now()
	var err error
	if raised {
		err = startRaised(cmd)
	} else {
		err = cmd.Start()
	}
	if err == nil {
		err = cmd.Wait()
	}
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%v\n%s", err, tail(stderr.String(), 20))
	}
	if busy >= 0 {
		busy = busyCPU() - busy
	}
	ps := cmd.ProcessState
	cpu := ps.UserTime() + ps.SystemTime()
	noise.add(wall, busy, cpu)
	return sample{wall, cpu, peakRSS(ps)}, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// countPages counts the index.html files under dir, to show that every
// tool made the same pages.
func countPages(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			n++
		}
		return nil
	})
	return n
}

// noise is the CPU time other processes took during the runs, from the
// whole machine's busy time (/proc/stat on Linux) less the child's own.
type noise struct {
	other, total time.Duration // summed over runs: others' CPU time, and wall time × CPUs
	worst        float64       // highest share of the CPUs others took in one run
	known        bool
}

func (n *noise) add(wall, busy, child time.Duration) {
	if busy < 0 {
		return
	}
	other := max(0, busy-child)
	total := wall * time.Duration(runtime.NumCPU())
	n.other += other
	n.total += total
	n.worst = max(n.worst, float64(other)/float64(total))
	n.known = true
}

func (n *noise) report(w io.Writer, raised bool) {
	if !n.known {
		return
	}
	share := float64(n.other) / float64(n.total)
	fmt.Fprintf(w, "\nOther processes used %.0f%% of the %d CPUs during the runs (%.0f%% in the worst run).",
		100*share, runtime.NumCPU(), 100*n.worst)
	switch {
	case raised:
		fmt.Fprint(w, " The builds ran at raised priority, so that is mostly CPU time they left idle.")
	case n.worst > 0.10:
		fmt.Fprint(w, " Wall times are not reliable: measure on a quiet machine, or as root with -priority.")
	}
	fmt.Fprintln(w)
}

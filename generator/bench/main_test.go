package main

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantSizes []int
		wantRuns  int
		latency   bool // save-to-reload is timed
		wantErr   bool
	}{
		{"defaults", nil, []int{1000, 10000}, 5, false, false},
		{"sizes", []string{"-pages", "50, 200"}, []int{50, 200}, 5, false, false},
		{"one run", []string{"-pages", "10", "-runs", "1"}, []int{10}, 1, false, false},
		{"latency", []string{"-latency"}, []int{1000, 10000}, 5, true, false},
		{"latency only", []string{"-pages", "10000", "-latency-only"}, []int{10000}, 5, true, false},
		{"not a number", []string{"-pages", "ten"}, nil, 0, false, true},
		{"no pages", []string{"-pages", "0"}, nil, 0, false, true},
		{"no runs", []string{"-runs", "0"}, nil, 0, false, true},
		{"argument", []string{"extra"}, nil, 0, false, true},
		{"the handbook alone", []string{"-pages", "", "-latency-only"}, nil, 5, true, false},
		{"no pages to build", []string{"-pages", ""}, nil, 0, false, true},
		{"a save pattern", []string{"-save", "vim", "-latency-only", "-pages", "10"}, []int{10}, 5, true, false},
		{"an unknown save pattern", []string{"-save", "emacs"}, nil, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse(tt.args, io.Discard)
			if tt.wantErr {
				if err == nil {
					t.Errorf("parse(%q) = %+v, nil; want an error", tt.args, cfg)
				}
				return
			}
			if err != nil || !slices.Equal(cfg.sizes, tt.wantSizes) || cfg.runs != tt.wantRuns || cfg.latency != tt.latency {
				t.Errorf("parse(%q) = sizes %v, runs %d, latency %v, %v; want %v, %d, %v, nil",
					tt.args, cfg.sizes, cfg.runs, cfg.latency, err, tt.wantSizes, tt.wantRuns, tt.latency)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []int64
		want int64
	}{
		{[]int64{5}, 5},
		{[]int64{3, 1, 2}, 2},
		{[]int64{4, 1, 3, 2}, 2},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

// TestReport checks the verdicts: a ratio at or under its limit passes,
// one over it fails, a size below a target's shows the ratio only, and
// what cannot be measured is skipped with a reason.
func TestReport(t *testing.T) {
	s := time.Second
	results := []*result{
		{tool: "ours", pages: 500, wall: []time.Duration{s / 2}, cpu: []time.Duration{s}, rss: []int64{100}},
		{tool: "floor", pages: 500, wall: []time.Duration{s / 2}, cpu: []time.Duration{s}, rss: []int64{10}},
		{tool: "hugo", pages: 500, wall: []time.Duration{2 * s}, cpu: []time.Duration{s}, rss: []int64{200}},
		{tool: "ours", pages: 1000, wall: []time.Duration{s}, cpu: []time.Duration{s}, rss: []int64{100}},
		{tool: "floor", pages: 1000, wall: []time.Duration{s}, cpu: []time.Duration{s}, rss: []int64{10}},
		{tool: "hugo", pages: 1000, wall: []time.Duration{2 * s}, cpu: []time.Duration{s}, rss: []int64{200}},
		{tool: "ours", pages: 2000, wall: []time.Duration{2200 * time.Millisecond}, cpu: []time.Duration{s}, rss: []int64{50}},
		{tool: "floor", pages: 2000, wall: []time.Duration{2 * s}, cpu: []time.Duration{s}, rss: []int64{10}},
		{tool: "hugo", pages: 2000, wall: []time.Duration{4 * s}, cpu: []time.Duration{s}, rss: []int64{200}},
		{tool: "ours", pages: 10000, wall: []time.Duration{20 * s}, cpu: []time.Duration{s}, rss: []int64{100}},
		{tool: "floor", pages: 10000, wall: []time.Duration{10 * s}, cpu: []time.Duration{s}, rss: []int64{10}},
		{tool: "hugo", pages: 10000, wall: []time.Duration{40 * s}, cpu: []time.Duration{s}, rss: []int64{300}},
	}
	var b strings.Builder
	report(&b, results, config{sizes: []int{500, 1000, 2000, 10000}, runs: 1}, true)
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{
		"500 pages: ours/Hugo wall time 0.25× – (the target is set from 10000 pages)",
		"500 pages: ours/Hugo peak memory 0.50× – (the target is set from 1000 pages)",
		"1000 pages: ours/Hugo wall time 0.50× – (the target is set from 10000 pages)",
		"1000 pages: ours/Hugo peak memory 0.50× ≤ 0.25× FAIL",
		"1000 pages: ours/floor wall time 1.00× ≤ 1.10× PASS",
		"2000 pages: ours/Hugo peak memory 0.25× ≤ 0.25× PASS",
		"2000 pages: ours/floor wall time 1.10× ≤ 1.10× PASS",
		"10000 pages: ours/Hugo wall time 0.50× ≤ 0.60× PASS",
		"10000 pages: ours/Hugo peak memory 0.33× ≤ 0.25× FAIL",
		"10000 pages: ours/floor wall time 2.00× ≤ 1.10× FAIL",
		"ours per page, 10000 vs 500 pages 2.00× ≤ 1.20× FAIL",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report does not say %q:\n%s", want, b.String())
		}
	}

	b.Reset()
	report(&b, results[3:5], config{sizes: []int{1000}, runs: 1}, false)
	for _, want := range []string{"SKIP (hugo not on PATH)", "SKIP (needs two sizes)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report without hugo does not say %q:\n%s", want, b.String())
		}
	}
}

func TestParsePause(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want time.Duration
	}{
		{nil, 20 * time.Second},
		{[]string{"-pause", "0"}, 0},
		{[]string{"-pause", "1m"}, time.Minute},
	} {
		cfg, err := parse(tt.args, io.Discard)
		if err != nil || cfg.pause != tt.want {
			t.Errorf("parse(%q) = pause %v, %v; want %v", tt.args, cfg.pause, err, tt.want)
		}
	}
}

func TestTurns(t *testing.T) {
	tests := []struct {
		n    int
		want [][]int // by run
	}{
		{1, [][]int{{0}, {0}}},
		{2, [][]int{{0, 1}, {0, 1}}},
		{3, [][]int{{0, 1, 2}, {1, 0, 2}, {0, 1, 2}}},
		{4, [][]int{{0, 1, 2, 3}, {1, 2, 0, 3}, {2, 0, 1, 3}}},
	}
	for _, tt := range tests {
		for r, want := range tt.want {
			if got := turns(r, tt.n); !slices.Equal(got, want) {
				t.Errorf("turns(%d, %d) = %v; want %v", r, tt.n, got, want)
			}
		}
	}
}

func TestAlternate(t *testing.T) {
	tests := []struct {
		n    int
		want [][]int // by run
	}{
		{1, [][]int{{0}, {0}}},
		{2, [][]int{{0, 1}, {1, 0}, {0, 1}}},
		{3, [][]int{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}},
	}
	for _, tt := range tests {
		for r, want := range tt.want {
			if got := alternate(r, tt.n); !slices.Equal(got, want) {
				t.Errorf("alternate(%d, %d) = %v; want %v", r, tt.n, got, want)
			}
		}
	}
}

// TestReportAgainst checks the ratios of ours to the -against program,
// each within 3% or not.
func TestReportAgainst(t *testing.T) {
	ms := time.Millisecond
	results := []*result{
		{tool: "ours", pages: 1000, wall: []time.Duration{1020 * ms}, cpu: []time.Duration{2000 * ms}, rss: []int64{110}},
		{tool: "before", pages: 1000, wall: []time.Duration{1000 * ms}, cpu: []time.Duration{1000 * ms}, rss: []int64{100}},
	}
	saves := func(d time.Duration) *latency { return &latency{reload: []time.Duration{d, d, d}} }
	latencies := []liveResult{{label: "the handbook", ours: saves(50 * ms), before: saves(50 * ms)}}
	var b strings.Builder
	reportAgainst(&b, results, latencies, config{sizes: []int{1000}, runs: 1}, false)
	for _, want := range []string{
		"1000 pages: wall time 1.02× ≤ 1.03× PASS",
		"1000 pages: CPU 2.00× ≤ 1.03× FAIL",
		"1000 pages: peak memory 1.10× ≤ 1.03× FAIL",
		"the handbook: save to reload p50 1.00× ≤ 1.03× PASS",
	} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
			t.Errorf("reportAgainst does not say %q:\n%s", want, b.String())
		}
	}
}

// TestReportLatency checks the preview verdicts: milliseconds on the
// handbook and 1,000 pages, the ratio to hugo server on 10,000, none on
// other sizes.
func TestReportLatency(t *testing.T) {
	ms := time.Millisecond
	times := func(d time.Duration) []time.Duration { return []time.Duration{d, d, d} }
	results := []liveResult{
		{label: "the handbook", ours: &latency{reload: times(40 * ms), visible: times(60 * ms)}},
		{label: "500 pages", pages: 500, ours: &latency{reload: times(40 * ms), visible: times(500 * ms)}},
		{label: "1000 pages", pages: 1000, ours: &latency{reload: times(90 * ms), visible: times(120 * ms)}},
		{label: "10000 pages", pages: 10000, ours: &latency{reload: times(200 * ms), visible: times(300 * ms)},
			hugo: &latency{reload: times(900 * ms), visible: times(time.Second), missedVisible: 1}},
	}
	var b strings.Builder
	reportLatency(&b, results, true, true)
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{
		"the handbook: p50 60ms < 100ms PASS",
		"the handbook: p95 60ms < 150ms PASS",
		"1000 pages: p50 120ms < 100ms FAIL",
		"10000 pages: ours/hugo server p50 0.30× ≤ 0.25× FAIL",
		"hugo server p50 900ms, p95 900ms p50 1s, p95 1s (1 never shown within 10s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("reportLatency does not say %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(out, "500 pages: p50") {
		t.Errorf("reportLatency gives 500 pages a verdict; want none:\n%s", b.String())
	}

	b.Reset()
	reportLatency(&b, results[:1], false, false)
	if !strings.Contains(b.String(), "SKIP (chromium not found)") {
		t.Errorf("reportLatency without a browser does not skip:\n%s", b.String())
	}
}

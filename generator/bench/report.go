package main

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"
)

// The targets of the performance issue, as ratios.
const (
	hugoWallLimit   = 0.60 // ours/Hugo wall time
	hugoMemoryLimit = 0.25 // ours/Hugo peak memory
	floorWallLimit  = 1.10 // ours/floor wall time
	linearityLimit  = 1.20 // ours per page at the largest size / at the smallest

	// hugoTargetsFrom is the size the ours/Hugo wall-time target (and the
	// preview's ours/hugo server one) is set for: 10,000 pages. Smaller
	// sizes show the ratio without a verdict.
	hugoTargetsFrom = 10_000
	// hugoMemoryFrom is the smallest size the ours/Hugo memory target is
	// set for. Memory is felt at every size a handbook is built at (a
	// shared desktop, a CI runner), so it holds from 1,000 pages up;
	// below that both tools are small and the ratio is shown only.
	hugoMemoryFrom = 1_000
)

// report prints the medians of every tool at every size, then each target
// with PASS, FAIL or SKIP.
func report(w io.Writer, results []*result, cfg config, hasHugo bool) {
	fmt.Fprintf(w, "\nMedian of %d %s. CPU is user + system time of all threads; per page is wall time / pages.\n\n",
		cfg.runs, plural(cfg.runs, "run", "runs"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Pages\tTool\tWall\tRange\tCPU\tPeak memory\tPer page\tPages written\t")
	for _, r := range results {
		wall := median(r.wall)
		fmt.Fprintf(tw, "%d\t%s\t%.2f s\t%.2f–%.2f s\t%.2f s\t%s\t%.2f ms\t%d\t\n", r.pages, r.tool, wall.Seconds(),
			slices.Min(r.wall).Seconds(), slices.Max(r.wall).Seconds(), median(r.cpu).Seconds(),
			megabytes(median(r.rss)), perPage(wall, r.pages).Seconds()*1000, r.wrote)
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Target\tMeasured\tLimit\tResult")
	find := func(tool string, pages int) *result {
		for _, r := range results {
			if r.tool == tool && r.pages == pages {
				return r
			}
		}
		return nil
	}
	for _, n := range cfg.sizes {
		ours, floor, hugo := find("ours", n), find("floor", n), find("hugo", n)
		wall, memory := fmt.Sprintf("%d pages: ours/Hugo wall time", n), fmt.Sprintf("%d pages: ours/Hugo peak memory", n)
		switch {
		case !hasHugo:
			skip(tw, wall, hugoWallLimit, "hugo not on PATH")
			skip(tw, memory, hugoMemoryLimit, "hugo not on PATH")
		default:
			hugoTarget(tw, wall, ratio(median(ours.wall), median(hugo.wall)), hugoWallLimit, n, hugoTargetsFrom)
			hugoTarget(tw, memory, ratio(median(ours.rss), median(hugo.rss)), hugoMemoryLimit, n, hugoMemoryFrom)
		}
		target(tw, fmt.Sprintf("%d pages: ours/floor wall time", n), ratio(median(ours.wall), median(floor.wall)), floorWallLimit)
	}
	small, large := slices.Min(cfg.sizes), slices.Max(cfg.sizes)
	name := "ours per page, largest vs smallest size"
	if small == large {
		skip(tw, name, linearityLimit, "needs two sizes")
	} else {
		a, b := find("ours", small), find("ours", large)
		name = fmt.Sprintf("ours per page, %d vs %d pages", large, small)
		target(tw, name, ratio(perPage(median(b.wall), large), perPage(median(a.wall), small)), linearityLimit)
	}
	tw.Flush()
}

// againstLimit is the most ours/before may be, for wall time, CPU, peak
// memory and save to reload, when a change should leave speed as it was:
// the noise between medians of a few runs on a quiet machine.
const againstLimit = 1.03

// reportAgainst prints the medians of ours and of the -against program
// at each size, and their ratios, each against againstLimit.
func reportAgainst(w io.Writer, results []*result, latencies []liveResult, cfg config, hasBrowser bool) {
	if len(results) > 0 {
		fmt.Fprintf(w, "\nMedian of %d %s, turn about. CPU is user + system time of all threads.\n\n",
			cfg.runs, plural(cfg.runs, "run", "runs"))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "Pages\tTool\tWall\tRange\tCPU\tPeak memory\tPages written\t")
		for _, r := range results {
			fmt.Fprintf(tw, "%d\t%s\t%.2f s\t%.2f–%.2f s\t%.2f s\t%s\t%d\t\n", r.pages, r.tool, median(r.wall).Seconds(),
				slices.Min(r.wall).Seconds(), slices.Max(r.wall).Seconds(), median(r.cpu).Seconds(), megabytes(median(r.rss)), r.wrote)
		}
		tw.Flush()
	}
	for _, l := range latencies {
		fmt.Fprintf(w, "\nOn %s, %d saves each: ours %s; before %s (to the reload message)\n",
			l.label, len(l.ours.reload), spread(l.ours.reload, l.ours.missedReload), spread(l.before.reload, l.before.missedReload))
		if hasBrowser {
			fmt.Fprintf(w, "  to the new text visible: ours %s; before %s\n",
				spread(l.ours.visible, l.ours.missedVisible), spread(l.before.visible, l.before.missedVisible))
		}
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ours/before\tMeasured\tLimit\tResult")
	for i := 0; i+1 < len(results); i += 2 {
		ours, before := results[i], results[i+1]
		n := ours.pages
		target(tw, fmt.Sprintf("%d pages: wall time", n), ratio(median(ours.wall), median(before.wall)), againstLimit)
		target(tw, fmt.Sprintf("%d pages: CPU", n), ratio(median(ours.cpu), median(before.cpu)), againstLimit)
		target(tw, fmt.Sprintf("%d pages: peak memory", n), ratio(median(ours.rss), median(before.rss)), againstLimit)
	}
	for _, l := range latencies {
		target(tw, l.label+": save to reload p50", ratio(percentile(l.ours.reload, 50), percentile(l.before.reload, 50)), againstLimit)
		if hasBrowser {
			target(tw, l.label+": save to visible p50", ratio(percentile(l.ours.visible, 50), percentile(l.before.visible, 50)), againstLimit)
		}
	}
	tw.Flush()
}

// target prints one line: the measured ratio against its upper limit.
func target(w io.Writer, name string, measured, limit float64) {
	result := "PASS"
	if measured > limit {
		result = "FAIL"
	}
	if measured < 0 {
		fmt.Fprintf(w, "%s\t–\t≤ %.2f×\tSKIP (memory unknown on this system)\n", name, limit)
		return
	}
	fmt.Fprintf(w, "%s\t%.2f×\t≤ %.2f×\t%s\n", name, measured, limit, result)
}

// hugoTarget prints one ours/Hugo ratio at a size of pages: against its
// limit from the size from up, and without a verdict below it.
func hugoTarget(w io.Writer, name string, measured, limit float64, pages, from int) {
	if pages >= from {
		target(w, name, measured, limit)
		return
	}
	if measured < 0 {
		fmt.Fprintf(w, "%s\t–\t–\t(memory unknown on this system)\n", name)
		return
	}
	fmt.Fprintf(w, "%s\t%.2f×\t–\t(the target is set from %d pages)\n", name, measured, from)
}

func skip(w io.Writer, name string, limit float64, why string) {
	fmt.Fprintf(w, "%s\t–\t≤ %.2f×\tSKIP (%s)\n", name, limit, why)
}

// ratio is a/b, or -1 when b is unknown (zero).
func ratio[T int64 | time.Duration](a, b T) float64 {
	if b == 0 {
		return -1
	}
	return float64(a) / float64(b)
}

func perPage(wall time.Duration, pages int) time.Duration { return wall / time.Duration(pages) }

func megabytes(b int64) string {
	if b == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

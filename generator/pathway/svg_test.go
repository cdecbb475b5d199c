package pathway

import (
	"slices"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/content"
)

func TestWeekTicks(t *testing.T) {
	tests := []struct {
		name string
		span int    // days on the axis
		want string // the labels, in order
	}{
		{"an 18-week pathway is labelled every 2 weeks", 126, "wk 0,2,4,6,8,10,12,14,16,18"},
		{"a 28-day pathway is labelled every week", 28, "wk 0,1,2,3,4"},
		{"a day", 1, "wk 0"},
		{"two pathways over 49 weeks are labelled every 8 weeks", 343, "wk 0,8,16,24,32,40,48"},
		{"ten years are labelled every 104 weeks", 3653, "wk 0,104,208,312,416,520"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var labels []string
			for _, tk := range weekTicks(scale{span: tt.span}) {
				if tk.label != "" {
					labels = append(labels, tk.label)
				}
			}
			if got := strings.Join(labels, ","); got != tt.want {
				t.Errorf("weekTicks(span %d) labels = %s; want %s", tt.span, got, tt.want)
			}
		})
	}
}

// TestWeekTicksNeverOverlap checks tick labels keep apart, and stay few, at
// any span, up to the longest the calendar allows.
func TestWeekTicksNeverOverlap(t *testing.T) {
	for span := 1; span < 4_000_000; span = span*3/2 + 1 {
		ticks := weekTicks(scale{span: span})
		if len(ticks) > 80 {
			t.Errorf("weekTicks(span %d) gives %d ticks", span, len(ticks))
		}
		prevRight := -1.0
		for _, tk := range ticks {
			if tk.label == "" {
				continue
			}
			w := width(tk.label, smallFont)
			if tk.x-w/2 < prevRight {
				t.Errorf("weekTicks(span %d): label %q at %.1f overlaps the one before", span, tk.label, tk.x)
			}
			if tk.x+w/2 > svgWidth {
				t.Errorf("weekTicks(span %d): label %q runs off the figure", span, tk.label)
			}
			prevRight = tk.x + w/2
		}
	}
}

func TestPlace(t *testing.T) {
	tests := []struct {
		name, label string
		x           float64
		wantAnchor  string // "" when it fits neither side
	}{
		{"in the right half, to the left of the line", "18-week target 18 May 2026", 300, "end"},
		{"in the left half, to the right of the line", "target 30 March", 60, "start"},
		{"in the right half but no room on the left", "target 30 March", 170, "end"},
		{"in the left half but no room on the right", "18-week target 18 May 2026", 150, ""},
		{"too long for either side", strings.Repeat("x", 60), 160, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, anchor, ok := place(tt.label, tt.x, fontSize)
			if anchor != tt.wantAnchor || ok != (tt.wantAnchor != "") {
				t.Errorf("place(%q, %v) = %q, %v; want %q", tt.label, tt.x, anchor, ok, tt.wantAnchor)
			}
		})
	}
}

func TestLaneLabel(t *testing.T) {
	rttStd, _ := Lookup("rtt-18")
	diag, _ := Lookup("diagnostic-6")
	tests := []struct {
		c    Clock
		want string
	}{
		{Clock{Standard: rttStd, Name: "RTT 18 weeks", Days: 119, Outcome: Met}, "RTT 18 weeks: day 119, met"},
		{Clock{Standard: rttStd, Name: "RTT 18 weeks, period 1", Period: 1, Days: 42, Outcome: Nullified}, "RTT period 1: nullified at day 42"},
		{Clock{Standard: rttStd, Name: "RTT 18 weeks, period 2", Period: 2, Days: 101, Outcome: Met}, "RTT 18 weeks, period 2: day 101, met"},
		{Clock{Standard: diag, Name: "Diagnostics 6 weeks", Days: 44, Outcome: Breached}, "Diagnostic: day 44, breached by 2"},
		{Clock{Standard: rttStd, Name: "RTT 18 weeks", Days: 130, Outcome: Open}, "RTT: open, day 130: 4 past target"},
	}
	for _, tt := range tests {
		if got := laneLabel(tt.c); got != tt.want {
			t.Errorf("laneLabel(%s, day %d, %s) = %q; want %q", tt.c.Name, tt.c.Days, tt.c.Outcome, got, tt.want)
		}
	}
}

func TestMarkerRows(t *testing.T) {
	tests := []struct {
		name  string
		dates []string
		want  []int
	}{
		{"far apart, all on one row", []string{"2026-01-01", "2026-02-01", "2026-03-01"}, []int{0, 0, 0}},
		{"the same day stacks", []string{"2026-01-01", "2026-01-01", "2026-01-01"}, []int{0, 1, 2}},
		{"a gap frees the bottom row", []string{"2026-01-01", "2026-01-02", "2026-02-01", "2026-02-02"}, []int{0, 1, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &Timeline{}
			for _, d := range tt.dates {
				date, _ := time.Parse(time.DateOnly, d)
				tl.Events = append(tl.Events, Row{Date: content.Date{Time: date}})
			}
			sc := scale{origin: tl.Events[0].Date.Time, span: 126}
			if got := markerRows(tl, sc); !slices.Equal(got, tt.want) {
				t.Errorf("markerRows(%v) = %v; want %v", tt.dates, got, tt.want)
			}
		})
	}
}

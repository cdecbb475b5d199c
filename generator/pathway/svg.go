package pathway

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The figure is drawn in a coordinate system 320 units wide and scaled to
// the width of the page (at most 30rem, see timeline.css). Drawing it at
// phone width keeps its text readable there: on a 320 px screen, inside the
// page's margins, a 13-unit label is about 11 px; on a desktop the figure
// grows until its labels match the body text. All text
// is fitted by estimate (charWidth) instead of measured, so every label has
// a row of its own and is shortened rather than allowed to overlap.
const (
	svgWidth   = 320.0
	padX       = 16.0 // room for half a tick label or marker at either end
	plotWidth  = svgWidth - 2*padX
	fontSize   = 13.0 // lane and target labels
	smallFont  = 12.0 // tick labels, axis caption and marker numbers
	charWidth  = 0.58 // a generous average advance of one character, in ems
	laneHeight = 58.0 // name row, bar, target label row, and a gap
	markerR    = 9.0
	markerRow  = 22.0 // vertical step between stacked markers
	axisHeight = 38.0 // ticks, tick labels and the axis caption
)

// scale maps dates to x positions: day 0 is the first event, and the axis
// runs to the last event or the latest target, whichever is later.
type scale struct {
	origin time.Time
	span   int // days from origin to the right-hand end; at least 1
}

func newScale(t *Timeline) scale {
	s := scale{origin: t.Events[0].Date.Time, span: 1}
	s.span = max(s.span, days(s.origin, t.Events[len(t.Events)-1].Date.Time))
	for _, c := range t.Clocks {
		if c.Outcome != Nullified {
			s.span = max(s.span, days(s.origin, c.Target.Time))
		}
	}
	return s
}

func (s scale) x(t time.Time) float64 {
	return padX + float64(days(s.origin, t))/float64(s.span)*plotWidth
}

// svg writes the figure's drawing to b.
func (t *Timeline) svg(b *strings.Builder) {
	sc := newScale(t)
	id := esc(t.ID)
	lanesTop := 6.0
	rows := markerRows(t, sc)
	nrows := 1
	for _, r := range rows {
		nrows = max(nrows, r+1)
	}
	axisY := lanesTop + float64(len(t.Clocks))*laneHeight + float64(nrows)*markerRow + 6
	height := axisY + axisHeight

	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-size="%s">`,
		num(svgWidth), num(height), id, id, num(fontSize))
	fmt.Fprintf(b, "\n<title id=\"%s-title\">%s</title>", id, esc(t.name()))
	fmt.Fprintf(b, "\n<desc id=\"%s-desc\">%s</desc>", id, esc(t.description()))
	// The hatch is drawn with classes, so it takes the breach colour of
	// whichever theme is showing.
	fmt.Fprintf(b, "\n<defs><pattern id=\"%s-hatch\" class=\"tl-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"+
		"<rect width=\"6\" height=\"6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>", id)

	ticks := weekTicks(sc)
	for _, tk := range ticks {
		if tk.major {
			fmt.Fprintf(b, "\n<line class=\"tl-grid\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(tk.x), num(lanesTop), num(tk.x), num(axisY))
		}
	}
	for i, c := range t.Clocks {
		t.lane(b, sc, c, lanesTop+float64(i)*laneHeight)
	}
	t.markers(b, sc, rows, axisY)
	axis(b, sc, ticks, axisY)
	b.WriteString("\n</svg>")
}

// lane draws one clock period: its name and result, its bar from start to
// end with the days past the target hatched, and its target line.
func (t *Timeline) lane(b *strings.Builder, sc scale, c Clock, y float64) {
	x1, x2 := sc.x(c.Start.Time), sc.x(c.End.Time)
	xt := sc.x(c.Target.Time)
	if c.Outcome != Nullified {
		fmt.Fprintf(b, "\n<line class=\"tl-target\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(xt), num(y+2), num(xt), num(y+48))
	}
	fmt.Fprintf(b, "\n<text class=\"tl-label tl-halo\" x=\"%s\" y=\"%s\">%s</text>", num(padX), num(y+13), esc(laneLabel(c)))
	fmt.Fprintf(b, "\n<rect class=\"tl-bar tl-%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"12\" rx=\"2\"/>",
		c.Outcome, num(x1), num(y+19), num(max(x2-x1, 2)))
	if c.Days > c.Standard.Limit && c.Outcome != Nullified {
		fmt.Fprintf(b, "\n<rect class=\"tl-over\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"12\" fill=\"url(#%s-hatch)\"/>",
			num(xt), num(y+19), num(max(x2-xt, 1)), esc(t.ID))
	}
	if c.Outcome == Open {
		fmt.Fprintf(b, "\n<path class=\"tl-arrow\" d=\"M%s %sL%s %sL%s %sZ\"/>", num(x2), num(y+16), num(x2+7), num(y+25), num(x2), num(y+34))
	}
	if c.Outcome == Nullified {
		return
	}
	date := c.Target.String()
	for _, label := range []string{c.Standard.Target + " " + date, "target " + date, date} {
		if x, anchor, ok := place(label, xt, fontSize); ok {
			fmt.Fprintf(b, "\n<text class=\"tl-label tl-target-label\" x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>", num(x), num(y+46), anchor, esc(label))
			break
		}
	}
}

// laneLabel names a period and its result, in the longest form that fits
// the figure's width.
func laneLabel(c Clock) string {
	var detail string
	switch c.Outcome {
	case Met:
		detail = fmt.Sprintf("day %d, met", c.Days)
	case Breached:
		detail = fmt.Sprintf("day %d, breached by %d", c.Days, -c.Spare())
	case Nullified:
		detail = fmt.Sprintf("nullified at day %d", c.Days)
	default:
		detail = fmt.Sprintf("open, day %d", c.Days)
		if c.Spare() < 0 {
			detail += fmt.Sprintf(": %d past target", -c.Spare())
		}
	}
	names := []string{c.Name, c.Standard.Code}
	if c.Name != c.Standard.Short { // one of several periods
		names = []string{c.Name, c.Standard.Code + " period " + strconv.Itoa(c.Period), c.Standard.Code + " " + strconv.Itoa(c.Period)}
	}
	for _, name := range names {
		if width(name+": "+detail, fontSize) <= plotWidth {
			return name + ": " + detail
		}
	}
	return names[len(names)-1] + ": " + detail
}

// place finds where a label beside the line at x fits inside the figure:
// to the left of the line when the line is in the right half, else to the
// right.
func place(label string, x, size float64) (float64, string, bool) {
	w := width(label, size)
	left := x-4-w >= 2
	right := x+4+w <= svgWidth-2
	switch {
	case left && (x > svgWidth/2 || !right):
		return x - 4, "end", true
	case right:
		return x + 4, "start", true
	}
	return 0, "", false
}

// markerRows stacks event markers so that no two overlap: each goes in the
// lowest row where it clears the marker before it. Dates are in order, so
// the last marker of a row is its rightmost.
func markerRows(t *Timeline, sc scale) []int {
	var lastX []float64
	rows := make([]int, len(t.Events))
	for i, ev := range t.Events {
		x := sc.x(ev.Date.Time)
		r := 0
		for r < len(lastX) && x-lastX[r] < 2*markerR+2 {
			r++
		}
		if r == len(lastX) {
			lastX = append(lastX, x)
		}
		lastX[r], rows[i] = x, r
	}
	return rows
}

// markers draws the numbered event markers above the axis, each with a
// leader line to its date. Leaders go first so markers cover them.
func (t *Timeline) markers(b *strings.Builder, sc scale, rows []int, axisY float64) {
	cy := func(i int) float64 { return axisY - 4 - markerR - float64(rows[i])*markerRow }
	for i, ev := range t.Events {
		x := sc.x(ev.Date.Time)
		fmt.Fprintf(b, "\n<line class=\"tl-leader\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(x), num(cy(i)), num(x), num(axisY))
	}
	for i, ev := range t.Events {
		x, y := sc.x(ev.Date.Time), cy(i)
		size := smallFont
		if ev.N >= 100 {
			size = 8
		}
		fmt.Fprintf(b, "\n<g class=\"tl-event tl-event-%s\"><title>%s</title><circle cx=\"%s\" cy=\"%s\" r=\"%s\"/><text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%s\">%d</text></g>",
			ev.Action, esc(fmt.Sprintf("%d. %s: %s", ev.N, ev.Date, ev.What)), num(x), num(y), num(markerR), num(x), num(y+size*0.35), num(size), ev.N)
	}
}

// tick is a week mark on the axis. Major ticks carry a label and a grid
// line, unless the label would not fit; minor ticks mark the weeks between.
type tick struct {
	x     float64
	major bool
	label string
}

// weekTicks marks every week where there is room, and labels every step
// weeks, choosing the smallest step from 1, 2, 4, 8, 13, 26, 52, 104… that
// keeps labels apart: "wk 0, 2, 4…" for an 18-week pathway.
func weekTicks(sc scale) []tick {
	weeks := sc.span / 7
	perWeek := plotWidth * 7 / float64(sc.span)
	// Labels are centred on their ticks: the widest number must clear its
	// neighbours, and the first label, "wk 0", the number after it.
	widest := width(strconv.Itoa(weeks), smallFont)
	need := max(widest, (width("wk 0", smallFont)+widest)/2) + 5
	step := 1
	for _, s := range []int{1, 2, 4, 8, 13, 26, 52} {
		step = s
		if float64(s)*perWeek >= need {
			break
		}
	}
	for float64(step)*perWeek < need {
		step *= 2
	}
	var ticks []tick
	for w := 0; w <= weeks; w++ {
		x := padX + float64(w*7)/float64(sc.span)*plotWidth
		switch {
		case w%step == 0:
			label := strconv.Itoa(w)
			if w == 0 {
				label = "wk 0"
			}
			if x+width(label, smallFont)/2 > svgWidth {
				label = "" // no room at the right-hand end
			}
			ticks = append(ticks, tick{x, true, label})
		case perWeek >= 4:
			ticks = append(ticks, tick{x: x})
		}
		if perWeek < 4 && step > 1 {
			w += step - 1 // unlabelled weeks are not drawn, so skip them
		}
	}
	return ticks
}

// axis draws the day axis with its week ticks and a caption naming day 0.
func axis(b *strings.Builder, sc scale, ticks []tick, y float64) {
	fmt.Fprintf(b, "\n<g class=\"tl-axis\" font-size=\"%s\">", num(smallFont))
	fmt.Fprintf(b, "\n<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(padX), num(y), num(padX+plotWidth), num(y))
	for _, tk := range ticks {
		length := 3.0
		if tk.major {
			length = 6
		}
		fmt.Fprintf(b, "\n<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(tk.x), num(y), num(tk.x), num(y+length))
		if tk.label != "" {
			fmt.Fprintf(b, "\n<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>", num(tk.x), num(y+17), esc(tk.label))
		}
	}
	fmt.Fprintf(b, "\n<text class=\"tl-caption\" x=\"%s\" y=\"%s\">weeks from %s</text>", num(padX), num(y+32), esc(sc.origin.Format("2 Jan 2006")))
	b.WriteString("\n</g>")
}

// width estimates the drawn width of s at the given font size.
func width(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * charWidth
}

// num formats a coordinate with at most one decimal place. A value that is
// not a number never reaches the page: it would make the SVG invalid.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// esc escapes text for the figure. The SVG must stay well-formed XML
// whatever front matter holds, and YAML can carry control characters
// ("\x14") that XML forbids, so those, and any stray bytes, become U+FFFD.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return html.EscapeString(s)
}

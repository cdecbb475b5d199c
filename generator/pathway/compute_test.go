package pathway

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/content"
)

// scenario builds front matter as the content package would read it from
// this layout, so every message's line can be checked:
//
//	line 2          standards: [a, b]
//	line 10+5i      - date: …      (event i)
//	line 11+5i        what: …
//	line 12+5i        clock: …
//	line 13+5i        standards: [a, b]
func scenario(standards []string, events ...content.Event) content.Meta {
	m := content.Meta{Title: "Test scenario", Standards: standards, Events: events, Lines: map[string]int{}}
	if len(standards) > 0 {
		m.Lines["standards"] = 2
		for i := range standards {
			m.Lines["standards."+strconv.Itoa(i)] = 2
		}
	}
	if len(events) > 0 {
		m.Lines["events"] = 10
	}
	for i := range m.Events {
		line := 10 + 5*i
		key := "events." + strconv.Itoa(i)
		m.Events[i].Line = line
		m.Lines[key] = line
		m.Lines[key+".date"] = line
		m.Lines[key+".what"] = line + 1
		m.Lines[key+".clock"] = line + 2
		if len(m.Events[i].Standards) > 0 {
			m.Lines[key+".standards"] = line + 3
			for j := range m.Events[i].Standards {
				m.Lines[key+".standards."+strconv.Itoa(j)] = line + 3
			}
		}
	}
	return m
}

// ev is an event on date (YYYY-MM-DD) with a clock action, acting on the
// standards given, or on all of the scenario's when there are none.
func ev(date, clock string, standards ...string) content.Event {
	var d content.Date
	if date != "" {
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			panic(err) // a mistake in the test table, not in the code under test
		}
		d.Time = t
	}
	return content.Event{Date: d, What: "event on " + date, Clock: clock, Standards: standards}
}

func rtt(events ...content.Event) content.Meta { return scenario([]string{"rtt-18"}, events...) }

// hardErrors drops the warnings from err, for tests about the clocks whose
// made-up dates may fall at weekends (TestComputeClosedDays covers those).
func hardErrors(err error) error {
	_, hard := content.Warnings(err)
	return errors.Join(hard...)
}

func TestCompute(t *testing.T) {
	cancer := []string{"cancer-fds-28", "cancer-62", "cancer-31"}
	// The colorectal pathway of content/scenarios/suspected-cancer-fds.md.
	colorectal := func() content.Meta {
		return scenario(cancer,
			ev("2026-03-02", "start", "cancer-fds-28", "cancer-62"),
			ev("2026-03-26", "stop", "cancer-fds-28"),
			ev("2026-04-06", "start", "cancer-31"),
			ev("2026-04-28", "stop", "cancer-31", "cancer-62"),
		)
	}
	tests := []struct {
		name string
		m    content.Meta
		want []string // each period: "standard days outcome spare"
	}{
		{
			// Data Dictionary, RTT period (domain facts 2.4): a clearly
			// communicated first-appointment DNA ends and nullifies the
			// period; 2.3: rebooking starts a new one.
			"first-appointment DNA nullifies and a rebook restarts",
			rtt(ev("2026-02-02", "start"), ev("2026-03-16", "nullify"), ev("2026-03-20", "start"), ev("2026-06-29", "stop")),
			[]string{"rtt-18 42 nullified 84", "rtt-18 101 met 25"},
		},
		{
			// RTT rules suite (2.4): a clinical decision not to treat is a
			// non-treatment clock stop.
			"decision not to treat stops",
			rtt(ev("2026-01-05", "start"), ev("2026-03-02", "stop")),
			[]string{"rtt-18 56 met 70"},
		},
		{
			// Data Dictionary (2.4): active monitoring ends the period; (2.3) a
			// later decision to treat starts a new one.
			"active monitoring stops and a decision to treat restarts",
			rtt(ev("2026-02-16", "start"), ev("2026-03-23", "stop"), ev("2026-09-21", "start"), ev("2026-11-16", "stop")),
			[]string{"rtt-18 35 met 91", "rtt-18 56 met 70"},
		},
		{
			// Data Dictionary (2.4): the clock stops when first definitive
			// treatment starts; a test before it does not stop it.
			"first definitive treatment stops",
			rtt(ev("2026-01-12", "start"), ev("2026-02-20", "none"), ev("2026-05-11", "stop")),
			[]string{"rtt-18 119 met 7"},
		},
		{
			// CWT (3.1): 62 days from receipt of the urgent referral to first
			// treatment; 31 days from decision to treat; FDS stops when the
			// patient is told.
			"cancer 62-day runs referral receipt to first treatment, 31-day from decision to treat, FDS to diagnosis told",
			colorectal(),
			[]string{"cancer-fds-28 24 met 4", "cancer-62 57 met 5", "cancer-31 22 met 9"},
		},
		{
			// Scenario guide, "How to count the days": day 126 is within 18 weeks.
			"exactly day 126 is met",
			rtt(ev("2026-07-06", "start"), ev("2026-11-09", "stop")),
			[]string{"rtt-18 126 met 0"},
		},
		{
			// Scenario guide: day 127 is a breach.
			"day 127 is breached",
			rtt(ev("2026-07-06", "start"), ev("2026-11-10", "stop")),
			[]string{"rtt-18 127 breached -1"},
		},
		{
			// Diagnostics (4): 6 weeks is 42 days from request to test.
			"diagnostic test on day 44 breaches by 2",
			scenario([]string{"diagnostic-6"}, ev("2026-06-01", "start"), ev("2026-07-15", "stop")),
			[]string{"diagnostic-6 44 breached -2"},
		},
		{
			// Counting is by calendar date, through a leap day and the clocks
			// going forward (29 March 2028).
			"days are calendar days across a leap year and summer time",
			rtt(ev("2028-02-01", "start"), ev("2028-06-06", "stop")),
			[]string{"rtt-18 126 met 0"},
		},
		{
			// No clock pauses since October 2015 (2.1): an event with clock
			// none, or no clock at all, changes nothing, before, during or
			// after a period.
			"an event with clock none is fine anywhere",
			rtt(ev("2026-01-01", "none"), ev("2026-01-05", ""), ev("2026-01-12", "start"), ev("2026-02-01", "none", "rtt-18"),
				ev("2026-05-11", "stop"), ev("2026-05-11", "none"), ev("2026-06-01", "none")),
			[]string{"rtt-18 119 met 7"},
		},
		{
			// An event with no standards acts on all of the scenario's clocks.
			"an event without standards acts on every clock",
			scenario([]string{"rtt-18", "diagnostic-6"}, ev("2026-05-05", "start"), ev("2026-06-10", "stop")),
			[]string{"rtt-18 36 met 90", "diagnostic-6 36 met 6"},
		},
		{
			"a clock running at the last event is still open",
			rtt(ev("2026-03-20", "start"), ev("2026-06-29", "none")),
			[]string{"rtt-18 101 open 25"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Compute("x.md", tt.m)
			if err := hardErrors(err); err != nil {
				t.Fatalf("Compute() error:\n%v", err)
			}
			if got := describeClocks(tl); strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("Compute() clocks = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestComputeErrors(t *testing.T) {
	tests := []struct {
		name string
		m    content.Meta
		want []string // every message, in order
	}{
		{
			"unknown standard in standards",
			scenario([]string{"rtt18"}, ev("2026-01-05", "start")),
			[]string{`x.md:2: standards: "rtt18" is not a waiting-time standard the handbook knows (did you mean "rtt-18"?); the standards are rtt-18, cancer-fds-28, cancer-31, cancer-62, diagnostic-6`},
		},
		{
			"unknown standard in an event",
			rtt(ev("2026-01-05", "start"), ev("2026-02-05", "none", "cancer-32")),
			[]string{`x.md:18: event 2: "cancer-32" is not a waiting-time standard the handbook knows (did you mean "cancer-31"?); the standards are rtt-18, cancer-fds-28, cancer-31, cancer-62, diagnostic-6`},
		},
		{
			"an event names a standard the scenario does not list",
			rtt(ev("2026-01-05", "start"), ev("2026-02-05", "start", "cancer-31")),
			[]string{`x.md:18: event 2 names cancer-31, but the scenario's standards do not list it: add cancer-31 to standards (line 2) or remove it from this event`},
		},
		{
			"unknown clock value",
			rtt(ev("2026-01-05", "start"), ev("2026-02-05", "stpo")),
			[]string{`x.md:17: event 2: clock "stpo" is not a clock action (did you mean "stop"?): use start, stop, nullify or none`},
		},
		{
			"dates going backwards",
			rtt(ev("2026-03-05", "start"), ev("2026-03-03", "none"), ev("2026-04-01", "stop")),
			[]string{`x.md:15: event 2 is dated 3 March 2026, before event 1 (5 March 2026): list the events in date order`},
		},
		{
			"an event with no date",
			rtt(ev("2026-03-05", "start"), ev("", "stop")),
			[]string{`x.md:15: event 2 has no date: add a line "date: YYYY-MM-DD"`},
		},
		{
			"a stop with no running clock",
			rtt(ev("2026-01-05", "none"), ev("2026-02-05", "stop")),
			[]string{`x.md:17: event 2: the clock for rtt-18 is not running: add a start event before this stop`},
		},
		{
			"a nullify after the clock stopped",
			rtt(ev("2026-01-05", "start"), ev("2026-02-05", "stop"), ev("2026-02-06", "nullify")),
			[]string{`x.md:22: event 3: the clock for rtt-18 is not running: add a start event before this nullify`},
		},
		{
			"a start while the clock is running",
			rtt(ev("2026-01-05", "start"), ev("2026-02-05", "start"), ev("2026-03-05", "stop")),
			[]string{`x.md:17: event 2: the clock for rtt-18 is already running (it started on 5 January 2026, event 1): stop or nullify it before starting it again`},
		},
		{
			"events but no standards",
			scenario(nil, ev("2026-01-05", "start"), ev("2026-02-05", "stop")),
			[]string{`x.md:10: this scenario has events but no standards: add a line such as "standards: [rtt-18]" naming the clocks it is tracked against (rtt-18, cancer-fds-28, cancer-31, cancer-62, diagnostic-6)`},
		},
		{
			"a listed standard no event starts",
			scenario([]string{"rtt-18", "diagnostic-6"}, ev("2026-01-05", "start", "rtt-18"), ev("2026-02-05", "stop", "rtt-18")),
			[]string{`x.md:2: standards: diagnostic-6 is listed but no event starts its clock: add "clock: start" to the event that starts it, or remove diagnostic-6 from standards`},
		},
		{
			"a standard listed twice",
			scenario([]string{"rtt-18", "rtt-18"}, ev("2026-01-05", "start")),
			[]string{`x.md:2: standards: rtt-18 is listed twice: keep one`},
		},
		{
			// One typo is one message: the stop after a mistyped start is
			// not also blamed for finding no clock.
			"a mistyped start is reported once",
			rtt(ev("2026-01-05", "strat"), ev("2026-02-05", "stop")),
			[]string{`x.md:12: event 1: clock "strat" is not a clock action (did you mean "start"?): use start, stop, nullify or none`},
		},
		{
			// The events name the standard correctly: only the list is wrong.
			"a misspelt standard in standards is reported once",
			scenario([]string{"rtt18"}, ev("2026-01-05", "start", "rtt-18"), ev("2026-02-05", "stop", "rtt-18")),
			[]string{`x.md:2: standards: "rtt18" is not a waiting-time standard the handbook knows (did you mean "rtt-18"?); the standards are rtt-18, cancer-fds-28, cancer-31, cancer-62, diagnostic-6`},
		},
		{
			// The stop is not blamed for finding no clock, nor the list for a
			// standard no event starts.
			"a misspelt standard in a start is reported once",
			rtt(ev("2026-01-05", "start", "rtt18"), ev("2026-02-05", "stop")),
			[]string{`x.md:13: event 1: "rtt18" is not a waiting-time standard the handbook knows (did you mean "rtt-18"?); the standards are rtt-18, cancer-fds-28, cancer-31, cancer-62, diagnostic-6`},
		},
		{
			"every problem is reported together",
			rtt(ev("2026-03-05", "stop"), ev("2026-03-01", "start"), ev("2026-03-02", "start"), ev("2026-03-03", "hold")),
			[]string{
				`x.md:12: event 1: the clock for rtt-18 is not running: add a start event before this stop`,
				`x.md:15: event 2 is dated 1 March 2026, before event 1 (5 March 2026): list the events in date order`,
				`x.md:22: event 3: the clock for rtt-18 is already running (it started on 1 March 2026, event 2): stop or nullify it before starting it again`,
				`x.md:27: event 4: clock "hold" is not a clock action: use start, stop, nullify or none`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Compute("x.md", tt.m)
			if tl != nil {
				t.Errorf("Compute() returned a timeline along with errors")
			}
			var got []string
			for _, e := range content.Errors(hardErrors(err)) {
				got = append(got, e.Error())
				var ce *content.Error
				if !errors.As(e, &ce) || ce.Line < 1 {
					t.Errorf("error %q is not a *content.Error with a line", e)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Compute() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestComputeNothing(t *testing.T) {
	tests := []struct {
		name string
		m    content.Meta
	}{
		{"no events and no standards", content.Meta{Title: "A page"}},
		{"standards but no events", scenario([]string{"rtt-18"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tl, err := Compute("x.md", tt.m); tl != nil || err != nil {
				t.Errorf("Compute() = %v, %v; want nil, nil", tl, err)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	rttStd, _ := Lookup("rtt-18")
	date := func(s string) content.Date {
		d, _ := time.Parse(time.DateOnly, s)
		return content.Date{Time: d}
	}
	clock := func(start, end string, outcome Outcome) Clock {
		c := Clock{Standard: rttStd, Name: rttStd.Short, Start: date(start), End: date(end), Outcome: outcome}
		c.Days = days(c.Start.Time, c.End.Time)
		c.Target = content.Date{Time: c.Start.AddDate(0, 0, rttStd.Limit)}
		return c
	}
	tests := []struct {
		name string
		c    Clock
		want string
	}{
		{"met", clock("2026-01-12", "2026-05-11", Met),
			"RTT 18 weeks: clock started 12 January 2026, stopped 11 May 2026 at day 119 (week 17): met with 7 days to spare. The target date was 18 May 2026 (day 126)."},
		{"met on the last day", clock("2026-07-06", "2026-11-09", Met),
			"RTT 18 weeks: clock started 6 July 2026, stopped 9 November 2026 at day 126 (week 18): met with no days to spare. The target date was 9 November 2026 (day 126)."},
		{"met a day early", clock("2026-07-06", "2026-11-08", Met),
			"RTT 18 weeks: clock started 6 July 2026, stopped 8 November 2026 at day 125 (week 17): met with 1 day to spare. The target date was 9 November 2026 (day 126)."},
		{"breached", clock("2026-01-19", "2026-06-08", Breached),
			"RTT 18 weeks: clock started 19 January 2026, stopped 8 June 2026 at day 140 (week 20): breached by 14 days. The target date was 25 May 2026 (day 126)."},
		{"nullified", clock("2026-02-02", "2026-03-16", Nullified),
			"RTT 18 weeks: clock started 2 February 2026, nullified 16 March 2026 at day 42 (week 6): this period is removed from reporting."},
		{"open", clock("2026-03-20", "2026-06-29", Open),
			"RTT 18 weeks: clock started 20 March 2026, still open as at 29 June 2026 at day 101 (week 14): 25 days left before the target. The target date is 24 July 2026 (day 126)."},
		{"open on the target date", clock("2026-07-06", "2026-11-09", Open),
			"RTT 18 weeks: clock started 6 July 2026, still open as at 9 November 2026 at day 126 (week 18): that is the last day within the target. The target date is 9 November 2026 (day 126)."},
		{"open past the target", clock("2026-07-06", "2026-11-10", Open),
			"RTT 18 weeks: clock started 6 July 2026, still open as at 10 November 2026 at day 127 (week 18): already 1 day past the target. The target date is 9 November 2026 (day 126)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Summary(); got != tt.want {
				t.Errorf("Summary() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestEffect(t *testing.T) {
	fds, _ := Lookup("cancer-fds-28")
	c62, _ := Lookup("cancer-62")
	rttStd, _ := Lookup("rtt-18")
	tests := []struct {
		row  Row
		want string
	}{
		{Row{Action: "start", Standards: []Standard{fds, c62}}, "Starts FDS 28 days and Cancer 62 days"},
		{Row{Action: "stop", Standards: []Standard{rttStd}}, "Stops RTT 18 weeks"},
		{Row{Action: "nullify", Standards: []Standard{rttStd}}, "Nullifies RTT 18 weeks (not reported)"},
		{Row{Action: "none", Standards: []Standard{rttStd}}, "No change"},
		{Row{Action: "none"}, "No change"},
	}
	for _, tt := range tests {
		if got := tt.row.Effect(); got != tt.want {
			t.Errorf("Row{Action: %q, %d standards}.Effect() = %q; want %q", tt.row.Action, len(tt.row.Standards), got, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-01-12", "2026-01-12", 0},
		{"2026-01-12", "2026-05-11", 119},
		{"2026-03-28", "2026-03-30", 2}, // over the clocks going forward
		{"2028-02-28", "2028-03-01", 2}, // over a leap day
		{"2100-02-28", "2100-03-01", 1}, // 2100 is not a leap year
		{"2026-12-31", "2027-01-01", 1},
		{"0001-01-01", "9999-12-31", 3652058},
		{"2026-05-11", "2026-01-12", -119},
	}
	for _, tt := range tests {
		a, _ := time.Parse(time.DateOnly, tt.a)
		b, _ := time.Parse(time.DateOnly, tt.b)
		if got := days(a, b); got != tt.want {
			t.Errorf("days(%s, %s) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

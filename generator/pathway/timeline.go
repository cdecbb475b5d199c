package pathway

import (
	"fmt"
	"strings"
	"time"

	"ppchandbook/generator/content"
)

// Timeline is a scenario's clocks worked out from its events.
type Timeline struct {
	ID        string     // prefix for element IDs in HTML; from a hash of the file, change it to show one file twice on a page
	Title     string     // the scenario's title, for the figure's accessible name
	Standards []Standard // the scenario's standards, in the order it lists them
	Clocks    []Clock    // one per period: by standard as listed, then by start
	Events    []Row      // one per event, in file order, numbered from 1
}

// Outcome is how a clock period ended. Its value is also the CSS class
// suffix that colours the period's bar.
type Outcome string

// The outcomes of a period.
const (
	Met       Outcome = "met"       // stopped within the limit
	Breached  Outcome = "breached"  // stopped after the limit
	Nullified Outcome = "nullified" // ended by nullify: not reported
	Open      Outcome = "open"      // still running after the last event
)

// Clock is one period of one standard's clock, from a start event to the
// stop or nullify that ends it.
type Clock struct {
	Standard Standard
	Name     string       // "RTT 18 weeks", or "RTT 18 weeks, period 2" when the standard has several
	Period   int          // 1 for the standard's first period, 2 for the next…
	Start    content.Date // date of the start event (day 0)
	End      content.Date // date of the stop or nullify; for an open clock, the last event's date
	Target   content.Date // Start + Standard.Limit days: the last day that meets the standard
	Days     int          // calendar days from Start to End
	Outcome  Outcome
	StartRow int // Row.N of the start event
	EndRow   int // Row.N of the stop or nullify event; 0 while open
}

// Week is the whole number of weeks the clock has run: day 119 is week 17.
func (c Clock) Week() int { return c.Days / 7 }

// Spare is the number of days left before the target: negative when the
// period has gone past it, so -14 means breached by 14 days.
func (c Clock) Spare() int { return c.Standard.Limit - c.Days }

// Summary says in words how the period ran, as the figure's description and
// its summary list say it: "RTT 18 weeks: clock started 12 January 2026,
// stopped 11 May 2026 at day 119 (week 17): met with 7 days to spare. The
// target date was 18 May 2026 (day 126)."
func (c Clock) Summary() string {
	at := fmt.Sprintf("day %d (week %d)", c.Days, c.Week())
	target := fmt.Sprintf("The target date was %s (day %d).", c.Target, c.Standard.Limit)
	switch c.Outcome {
	case Met:
		spare := "no days to spare"
		if c.Spare() > 0 {
			spare = plural(c.Spare(), "day") + " to spare"
		}
		return fmt.Sprintf("%s: clock started %s, stopped %s at %s: met with %s. %s", c.Name, c.Start, c.End, at, spare, target)
	case Breached:
		return fmt.Sprintf("%s: clock started %s, stopped %s at %s: breached by %s. %s", c.Name, c.Start, c.End, at, plural(-c.Spare(), "day"), target)
	case Nullified:
		return fmt.Sprintf("%s: clock started %s, nullified %s at %s: this period is removed from reporting.", c.Name, c.Start, c.End, at)
	}
	left := plural(c.Spare(), "day") + " left before the target"
	switch {
	case c.Spare() == 0:
		left = "that is the last day within the target"
	case c.Spare() < 0:
		left = "already " + plural(-c.Spare(), "day") + " past the target"
	}
	return fmt.Sprintf("%s: clock started %s, still open as at %s at %s: %s. The target date is %s (day %d).", c.Name, c.Start, c.End, at, left, c.Target, c.Standard.Limit)
}

// Row is one event of the timeline, as a row of the events table and a
// numbered marker on the figure.
type Row struct {
	N         int // 1-based: the marker's number and the table row
	Date      content.Date
	What      string     // what happened, as written
	Action    string     // start, stop, nullify or none
	Standards []Standard // the clocks the action applies to; for none, those the event names
	Rule      string     // the rule the action follows, as written
	Line      int        // line of the event in the source file
	Running   []Reading  // every clock period running on this date, in the order of Timeline.Clocks
}

// Reading is where one running clock stands at an event.
type Reading struct {
	Clock int // index in Timeline.Clocks
	Day   int // days since the clock started
}

// String gives the reading as the table shows it: "day 42 (week 6)".
func (r Reading) String() string { return fmt.Sprintf("day %d (week %d)", r.Day, r.Day/7) }

// Effect says in words what the event does to the clocks: "Starts FDS 28
// days and Cancer 62 days".
func (r Row) Effect() string {
	var names []string
	for _, s := range r.Standards {
		names = append(names, s.Short)
	}
	verb := map[string]string{"start": "Starts", "stop": "Stops", "nullify": "Nullifies"}[r.Action]
	if verb == "" || len(names) == 0 {
		return "No change"
	}
	effect := verb + " " + andList(names)
	if r.Action == "nullify" {
		effect += " (not reported)"
	}
	return effect
}

// days counts calendar days from a to b, by the dates alone, so a clock
// change or a time zone can never make a day go missing. It works on day
// numbers rather than time.Duration, which would overflow for dates far
// apart.
func days(a, b time.Time) int {
	return dayNumber(b) - dayNumber(a)
}

// dayNumber is the count of days from 1 January 1970 to t's date in the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era-- // floor division for years before 0
	}
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// andList joins names as a sentence does: "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

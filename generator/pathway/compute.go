package pathway

import (
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"ppchandbook/generator/content"
)

// actions returns the values clock: may take, in the order messages list them.
func actions() []string { return []string{"start", "stop", "nullify", "none"} }

// Compute works out the clocks of the scenario whose front matter m was read
// from file, and checks them against the rules in the package comment. It
// returns nil, nil when m has no events, since there is nothing to draw
// (the standards, if any, are still checked). Every problem is returned, each
// a *content.Error at its line, joined with errors.Join; the timeline is
// returned only when there are none.
//
// A scenario whose events or standards had a value rejected when the front
// matter was read is not computed at all: the clocks depend on every
// event, and a missing date or action would be reported again as missing,
// and could make later events look out of order. The message about the
// value is the one to act on; the timeline is checked once it is mended.
func Compute(file string, m content.Meta) (*Timeline, error) {
	if len(m.Events) == 0 && len(m.Standards) == 0 || m.Rejected("events") || m.Rejected("standards") {
		return nil, nil
	}
	c := &computer{
		file:     file,
		m:        m,
		running:  map[string]int{},
		unsure:   map[string]bool{},
		acted:    map[string]bool{},
		misspelt: map[string]bool{},
		tl:       &Timeline{ID: idFor(file), Title: m.Title},
	}
	c.readStandards()
	if len(m.Events) == 0 {
		return nil, errors.Join(c.errs...)
	}
	if len(m.Standards) == 0 {
		c.errorf(c.line("events", firstLine(m.Events)),
			`this scenario has events but no standards: add a line such as "standards: [rtt-18]" naming the clocks it is tracked against (%s)`,
			strings.Join(standardIDs(), ", "))
	}
	for i, ev := range m.Events {
		c.readEvent(i, ev)
	}
	c.checkStarted()
	if len(c.errs) > 0 {
		return nil, errors.Join(append(c.errs, c.warns...)...)
	}
	c.finish()
	return c.tl, errors.Join(c.warns...)
}

// computer holds the working state of one Compute call.
type computer struct {
	file    string
	m       content.Meta
	errs    []error
	warns   []error // events on days the hospital is closed; the timeline is still drawn
	tl      *Timeline
	running map[string]int  // standard ID → index in tl.Clocks of its running period
	unsure  map[string]bool // standard ID → an earlier event's clock value was unusable, so whether it runs is unknown
	acted   map[string]bool // standard ID → some event has a clock action for it, even a mistaken one
	// misspelt holds the standards that an unknown one in standards: looks
	// like, so events naming the real one are not blamed for the typo.
	misspelt map[string]bool
	last     content.Date // date of the latest dated event so far
	lastN    int          // its event number
}

func (c *computer) errorf(line int, format string, args ...any) {
	c.errs = append(c.errs, content.Errorf(c.file, line, 0, format, args...))
}

// line returns the file line of the value at key, else fallback, else 1, so
// every message has a place even for front matter built by hand.
func (c *computer) line(key string, fallback int) int {
	if l := c.m.Lines[key]; l >= 1 {
		return l
	}
	return max(fallback, 1)
}

// readStandards checks the scenario's standards: list and keeps the known
// ones, once each, in order.
func (c *computer) readStandards() {
	for i, id := range c.m.Standards {
		line := c.line("standards."+strconv.Itoa(i), c.m.Lines["standards"])
		s, ok := Lookup(id)
		switch {
		case !ok:
			c.errorf(line, "standards: %s", unknownStandard(id))
			if hint := content.Suggest(id, standardIDs()); hint != "" {
				c.misspelt[hint] = true
			}
		case slices.Contains(c.tl.Standards, s):
			c.errorf(line, "standards: %s is listed twice: keep one", id)
		default:
			c.tl.Standards = append(c.tl.Standards, s)
		}
	}
}

func unknownStandard(id string) string {
	msg := fmt.Sprintf("%q is not a waiting-time standard the handbook knows", id)
	if hint := content.Suggest(id, standardIDs()); hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", hint)
	}
	return msg + "; the standards are " + strings.Join(standardIDs(), ", ")
}

// readEvent checks event i and applies its clock action.
func (c *computer) readEvent(i int, ev content.Event) {
	n := i + 1
	key := "events." + strconv.Itoa(i)
	row := Row{N: n, Date: ev.Date, What: ev.What, Rule: ev.Rule, Line: c.line(key, ev.Line)}
	c.checkDate(n, ev, c.line(key+".date", row.Line))
	c.checkOpen(n, ev, c.line(key+".date", row.Line))

	clockLine := c.line(key+".clock", row.Line)
	row.Action = ev.Clock
	if row.Action == "" {
		row.Action = "none"
	}
	valid := slices.Contains(actions(), row.Action)
	if !valid {
		msg := fmt.Sprintf("event %d: clock %q is not a clock action", n, ev.Clock)
		if hint := content.Suggest(ev.Clock, actions()); hint != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", hint)
		}
		c.errorf(clockLine, "%s: use start, stop, nullify or none", msg)
	}

	row.Standards = c.eventStandards(n, key, ev, row.Line)
	if len(ev.Standards) == 0 && row.Action != "none" {
		row.Standards = c.tl.Standards // empty means all of the scenario's
	}
	if !valid {
		for _, s := range row.Standards {
			c.unsure[s.ID] = true // don't blame later events for this one's typo
		}
	}
	for _, s := range row.Standards {
		if row.Action != "none" {
			c.acted[s.ID] = true
		}
		c.apply(row, s, clockLine)
	}
	c.tl.Events = append(c.tl.Events, row)
}

// checkDate reports a missing date or one earlier than the event before.
func (c *computer) checkDate(n int, ev content.Event, line int) {
	switch {
	case ev.Date.IsZero():
		c.errorf(line, `event %d has no date: add a line "date: YYYY-MM-DD"`, n)
		return
	case !c.last.IsZero() && ev.Date.Before(c.last.Time):
		c.errorf(line, "event %d is dated %s, before event %d (%s): list the events in date order",
			n, ev.Date, c.lastN, c.last)
	}
	c.last, c.lastN = ev.Date, n
}

// checkOpen warns about an event dated on a weekend or a bank holiday in
// England, when clinics and GP surgeries are usually closed, unless the
// event says why it happens that day. Scenarios are read as real pathways,
// so a clinic on Easter Monday teaches the wrong thing even when the clocks
// are right.
func (c *computer) checkOpen(n int, ev content.Event, line int) {
	if ev.Date.IsZero() || strings.TrimSpace(ev.OutOfHours) != "" {
		return
	}
	day, closed := ClosedDay(ev.Date.Time)
	if !closed {
		return
	}
	what := "a bank holiday in England (" + day + ")"
	if day == "Saturday" || day == "Sunday" {
		what = "a " + day
	}
	c.warns = append(c.warns, content.Warnf(c.file, line, 0,
		`event %d is dated %s, %s, when clinics and GP surgeries are usually closed: move it to a working day, or add "out_of_hours:" to the event saying why it happens that day`,
		n, ev.Date, what))
}

// eventStandards checks the standards an event names and returns those it
// can act on: known, listed by the scenario, once each.
func (c *computer) eventStandards(n int, key string, ev content.Event, fallback int) []Standard {
	var out []Standard
	for j, id := range ev.Standards {
		line := c.line(key+".standards."+strconv.Itoa(j), c.line(key+".standards", fallback))
		s, ok := Lookup(id)
		switch {
		case !ok:
			c.errorf(line, "event %d: %s", n, unknownStandard(id))
			// Whether the clock it looks like is running is now unknown:
			// don't blame later events for it.
			if hint := content.Suggest(id, standardIDs()); hint != "" {
				c.unsure[hint], c.acted[hint] = true, true
			}
		case len(c.m.Standards) == 0 || c.misspelt[id]:
			// Already reported at the scenario's standards.
		case !slices.Contains(c.tl.Standards, s):
			c.errorf(line, "event %d names %s, but the scenario's standards do not list it: add %s to standards (line %d) or remove it from this event",
				n, id, id, c.line("standards", 1))
		case slices.Contains(out, s):
			c.errorf(line, "event %d names %s twice: keep one", n, id)
		default:
			out = append(out, s)
		}
	}
	return out
}

// apply carries out row's action on standard s's clock.
func (c *computer) apply(row Row, s Standard, line int) {
	idx, running := c.running[s.ID]
	switch row.Action {
	case "start":
		if running && !c.unsure[s.ID] {
			open := c.tl.Clocks[idx]
			c.errorf(line, "event %d: the clock for %s is already running (it started on %s, event %d): stop or nullify it before starting it again",
				row.N, s.ID, open.Start, open.StartRow)
			return
		}
		delete(c.unsure, s.ID)
		c.running[s.ID] = len(c.tl.Clocks)
		c.tl.Clocks = append(c.tl.Clocks, Clock{Standard: s, Start: row.Date, StartRow: row.N})
	case "stop", "nullify":
		if !running {
			if !c.unsure[s.ID] {
				c.errorf(line, "event %d: the clock for %s is not running: add a start event before this %s", row.N, s.ID, row.Action)
			}
			delete(c.unsure, s.ID)
			return
		}
		delete(c.unsure, s.ID)
		delete(c.running, s.ID)
		p := &c.tl.Clocks[idx]
		p.End, p.EndRow = row.Date, row.N
		p.Days = days(p.Start.Time, p.End.Time)
		switch {
		case row.Action == "nullify":
			p.Outcome = Nullified
		case p.Days <= s.Limit:
			p.Outcome = Met
		default:
			p.Outcome = Breached
		}
	}
}

// checkStarted reports a listed standard that no event acts on: it would
// have no clock to draw, which is almost always a forgotten "clock: start".
// A standard some event tries to stop has already had its message.
func (c *computer) checkStarted() {
	for i, id := range c.m.Standards {
		_, known := Lookup(id)
		if !known || c.acted[id] || slices.Index(c.m.Standards, id) != i {
			continue // unknown and repeated standards have their own messages
		}
		c.errorf(c.line("standards."+strconv.Itoa(i), c.m.Lines["standards"]),
			"standards: %s is listed but no event starts its clock: add \"clock: start\" to the event that starts it, or remove %s from standards", id, id)
	}
}

// finish closes open periods at the last event, names and orders the
// periods, and records which clocks run at each event.
func (c *computer) finish() {
	tl := c.tl
	last := tl.Events[len(tl.Events)-1].Date
	for i := range tl.Clocks {
		p := &tl.Clocks[i]
		p.Target = content.Date{Time: p.Start.AddDate(0, 0, p.Standard.Limit)}
		if p.EndRow == 0 {
			p.End, p.Outcome = last, Open
			p.Days = days(p.Start.Time, last.Time)
		}
	}
	order := func(s Standard) int { return slices.Index(tl.Standards, s) }
	slices.SortStableFunc(tl.Clocks, func(a, b Clock) int { return order(a.Standard) - order(b.Standard) })
	count := map[string]int{}
	for _, p := range tl.Clocks {
		count[p.Standard.ID]++
	}
	seen := map[string]int{}
	for i := range tl.Clocks {
		p := &tl.Clocks[i]
		seen[p.Standard.ID]++
		p.Period, p.Name = seen[p.Standard.ID], p.Standard.Short
		if count[p.Standard.ID] > 1 {
			p.Name += fmt.Sprintf(", period %d", p.Period)
		}
	}
	for r := range tl.Events {
		row := &tl.Events[r]
		for i, p := range tl.Clocks {
			if row.N >= p.StartRow && (p.EndRow == 0 || row.N <= p.EndRow) {
				row.Running = append(row.Running, Reading{Clock: i, Day: days(p.Start.Time, row.Date.Time)})
			}
		}
	}
}

func firstLine(events []content.Event) int {
	if len(events) == 0 {
		return 1
	}
	return events[0].Line
}

// idFor makes a short ID prefix from the file name, so two scenarios'
// figures on one page never share an element ID.
func idFor(file string) string {
	h := fnv.New32a()
	h.Write([]byte(file))
	return fmt.Sprintf("tl-%08x", h.Sum32())
}

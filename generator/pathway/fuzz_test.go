package pathway

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/content"
)

// FuzzCompute feeds Compute arbitrary timelines: standards as a
// comma-separated list, and one event per line as
//
//	<day> <clock> <standard,standard> <line>
//
// where day counts from 1 January 2026 (not a number: no date) and line is
// the event's line in the file (missing or not positive: unknown). It checks
// the invariants every scenario relies on: no panic, every error is a
// *content.Error with a line ≥ 1, and every figure is well-formed with
// unique IDs and no NaN.
func FuzzCompute(f *testing.F) {
	pages, _, err := content.Load("../../content")
	if err != nil {
		f.Fatalf("content.Load: %v", err)
	}
	for _, p := range pages {
		if p.Meta.Kind == content.KindScenario {
			standards, events := encodeFuzz(p.Meta)
			f.Add(standards, events)
		}
	}
	f.Add("rtt-18", "0 start\n42 nullify\n46 start\n147 stop")
	f.Add("rtt18,cancer-31", "5 strat cancer-31 3\n2 stop rtt-18 0\nx none")
	f.Add("", "0 start\n1 stop")
	f.Add("rtt-18,rtt-18", "0 start rtt-18,rtt-18 -1\n-100000 stop\n3650000 start")
	f.Fuzz(func(t *testing.T, standards, events string) {
		m := decodeFuzz(standards, events)
		tl, err := Compute("f.md", m)
		for _, e := range content.Errors(err) {
			var ce *content.Error
			if !errors.As(e, &ce) || ce.Line < 1 {
				t.Errorf("error without a line: %v", e)
			}
		}
		if _, hard := content.Warnings(err); len(hard) == 0 && tl != nil {
			checkFigure(t, string(tl.HTML()))
		}
	})
}

func decodeFuzz(standards, events string) content.Meta {
	m := content.Meta{Lines: map[string]int{}}
	if standards != "" {
		m.Standards = strings.Split(standards, ",")
	}
	origin := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, line := range strings.Split(events, "\n") {
		if line == "" {
			continue
		}
		fields := strings.Fields(line)
		ev := content.Event{What: line}
		field := func(n int) string {
			if n < len(fields) {
				return fields[n]
			}
			return ""
		}
		if day, err := strconv.Atoi(field(0)); err == nil {
			ev.Date.Time = origin.AddDate(0, 0, day)
		}
		ev.Clock = field(1)
		if s := field(2); s != "" {
			ev.Standards = strings.Split(s, ",")
		}
		if n, err := strconv.Atoi(field(3)); err == nil {
			ev.Line = n
			m.Lines[fmt.Sprintf("events.%d.clock", len(m.Events))] = n + i%3 // some true, some made up
		}
		m.Events = append(m.Events, ev)
	}
	return m
}

// encodeFuzz writes a scenario's front matter in FuzzCompute's format.
func encodeFuzz(m content.Meta) (standards, events string) {
	origin := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	for _, ev := range m.Events {
		clock := ev.Clock
		if clock == "" {
			clock = "none"
		}
		fmt.Fprintf(&b, "%d %s %s %d\n", days(origin, ev.Date.Time), clock, strings.Join(ev.Standards, ","), ev.Line)
	}
	return strings.Join(m.Standards, ","), b.String()
}

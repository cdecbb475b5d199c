package pathway

import (
	"strings"
	"testing"
	"time"

	"ppchandbook/generator/content"
)

func TestClosedDay(t *testing.T) {
	tests := []struct {
		date, want string // want "" for a working day
	}{
		// 2026, as GOV.UK lists it for England and Wales.
		{"2026-01-01", "New Year's Day"},
		{"2026-04-03", "Good Friday"},
		{"2026-04-06", "Easter Monday"},
		{"2026-05-04", "the early May bank holiday"},
		{"2026-05-25", "the spring bank holiday"},
		{"2026-08-31", "the summer bank holiday"},
		{"2026-12-25", "Christmas Day"},
		{"2026-12-28", "Boxing Day"}, // 26 December is a Saturday
		{"2026-04-02", ""},           // Maundy Thursday is a working day
		{"2026-04-07", ""},
		{"2026-12-29", ""},
		{"2026-04-04", "Saturday"},
		{"2026-04-05", "Sunday"}, // Easter Sunday
		// Substitute days.
		{"2022-01-03", "New Year's Day"}, // 1 January a Saturday
		{"2023-01-02", "New Year's Day"}, // 1 January a Sunday
		{"2021-12-27", "Christmas Day"},  // 25 December a Saturday
		{"2021-12-28", "Boxing Day"},
		{"2022-12-26", "Boxing Day"}, // 25 December a Sunday
		{"2022-12-27", "Christmas Day"},
		{"2027-12-27", "Christmas Day"},
		{"2027-12-28", "Boxing Day"},
		// Easter across the calendar.
		{"2024-03-29", "Good Friday"},
		{"2024-04-01", "Easter Monday"},
		{"2025-04-21", "Easter Monday"},
		{"2027-03-29", "Easter Monday"},
		{"2038-04-26", "Easter Monday"}, // Easter at its latest, 25 April
		{"2008-03-24", "Easter Monday"}, // Easter almost at its earliest
		// Proclaimed and moved days.
		{"2020-05-08", "the early May bank holiday (VE Day)"},
		{"2020-05-04", ""},
		{"2022-05-30", ""},
		{"2022-06-02", "the spring bank holiday"},
		{"2022-06-03", "the Platinum Jubilee bank holiday"},
		{"2022-09-19", "the bank holiday for the State Funeral of Queen Elizabeth II"},
		{"2023-05-08", "the bank holiday for the coronation of King Charles III"},
		{"2023-05-01", "the early May bank holiday"},
		{"2012-06-05", "the Diamond Jubilee bank holiday"},
		{"2011-04-29", "the royal wedding bank holiday"},
	}
	for _, tt := range tests {
		d, err := time.Parse(time.DateOnly, tt.date)
		if err != nil {
			t.Fatal(err)
		}
		got, closed := ClosedDay(d)
		if got != tt.want || closed != (tt.want != "") {
			t.Errorf("ClosedDay(%s) = %q, %v; want %q, %v", tt.date, got, closed, tt.want, tt.want != "")
		}
	}
}

func TestEasterSunday(t *testing.T) {
	for year, want := range map[int]string{
		1981: "1981-04-19", 2000: "2000-04-23", 2008: "2008-03-23", 2019: "2019-04-21",
		2026: "2026-04-05", 2038: "2038-04-25", 2285: "2285-03-22",
	} {
		if got := easterSunday(year).Format(time.DateOnly); got != want {
			t.Errorf("easterSunday(%d) = %s; want %s", year, got, want)
		}
	}
}

// TestComputeClosedDays checks that events on closed days are warnings, not
// errors: the timeline is still drawn, and out_of_hours silences them.
func TestComputeClosedDays(t *testing.T) {
	outOfHours := func(e content.Event, why string) content.Event { e.OutOfHours = why; return e }
	tests := []struct {
		name string
		m    content.Meta
		want []string
	}{
		{"working days", rtt(ev("2026-04-07", "start"), ev("2026-05-05", "stop")), nil},
		{
			"a bank holiday and a weekend",
			rtt(ev("2026-04-06", "start"), ev("2026-04-11", "none"), ev("2026-05-05", "stop")),
			[]string{
				`x.md:10: warning: event 1 is dated 6 April 2026, a bank holiday in England (Easter Monday), when clinics and GP surgeries are usually closed: move it to a working day, or add "out_of_hours:" to the event saying why it happens that day`,
				`x.md:15: warning: event 2 is dated 11 April 2026, a Saturday, when clinics and GP surgeries are usually closed: move it to a working day, or add "out_of_hours:" to the event saying why it happens that day`,
			},
		},
		{
			"marked out of hours",
			rtt(outOfHours(ev("2026-04-05", "start"), "the patient booked online on Sunday evening"), ev("2026-05-05", "stop")),
			nil,
		},
		{
			"a blank reason does not count",
			rtt(outOfHours(ev("2026-04-05", "start"), "  "), ev("2026-05-05", "stop")),
			[]string{`x.md:10: warning: event 1 is dated 5 April 2026, a Sunday, when clinics and GP surgeries are usually closed: move it to a working day, or add "out_of_hours:" to the event saying why it happens that day`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Compute("x.md", tt.m)
			warnings, hard := content.Warnings(err)
			if tl == nil || len(hard) > 0 {
				t.Fatalf("Compute() = %v, %v; want a timeline and warnings only", tl, hard)
			}
			var got []string
			for _, w := range warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Compute() warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

package pathway

import (
	"time"
)

// ClosedDay says whether d is a Saturday, a Sunday or a bank holiday in
// England, and names it ("Saturday", "Easter Monday"): a day when outpatient
// clinics, planned theatre lists and GP surgeries are usually closed.
//
// Bank holidays are worked out by rule, so a build needs no network and no
// yearly list. The rules are those of the Banking and Financial Dealings Act
// 1971, Schedule 1, with the days added by royal proclamation every year since
// 1978, and Christmas Day and Good Friday, which are holidays by custom:
// New Year's Day, Good Friday, Easter Monday, the first and last
// Mondays in May, the last Monday in August, Christmas Day and Boxing Day,
// with a substitute weekday when New Year's Day, Christmas Day or Boxing Day
// falls at a weekend. The one-off and moved days proclaimed since 1978 are in
// proclaimed; a new one must be added there when it is announced.
func ClosedDay(d time.Time) (string, bool) {
	if name, ok := bankHoliday(d); ok {
		return name, true
	}
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return d.Weekday().String(), true
	}
	return "", false
}

// bankHoliday names the bank holiday in England that falls on d, if any.
func bankHoliday(d time.Time) (string, bool) {
	y, m, day := d.Date()
	date := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if p, ok := proclaimed[date.Format(time.DateOnly)]; ok {
		return p.name, p.name != ""
	}
	easter := easterSunday(y)
	switch {
	case date.Equal(substitute(time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC))):
		return "New Year's Day", true
	case date.Equal(easter.AddDate(0, 0, -2)):
		return "Good Friday", true
	case date.Equal(easter.AddDate(0, 0, 1)):
		return "Easter Monday", true
	case y >= 1978 && m == time.May && date.Equal(firstMonday(y, time.May)):
		return "the early May bank holiday", true
	case m == time.May && date.Equal(lastMonday(y, time.May)):
		return "the spring bank holiday", true
	case m == time.August && date.Equal(lastMonday(y, time.August)):
		return "the summer bank holiday", true
	}
	christmas, boxing := christmasDays(y)
	switch {
	case date.Equal(christmas):
		return "Christmas Day", true
	case date.Equal(boxing):
		return "Boxing Day", true
	}
	return "", false
}

// proclaimed holds the days that differ from the rules, by date: extra bank
// holidays (named), and rule days moved elsewhere that year (name ""), as
// announced on GOV.UK. The moved days' new dates are listed as extra days.
var proclaimed = map[string]struct{ name string }{
	"1981-07-29": {"the royal wedding bank holiday"},
	"1995-05-01": {""}, // early May holiday moved to 8 May for VE Day's 50th anniversary
	"1995-05-08": {"the early May bank holiday (VE Day)"},
	"1999-12-31": {"the millennium bank holiday"},
	"2002-05-27": {""}, // spring holiday moved to 4 June for the Golden Jubilee
	"2002-06-03": {"the Golden Jubilee bank holiday"},
	"2002-06-04": {"the spring bank holiday"},
	"2011-04-29": {"the royal wedding bank holiday"},
	"2012-05-28": {""}, // spring holiday moved to 4 June for the Diamond Jubilee
	"2012-06-04": {"the spring bank holiday"},
	"2012-06-05": {"the Diamond Jubilee bank holiday"},
	"2020-05-04": {""}, // early May holiday moved to 8 May for VE Day's 75th anniversary
	"2020-05-08": {"the early May bank holiday (VE Day)"},
	"2022-05-30": {""}, // spring holiday moved to 2 June for the Platinum Jubilee
	"2022-06-02": {"the spring bank holiday"},
	"2022-06-03": {"the Platinum Jubilee bank holiday"},
	"2022-09-19": {"the bank holiday for the State Funeral of Queen Elizabeth II"},
	"2023-05-08": {"the bank holiday for the coronation of King Charles III"},
}

// easterSunday returns the date of Easter Sunday in year y of the Gregorian
// calendar, by the anonymous Gregorian computus (Meeus, Jones, Butcher).
func easterSunday(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// substitute returns d, or the Monday after it when d is at a weekend (New
// Year's Day's substitute day).
func substitute(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, 2)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

// christmasDays returns the days on which the Christmas Day and Boxing Day
// bank holidays fall in year y: on 25 and 26 December when those are
// weekdays, else on substitute weekdays as GOV.UK lists them (25 December on
// a Sunday: Boxing Day stays on Monday 26 and Christmas Day moves to Tuesday).
func christmasDays(y int) (christmas, boxing time.Time) {
	christmas = time.Date(y, time.December, 25, 0, 0, 0, 0, time.UTC)
	switch christmas.Weekday() {
	case time.Friday:
		return christmas, christmas.AddDate(0, 0, 3)
	case time.Saturday:
		return christmas.AddDate(0, 0, 2), christmas.AddDate(0, 0, 3)
	case time.Sunday:
		return christmas.AddDate(0, 0, 2), christmas.AddDate(0, 0, 1)
	}
	return christmas, christmas.AddDate(0, 0, 1)
}

func firstMonday(y int, m time.Month) time.Time {
	d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, (int(time.Monday)-int(d.Weekday())+7)%7)
}

func lastMonday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // the month's last day
	return d.AddDate(0, 0, -((int(d.Weekday()) - int(time.Monday) + 7) % 7))
}

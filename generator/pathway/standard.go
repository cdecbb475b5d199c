package pathway

// Standard is a waiting-time standard a scenario can be tracked against.
type Standard struct {
	ID     string // as written in front matter: "rtt-18"
	Name   string // in full: "Referral to treatment: 18 weeks"
	Short  string // in sentences and table headings: "RTT 18 weeks"
	Code   string // on the figure's lanes, where space is short: "RTT"
	Target string // names the target line: "18-week target"
	Limit  int    // days from the clock start to the last day that meets the standard
}

// Standards returns the standards the handbook knows, in the order the
// scenarios' guide introduces them. The limits follow the handbook's rules
// pages: RTT 18 weeks is 126 days (NHS Constitution and the RTT rules suite);
// the three cancer standards since 1 October 2023 are 28, 31 and 62 days; the
// diagnostic pledge is 6 weeks, 42 days, from request to test.
func Standards() []Standard {
	return []Standard{
		{"rtt-18", "Referral to treatment: 18 weeks", "RTT 18 weeks", "RTT", "18-week target", 126},
		{"cancer-fds-28", "Faster Diagnosis Standard: 28 days", "FDS 28 days", "FDS", "28-day target", 28},
		{"cancer-31", "31 days: decision to treat to first treatment", "Cancer 31 days", "31-day", "31-day target", 31},
		{"cancer-62", "62 days: urgent referral to first treatment", "Cancer 62 days", "62-day", "62-day target", 62},
		{"diagnostic-6", "Diagnostic test: 6 weeks from request to test", "Diagnostics 6 weeks", "Diagnostic", "6-week target", 42},
	}
}

// Lookup returns the standard with the given ID.
func Lookup(id string) (Standard, bool) {
	for _, s := range Standards() {
		if s.ID == id {
			return s, true
		}
	}
	return Standard{}, false
}

// standardIDs lists the known IDs, for "did you mean" hints and messages.
func standardIDs() []string {
	var ids []string
	for _, s := range Standards() {
		ids = append(ids, s.ID)
	}
	return ids
}

package pathway

import (
	"fmt"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

// TestScenarios computes every scenario in the handbook and checks the
// results against the ones their authors worked out by hand in the prose, so
// the figure and the text can never disagree unnoticed.
func TestScenarios(t *testing.T) {
	// Each clock period as "standard days outcome spare", in the order of
	// Timeline.Clocks (standards as the scenario lists them, then by start).
	want := map[string][]string{
		"orthopaedic-18-weeks":      {"rtt-18 119 met 7"},
		"suspected-cancer-fds":      {"cancer-fds-28 24 met 4", "cancer-62 57 met 5", "cancer-31 21 met 10"},
		"first-appointment-dna":     {"rtt-18 42 nullified 84", "rtt-18 101 met 25"},
		"patient-declines-dates":    {"rtt-18 140 breached -14"},
		"diagnostic-delay":          {"rtt-18 122 met 4", "diagnostic-6 44 breached -2"},
		"inter-provider-transfer":   {"cancer-fds-28 24 met 4", "cancer-62 59 met 3", "cancer-31 17 met 14"},
		"ptl-validation":            {"rtt-18 35 met 91", "rtt-18 56 met 70"},
		"reasonable-adjustments":    {"rtt-18 104 met 22"},
		"anxious-caller":            {"cancer-fds-28 22 met 6"},
		"hospital-cancelled-clinic": {"rtt-18 126 met 0"},
		"child-not-brought":         {"rtt-18 35 nullified 91", "rtt-18 98 met 28"},
		"cancer-transfer-adjustment": {
			"cancer-fds-28 7 nullified 21", "cancer-fds-28 23 met 5",
			"cancer-62 7 nullified 55", "cancer-62 58 met 4",
			"cancer-31 28 met 3",
			"rtt-18 66 met 60",
		},
	}
	pages, _, err := content.Load("../../content")
	if err != nil {
		t.Fatalf("content.Load: %v", err)
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if p.Meta.Kind != content.KindScenario {
			continue
		}
		seen[p.Slug()] = true
		t.Run(p.Slug(), func(t *testing.T) {
			tl, err := Compute(p.File, p.Meta)
			if err != nil {
				t.Fatalf("Compute(%s):\n%v", p.File, err)
			}
			if tl == nil {
				t.Fatalf("Compute(%s) = nil; the scenario has no timeline", p.File)
			}
			w, ok := want[p.Slug()]
			if !ok {
				t.Skipf("%s computes; add its hand-worked results to this test", p.File)
			}
			if got := describeClocks(tl); strings.Join(got, "; ") != strings.Join(w, "; ") {
				t.Errorf("Compute(%s) clocks = %q; want %q", p.File, got, w)
			}
		})
	}
	for slug := range want {
		if !seen[slug] {
			t.Errorf("scenario %q is not in content/scenarios: was it renamed?", slug)
		}
	}
}

func describeClocks(tl *Timeline) []string {
	var out []string
	for _, c := range tl.Clocks {
		out = append(out, fmt.Sprintf("%s %d %s %d", c.Standard.ID, c.Days, c.Outcome, c.Spare()))
	}
	return out
}

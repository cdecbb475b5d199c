package check

import (
	"errors"
	"fmt"
	"time"

	"ppchandbook/generator/content"
)

// dueSoon is how far ahead a next_review date is flagged, so there is time
// to do the review before it lapses.
const dueSoon = 30 * 24 * time.Hour

// Reviews checks each page's review dates and sources: a next_review date
// before today is an error, one within 30 days a warning, and a page
// without a reviewed date, a next_review date or any sources gets a
// warning for each. A key the page does not have is reported against the
// whole file (line 0); one whose value was rejected is not reported again.
func Reviews(pages []*content.Page, today time.Time) error {
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var errs []error
	for _, p := range pages {
		m := p.Meta
		if m.Reviewed.IsZero() && !m.Rejected("reviewed") {
			errs = append(errs, warnf(p.File, m.Lines["reviewed"], 0,
				"after checking the page against its sources, add reviewed: "+today.Format(time.DateOnly)+" to the front matter",
				"the page has no reviewed date, so readers cannot tell how current it is"))
		}
		next := m.NextReview.Time
		switch {
		case next.IsZero() && m.Rejected("next_review"):
			// already reported as not a date
		case next.IsZero():
			errs = append(errs, warnf(p.File, m.Lines["next_review"], 0,
				"add next_review: with the date the page should next be checked, usually a year after reviewed",
				"the page has no next_review date, so nothing will remind anyone to check it"))
		case next.Before(today):
			errs = append(errs, errorf(p.File, m.Lines["next_review"], 0, reviewHint(today),
				"the page was due for review on %s, %s ago", m.NextReview, days(today.Sub(next))))
		case next.Sub(today) <= dueSoon:
			when := "today"
			if next.After(today) {
				when = "in " + days(next.Sub(today))
			}
			errs = append(errs, warnf(p.File, m.Lines["next_review"], 0, reviewHint(today),
				"the page is due for review on %s, %s", m.NextReview, when))
		}
		if len(m.Sources) == 0 && !m.Rejected("sources") {
			errs = append(errs, warnf(p.File, m.Lines["sources"], 0,
				`list each source under sources: with its title, publisher, url and date`,
				"the page lists no sources, so readers cannot check what it says"))
		}
	}
	return errors.Join(errs...)
}

func reviewHint(today time.Time) string {
	return "check the page against its sources, then set reviewed: " + today.Format(time.DateOnly) +
		" and next_review: " + today.AddDate(1, 0, 0).Format(time.DateOnly)
}

// days writes a whole number of days: "1 day", "30 days".
func days(d time.Duration) string {
	n := int(d.Round(time.Hour).Hours() / 24)
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

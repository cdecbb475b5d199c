package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Meta is a page's front matter. The yaml tags are the only keys an educator
// may write; anything else is reported with a suggestion.
type Meta struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Kind        Kind     `yaml:"kind"`
	Weight      int      `yaml:"weight"` // order within the section, smaller first; 0 sorts last
	Draft       bool     `yaml:"draft"`  // drafts are not published
	Reviewed    Date     `yaml:"reviewed"`
	NextReview  Date     `yaml:"next_review"`
	Sources     []Source `yaml:"sources"`
	Skills      []string `yaml:"skills"`    // skill page slugs, on scenarios and routes
	Standards   []string `yaml:"standards"` // waiting-time standards a scenario is tracked against
	Events      []Event  `yaml:"events"`    // a scenario's timeline, in date order
	RawHTML     bool     `yaml:"raw_html"`  // let this page's Markdown contain live HTML
	Aliases     []string `yaml:"aliases"`   // old addresses of the page ("skills/old-name.md"), each given a redirect
	// RedirectFrom is Jekyll's name for aliases; its entries are added
	// to Aliases when the front matter is read.
	RedirectFrom []string `yaml:"redirect_from"`

	// Lines maps each key path ("title", "skills.2", "events.0.date") to its
	// line in the source file, so later stages can point at the exact value.
	Lines map[string]int `yaml:"-"`

	rejected map[string]bool // key paths whose values were reported as wrong; "" for the whole front matter
}

// Rejected reports whether the value at the key path ("events.1.date"),
// or a value inside or around it, was reported as wrong when the front
// matter was read, and so left empty. Later checks pass over such a value
// rather than add knock-on messages (no skill page "", event 2 has no
// date) to the one that says what is wrong.
func (m *Meta) Rejected(path string) bool {
	for p := range m.rejected {
		if p == "" || p == path || strings.HasPrefix(path, p+".") || strings.HasPrefix(p, path+".") {
			return true
		}
	}
	return false
}

// Kind says what sort of page this is; layouts and checks depend on it.
type Kind string

// The kinds of page. A layout named after the kind (skill.html) overrides
// the default page layout.
const (
	KindPage          Kind = "page"
	KindSkill         Kind = "skill"
	KindQualification Kind = "qualification"
	KindScenario      Kind = "scenario"
	KindGlossary      Kind = "glossary"
)

// Kinds lists the valid kinds, in the order the guide documents them.
var Kinds = []Kind{KindPage, KindSkill, KindQualification, KindScenario, KindGlossary}

// UnmarshalYAML rejects kinds the generator does not know, with a hint.
func (k *Kind) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	names := make([]string, len(Kinds))
	for i, kind := range Kinds {
		names[i] = string(kind)
		if s == string(kind) {
			*k = kind
			return nil
		}
	}
	msg := fmt.Sprintf("%q is not one of page, skill, qualification, scenario, glossary", s)
	if hint := Suggest(s, names); hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", hint)
	}
	return valueError(msg)
}

// Source is one entry of a page's sources list. A plain string is accepted
// as the title, for quick notes.
type Source struct {
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"` // as the source shows it, e.g. "October 2022"
}

// Event is one dated step of a scenario's pathway.
type Event struct {
	Date      Date     `yaml:"date"`
	What      string   `yaml:"what"`
	Clock     string   `yaml:"clock"`     // start, stop, nullify or none
	Standards []string `yaml:"standards"` // clocks this acts on; empty means all of the scenario's
	Rule      string   `yaml:"rule"`      // the rule the clock action follows
	// OutOfHours says why the event happens on a weekend or a bank holiday
	// (a patient booking online on a Sunday, a weekend waiting-list clinic);
	// left empty, an event on such a day is reported as a warning.
	OutOfHours string `yaml:"out_of_hours"`
	Line       int    `yaml:"-"` // line of the event in the source file
}

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML accepts only the unambiguous ISO form, because 03/04/2026
// means different days to different readers.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return valueError("a date must be written as YYYY-MM-DD, for example 2026-11-25")
	}
	t, err := ParseDate(n.Value)
	if err != nil {
		return valueError(err.Error())
	}
	d.Time = t
	return nil
}

// isoShape is the shape of a date, YYYY-MM-DD, whether or not the
// calendar has the day it names.
var isoShape = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseDate reads a date written YYYY-MM-DD. Its error tells a date in
// the wrong shape from one in the right shape that the calendar lacks
// (2026-02-30), so the educator is not told to write the date the way
// they already have.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return t, nil
	}
	m := isoShape.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, for example 2026-11-25", s)
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if month < 1 || month > 12 {
		return time.Time{}, fmt.Errorf("%q is not a date: there is no month %d (write the year, then the month, then the day, as in 2026-11-25)", s, month)
	}
	return time.Time{}, fmt.Errorf("%q is not a date: %s %d has no day %d", s, time.Month(month), year, day)
}

// String formats the date as the handbook shows it: 25 November 2026.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2 January 2006")
}

// ISO formats the date as YYYY-MM-DD, for datetime attributes.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// valueError is a message about a value that is already plain English, so the
// decoder shows it as is instead of wrapping it in a type description.
type valueError string

func (e valueError) Error() string { return string(e) }

// Package pathway works out a scenario's waiting-time clocks from its front
// matter and draws them as a figure.
//
// # Model
//
// A scenario lists the standards it is tracked against (standards:) and the
// dated steps of its pathway (events:). Each event may act on clocks:
//
//	start    opens a new period for each standard it names
//	stop     ends the running period: it is counted, and met or breached
//	nullify  ends the running period as not reported (an RTT first-appointment
//	         DNA: the period is removed from reporting; a later start opens a
//	         new one)
//	none     no effect; the default when clock: is left out
//
// An event's standards: says which clocks it acts on; left out, it acts on all
// of the scenario's standards. A standard may have several periods, one after
// another, but never two at once. A period still running after the last event
// is open "as at" that event's date.
//
// Days are counted as the handbook's scenarios count them: the start date is
// day 0, a later date is day N where N is the number of calendar days since
// the start, and week = N/7 rounded down. The target date is start + limit
// days; the standard is met when N <= limit, so day 126 meets 18 weeks and
// day 127 breaches it. The known standards and their limits are listed by
// Standards.
//
// # Contract
//
// Compute checks the whole timeline and returns every problem at once, each a
// *content.Error at the line of the value to change, in plain English: unknown
// standards and clock values (with a "did you mean"), events out of date order,
// a stop or nullify with no clock running, a start while one is running, an
// event naming a standard the scenario does not list, a listed standard whose
// clock never starts, and events with no standards to act on. Only a timeline
// with no problems is returned.
//
// An event dated on a Saturday, a Sunday or a bank holiday in England (see
// ClosedDay) is a warning, not an error: the timeline is still returned, with
// the warnings, because clinics and GP surgeries are usually closed that day
// and a scenario should read as a real pathway. An event with out_of_hours:
// (a reason, such as a patient booking online on a Sunday) is not reported.
//
// Timeline.HTML draws the result at build time, with no script: an inline SVG
// (one lane per period, the target as a dashed line, events as numbered
// markers), the same results as sentences, and a table of the events for
// screen readers and print. Colours come from classes styled in
// layouts/assets/timeline.css, which uses the site's theme variables, so the
// figure follows the light, dark and print themes; outcomes are also written
// in words and past-target days are hatched, so nothing depends on colour.
package pathway

package pathway

import (
	"fmt"
	"html/template"
	"strings"
)

// HTML returns the whole figure for the scenario's page: the results in
// words, the drawing, a key to it, and a table of the events with the day
// each running clock had reached. The table carries the same facts as the
// drawing, for screen readers and print. All text is escaped, and every ID
// starts with t.ID. A nil timeline gives no HTML.
func (t *Timeline) HTML() template.HTML {
	if t == nil || len(t.Events) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<figure class=\"timeline\" id=\"%s\">\n", esc(t.ID))
	b.WriteString("<figcaption class=\"timeline-caption\"><span class=\"timeline-title\">How the clocks ran</span>\n<ul class=\"timeline-summary\">\n")
	for _, c := range t.Clocks {
		fmt.Fprintf(&b, "<li class=\"tl-result-%s\">%s</li>\n", c.Outcome, esc(c.Summary()))
	}
	b.WriteString("</ul></figcaption>\n")
	t.svg(&b)
	b.WriteString("\n")
	t.key(&b)
	t.table(&b)
	b.WriteString("</figure>\n")
	return template.HTML(b.String()) // every piece of text above went through esc
}

// name is the figure's accessible name.
func (t *Timeline) name() string {
	if t.Title == "" {
		return "Waiting-time clocks"
	}
	return "Waiting-time clocks: " + t.Title
}

// description says everything the drawing shows, for screen readers.
func (t *Timeline) description() string {
	var parts []string
	for _, c := range t.Clocks {
		parts = append(parts, c.Summary())
	}
	events := "the event"
	if len(t.Events) > 1 {
		events = fmt.Sprintf("the %d events", len(t.Events))
	}
	parts = append(parts, "Numbered markers show "+events+" listed in the table below.")
	return strings.Join(parts, " ")
}

// key explains the drawing's marks, listing only the kinds of period that
// appear, so the figure never relies on colour alone.
func (t *Timeline) key(b *strings.Builder) {
	has := map[Outcome]bool{}
	past := false
	for _, c := range t.Clocks {
		has[c.Outcome] = true
		past = past || c.Outcome != Nullified && c.Days > c.Standard.Limit
	}
	b.WriteString("<ul class=\"timeline-key\">\n")
	items := []struct {
		show        bool
		class, text string
	}{
		{has[Met], "met", "Solid bar: the clock stopped within the target"},
		{has[Breached], "breached", "Solid bar: the clock stopped after the target"},
		{past, "over", "Hatched: days past the target"},
		{has[Nullified], "nullified", "Dashed outline: nullified, so not reported"},
		{has[Open], "open", "Arrow: still running at the last event"},
		{true, "target", "Dashed line: the target date"},
		{true, "event", "Numbered circles: the events in the table; filled where a clock starts, a thick ring where one stops"},
	}
	for _, it := range items {
		if it.show {
			fmt.Fprintf(b, "<li><span class=\"tl-swatch tl-swatch-%s\" aria-hidden=\"true\"></span>%s</li>\n", it.class, esc(it.text))
		}
	}
	b.WriteString("</ul>\n")
}

// table writes the events, one row each, with a column per standard giving
// the day its clock had reached.
func (t *Timeline) table(b *strings.Builder) {
	b.WriteString("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Timeline events\">\n<table class=\"timeline-events\">\n")
	b.WriteString("<caption>Events, numbered as on the timeline, with the day each running clock had reached</caption>\n")
	b.WriteString("<thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Date</th><th scope=\"col\">What happened</th><th scope=\"col\">Clock</th><th scope=\"col\">Rule</th>")
	for _, s := range t.Standards {
		fmt.Fprintf(b, "<th scope=\"col\">%s</th>", esc(s.Short))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.Events {
		fmt.Fprintf(b, "<tr><th scope=\"row\">%d</th><td><time datetime=\"%s\">%s</time></td><td>%s</td><td>%s</td><td>%s</td>",
			row.N, row.Date.ISO(), esc(row.Date.String()), esc(row.What), esc(row.Effect()), esc(row.Rule))
		for _, s := range t.Standards {
			cell := ""
			for _, r := range row.Running {
				if t.Clocks[r.Clock].Standard == s {
					cell = r.String()
				}
			}
			fmt.Fprintf(b, "<td>%s</td>", esc(cell))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</div>\n")
}

package pathway

import (
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// figures are small scenarios whose whole figure is kept in
// testdata/<name>.golden, so any change to the HTML is reviewed as a diff.
func figures() map[string]content.Meta {
	dna := rtt(
		ev("2026-02-02", "start"),
		ev("2026-02-03", "none"),
		ev("2026-03-16", "nullify"),
		ev("2026-03-20", "start"),
		ev("2026-06-29", "stop"),
	)
	dna.Title = "First-appointment DNA"
	dna.Events[2].What = `Patient did not attend: letter said "16 March" & <b>text</b> was sent`
	dna.Events[2].Rule = "Data Dictionary: a first-appointment DNA nullifies the period"

	cancer := scenario([]string{"cancer-fds-28", "cancer-62"},
		ev("2026-03-02", "start"),
		ev("2026-04-03", "stop", "cancer-fds-28"),
		ev("2026-05-10", "none"),
	)
	cancer.Title = "Breached and open"
	cancer.Events[0].What = "Urgent suspected-cancer referral received"
	cancer.Events[1].What = "Patient told she has cancer"
	cancer.Events[1].Rule = "Faster Diagnosis Standard: stops when the patient is told"
	cancer.Events[2].What = "Surgery date still to be agreed"
	return map[string]content.Meta{"dna-rebook": dna, "breach-open": cancer}
}

func TestHTMLGolden(t *testing.T) {
	for name, m := range figures() {
		t.Run(name, func(t *testing.T) {
			tl, err := Compute("content/scenarios/"+name+".md", m)
			if err := hardErrors(err); err != nil {
				t.Fatalf("Compute: %v", err)
			}
			got := string(tl.HTML())
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("HTML() differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
			checkFigure(t, got)
		})
	}
}

// TestHTMLScenarios checks the figure of every scenario in the handbook.
func TestHTMLScenarios(t *testing.T) {
	pages, _, err := content.Load("../../content")
	if err != nil {
		t.Fatalf("content.Load: %v", err)
	}
	for _, p := range pages {
		if p.Meta.Kind != content.KindScenario {
			continue
		}
		t.Run(p.Slug(), func(t *testing.T) {
			tl, err := Compute(p.File, p.Meta)
			if err != nil {
				t.Fatal(err)
			}
			checkFigure(t, string(tl.HTML()))
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	m := rtt(ev("2026-01-05", "start"), ev("2026-02-05", "stop"))
	m.Title = `Mr "O'Neil" <3`
	m.Events[0].What = `<script>alert("x")</script> & co`
	m.Events[1].Rule = `</desc><title>`
	tl, err := Compute(`content/a"b.md`, m)
	if err != nil {
		t.Fatal(err)
	}
	got := string(tl.HTML())
	for _, bad := range []string{"<script>", "</desc><title>", `"O'Neil"`, "<3"} {
		if strings.Contains(got, bad) {
			t.Errorf("HTML() contains %q unescaped", bad)
		}
	}
	checkFigure(t, got)
}

// TestHTMLIDsUnique puts several figures on one page: IDs must not clash.
func TestHTMLIDsUnique(t *testing.T) {
	m := rtt(ev("2026-01-05", "start"), ev("2026-02-05", "stop"))
	a, errA := Compute("content/scenarios/a.md", m)
	b, errB := Compute("content/scenarios/b.md", m)
	// The same scenario shown twice needs an ID of the caller's choosing.
	again, errC := Compute("content/scenarios/a.md", m)
	if err := errors.Join(errA, errB, errC); err != nil {
		t.Fatal(err)
	}
	again.ID = "tl-again"
	page := string(a.HTML()) + string(b.HTML()) + string(again.HTML())
	ids := map[string]int{}
	for _, id := range attrs(t, page, "id") {
		ids[id]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times on a page with two timelines", id, n)
		}
	}
}

func TestHTMLNil(t *testing.T) {
	var tl *Timeline
	if got := tl.HTML(); got != "" {
		t.Errorf("(*Timeline)(nil).HTML() = %q; want empty", got)
	}
}

// checkFigure asserts what must hold for any figure: it and its SVG are
// well-formed XML, no coordinate is NaN, IDs are unique, and every
// aria-labelledby and url(#…) names an ID in the figure.
func checkFigure(t *testing.T, figure string) {
	t.Helper()
	for _, bad := range []string{"NaN", "+Inf", "-Inf"} {
		if strings.Contains(figure, bad) {
			t.Errorf("figure contains %s", bad)
		}
	}
	start, end := strings.Index(figure, "<svg"), strings.Index(figure, "</svg>")
	if start < 0 || end < start {
		t.Fatalf("figure has no <svg>")
	}
	svg := figure[start : end+len("</svg>")]
	for name, doc := range map[string]string{"svg": svg, "figure": figure} {
		if err := wellFormed(doc); err != nil {
			t.Errorf("the %s is not well-formed XML: %v", name, err)
		}
	}
	ids := map[string]bool{}
	for _, id := range attrs(t, figure, "id") {
		if ids[id] {
			t.Errorf("id %q is used twice", id)
		}
		ids[id] = true
	}
	var refs []string
	for _, v := range attrs(t, figure, "aria-labelledby") {
		refs = append(refs, strings.Fields(v)...)
	}
	for _, v := range attrs(t, figure, "fill") {
		if id, ok := strings.CutPrefix(v, "url(#"); ok {
			refs = append(refs, strings.TrimSuffix(id, ")"))
		}
	}
	for _, ref := range refs {
		if !ids[ref] {
			t.Errorf("reference to #%s, which is not in the figure", ref)
		}
	}
}

func wellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// attrs returns the values of every attribute called name in doc.
func attrs(t *testing.T, doc, name string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + doc + "</root>"))
	var out []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("parsing the figure: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					out = append(out, a.Value)
				}
			}
		}
	}
}

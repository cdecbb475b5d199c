package markdown

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
)

// convert runs body through a Converter as a page whose body starts on
// file line 1.
func convert(t *testing.T, body string) *Doc {
	t.Helper()
	return convertPage(t, &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 1, Body: []byte(body)}, nil)
}

func convertPage(t *testing.T, p *content.Page, resolve Resolver) *Doc {
	t.Helper()
	doc, err := New(resolve).Convert(p)
	if err != nil {
		t.Fatalf("Convert(%q) error = %v", p.Body, err)
	}
	return doc
}

func headingIDs(doc *Doc) []string {
	var out []string
	for _, h := range doc.Headings {
		out = append(out, h.ID)
	}
	return out
}

func TestConvertHeadings(t *testing.T) {
	t.Run("unique IDs for identical headings", func(t *testing.T) {
		body := "## Steps\n\nOne.\n\n## Steps\n\nTwo.\n\n### Steps\n"
		doc := convert(t, body)
		want := []string{"steps", "steps-1", "steps-2"}
		if got := headingIDs(doc); !slices.Equal(got, want) {
			t.Errorf("Convert(%q) heading IDs = %q; want %q", body, got, want)
		}
		for _, id := range want {
			if n := strings.Count(string(doc.HTML), `id="`+id+`"`); n != 1 {
				t.Errorf("Convert(%q) HTML has id=%q %d times; want once", body, id, n)
			}
			if _, ok := doc.IDs[id]; !ok {
				t.Errorf("Convert(%q) IDs has no %q", body, id)
			}
		}
	})

	t.Run("IDs the layout uses are not reused", func(t *testing.T) {
		body := "## Main\n\n## Search\n\n## Search results\n\n## Sources {#sources}\n"
		doc := convert(t, body)
		if got, want := headingIDs(doc), []string{"main-1", "search", "search-results-1", "sources"}; !slices.Equal(got, want) {
			t.Errorf("Convert(%q) heading IDs = %q; want %q", body, got, want)
		}
	})

	t.Run("first # heading dropped, later h1 demoted", func(t *testing.T) {
		body := "# Communication\n\nIntro.\n\n# Listening\n\nText.\n\n## Tone\n"
		doc := convert(t, body)
		html := string(doc.HTML)
		if strings.Contains(html, "<h1") || strings.Contains(html, "Communication") {
			t.Errorf("Convert(%q) HTML = %s; want no h1 and no title", body, html)
		}
		if !strings.Contains(html, `<h2 id="listening">Listening`) {
			t.Errorf("Convert(%q) HTML = %s; want the later h1 as <h2 id=\"listening\">", body, html)
		}
		want := []Heading{{Level: 2, ID: "listening", Text: "Listening", Line: 5}, {Level: 2, ID: "tone", Text: "Tone", Line: 9}}
		if !slices.Equal(doc.Headings, want) {
			t.Errorf("Convert(%q) Headings = %+v; want %+v", body, doc.Headings, want)
		}
	})

	t.Run("a # heading after text is demoted, not dropped", func(t *testing.T) {
		body := "Intro.\n\n# Later\n"
		doc := convert(t, body)
		if want := []Heading{{Level: 2, ID: "later", Text: "Later", Line: 3}}; !slices.Equal(doc.Headings, want) {
			t.Errorf("Convert(%q) Headings = %+v; want %+v", body, doc.Headings, want)
		}
	})

	t.Run("heading lines count from the page's first body line", func(t *testing.T) {
		p := &content.Page{Path: "x.md", File: "content/x.md", Line: 5, Body: []byte("Intro.\n\n## First\n\nText\n\n### Second\n")}
		doc := convertPage(t, p, nil)
		if want := []Heading{{2, "first", "First", 7}, {3, "second", "Second", 11}}; !slices.Equal(doc.Headings, want) {
			t.Errorf("Convert(%q at line 5) Headings = %+v; want %+v", p.Body, doc.Headings, want)
		}
	})

	t.Run("an anchor link on every heading", func(t *testing.T) {
		doc := convert(t, "## Tone\n")
		want := `<h2 id="tone">Tone <a class="anchor" href="#tone"><span aria-hidden="true">#</span><span class="visually-hidden">Link to this section</span></a></h2>`
		if !strings.Contains(string(doc.HTML), want) {
			t.Errorf("Convert(%q) HTML = %s; want %s", "## Tone\n", doc.HTML, want)
		}
	})

	t.Run("an id written by hand does not clash with another heading", func(t *testing.T) {
		for _, body := range []string{
			"## Tone\n\n## Voice {#tone}\n",
			"## Tone {#x}\n\n## Voice {#x}\n",
		} {
			doc, err := New(nil).Convert(&content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body)})
			if err != nil {
				continue // reporting the clash is a fine answer too
			}
			if ids := headingIDs(doc); len(ids) != len(slices.Compact(slices.Sorted(slices.Values(ids)))) {
				t.Errorf("Convert(%q) heading IDs = %q, nil; want unique IDs or an error naming the line", body, ids)
			}
		}
	})

	t.Run("an id written by hand does not clash with the layout", func(t *testing.T) {
		// The layout has <main id="main">, the skip link's target.
		for _, body := range []string{"## Introduction {#main}\n", "## Find {#search-input}\n"} {
			doc, err := New(nil).Convert(&content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body)})
			if err != nil {
				continue // reporting the clash is a fine answer too
			}
			for _, id := range headingIDs(doc) {
				if slices.Contains(Reserved, id) {
					t.Errorf("Convert(%q) heading ID = %q, nil; want an ID the layout does not use, or an error", body, id)
				}
			}
		}
	})

	t.Run("heading text is plain text, not HTML", func(t *testing.T) {
		body := "## Don't panic -- ever...\n\n### The caller who isn't the patient\n"
		doc := convert(t, body)
		var got []string
		for _, h := range doc.Headings {
			got = append(got, h.Text)
		}
		// The layout escapes Text itself, so an entity here shows as "&rsquo;".
		want := []string{"Don’t panic – ever…", "The caller who isn’t the patient"}
		if !slices.Equal(got, want) {
			t.Errorf("Convert(%q) heading texts = %q; want %q", body, got, want)
		}
	})

	t.Run("heading ID comes from the visible text, as on GitHub", func(t *testing.T) {
		body := "## See [the rules](rules/rtt.md)\n"
		doc := convert(t, body)
		if got, want := headingIDs(doc), []string{"see-the-rules"}; !slices.Equal(got, want) {
			t.Errorf("Convert(%q) heading IDs = %q; want %q", body, got, want)
		}
	})

	t.Run("a heading inside a quote keeps the section before it searchable", func(t *testing.T) {
		body := "## Tone\n\nSpeak slowly.\n\n> ### Remember\n> Smile.\n"
		doc := convert(t, body)
		i := slices.IndexFunc(doc.Text, func(s Section) bool { return s.ID == "tone" })
		if i < 0 || !strings.Contains(doc.Text[i].Text, "Speak slowly.") {
			t.Errorf("Convert(%q) Text = %+v; want a section \"tone\" holding \"Speak slowly.\"", body, doc.Text)
		}
	})
}

func TestConvertCallouts(t *testing.T) {
	for _, kind := range []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "warning"} {
		t.Run(kind, func(t *testing.T) {
			body := "> [!" + kind + "]\n> Check the **date** first.\n"
			html := string(convert(t, body).HTML)
			lower := strings.ToLower(kind)
			title := strings.ToUpper(lower[:1]) + lower[1:]
			want := `<div class="callout callout-` + lower + `" role="note">` + "\n" +
				`<p class="callout-title"><span class="callout-icon" aria-hidden="true"></span>` + title + "</p>\n" +
				"<p>Check the <strong>date</strong> first.</p>\n</div>\n"
			if html != want {
				t.Errorf("Convert(%q) HTML =\n%s\nwant\n%s", body, html, want)
			}
		})
	}
	t.Run("marker alone", func(t *testing.T) {
		body := "> [!TIP]\n"
		html := string(convert(t, body).HTML)
		if !strings.Contains(html, `callout-tip`) || strings.Contains(html, "[!TIP]") || strings.Contains(html, "<p></p>") {
			t.Errorf("Convert(%q) HTML = %s; want a tip callout with its title only", body, html)
		}
	})
	t.Run("plain blockquote left alone", func(t *testing.T) {
		body := "> Patients come first.\n"
		html := string(convert(t, body).HTML)
		if want := "<blockquote>\n<p>Patients come first.</p>\n</blockquote>\n"; html != want {
			t.Errorf("Convert(%q) HTML = %q; want %q", body, html, want)
		}
	})
	t.Run("unknown kind left as a quote, with a warning", func(t *testing.T) {
		for body, want := range map[string]string{
			"> [!FOO]\n> Text.\n":    "content/x.md:1: warning: callout [!FOO] is not one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], so it shows as a plain quote",
			"\n> [!TIPS]\n> Text.\n": "content/x.md:2: warning: callout [!TIPS] is not one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], so it shows as a plain quote (did you mean [!TIP]?)",
		} {
			p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 1, Body: []byte(body)}
			doc, err := New(nil).Convert(p)
			if err == nil || err.Error() != want {
				t.Errorf("Convert(%q) error = %v; want %s", body, err, want)
			}
			if html := string(doc.HTML); !strings.Contains(html, "<blockquote>") || !strings.Contains(html, "[!") || strings.Contains(html, "callout") {
				t.Errorf("Convert(%q) HTML = %s; want an ordinary quote showing the marker", body, html)
			}
		}
	})
	t.Run("a leading # heading is left out, with a warning when the page has a title:", func(t *testing.T) {
		for body, want := range map[string]string{
			"# Home\n\nText.\n":    "content/x.md:5: warning: this # heading repeats the title, which the page shows above it already: remove it, and start the page's headings at ##",
			"# Welcome\n\nText.\n": "content/x.md:5: warning: this # heading is left out, because the page shows the title from title: in its place: make it the title, or make it a ## heading",
		} {
			p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 5, Body: []byte(body),
				Meta: content.Meta{Title: "Home", Lines: map[string]int{"title": 2}}}
			doc, err := New(nil).Convert(p)
			if err == nil || err.Error() != want {
				t.Errorf("Convert(%q) error = %v; want %s", body, err, want)
			}
			if html := string(doc.HTML); strings.Contains(html, "<h") {
				t.Errorf("Convert(%q) HTML = %s; want the heading left out", body, html)
			}
		}
	})
	t.Run("an image without alt text is a warning", func(t *testing.T) {
		body := "Text.\n\n![](chart.png)\n"
		want := `content/x.md:3:1: warning: image "chart.png" has no alt text, so screen reader users cannot tell what it shows: say what it shows between the square brackets`
		p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 1, Body: []byte(body)}
		if _, err := New(nil).Convert(p); err == nil || err.Error() != want {
			t.Errorf("Convert(%q) error = %v; want %s", body, err, want)
		}
	})
	t.Run("marker with text after it is a quote", func(t *testing.T) {
		body := "> [!NOTE] Text.\n"
		html := string(convert(t, body).HTML)
		if strings.Contains(html, "callout") {
			t.Errorf("Convert(%q) HTML = %s; want an ordinary quote, as on GitHub", body, html)
		}
	})
	t.Run("callout inside a list", func(t *testing.T) {
		body := "- Step one\n\n  > [!WARNING]\n  > Check the NHS number.\n"
		html := string(convert(t, body).HTML)
		if !strings.Contains(html, "callout-warning") || strings.Contains(html, "[!WARNING]") {
			t.Errorf("Convert(%q) HTML = %s; want a warning callout inside the list", body, html)
		}
	})
}

func TestConvertRawHTML(t *testing.T) {
	body := "<script>alert(1)</script>\n\nText with <b>bold</b> and <span onclick=\"x()\">a span</span>.\n"
	tests := []struct {
		name            string
		raw             bool
		wantIn, wantNot []string
	}{
		{"sanitised by default", false,
			[]string{"<b>bold</b>", "<span>a span</span>"},
			[]string{"<script", "alert(1)", "onclick", "&lt;"}},
		{"live with raw_html", true,
			[]string{"<script>alert(1)</script>", "<b>bold</b>"},
			[]string{"&lt;b&gt;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body), Meta: content.Meta{RawHTML: tt.raw}}
			html := string(convertPage(t, p, nil).HTML)
			for _, s := range tt.wantIn {
				if !strings.Contains(html, s) {
					t.Errorf("Convert(%q, raw_html: %v) HTML = %s; want it to contain %s", body, tt.raw, html, s)
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(html, s) {
					t.Errorf("Convert(%q, raw_html: %v) HTML = %s; want no %s", body, tt.raw, html, s)
				}
			}
		})
	}
}

// TestConvertPictureData holds that a picture written into the page as a
// data: address (as Google Docs exports one) is shown, up to a size.
func TestConvertPictureData(t *testing.T) {
	small := "![A chart](data:image/png;base64,iVBORw0KGgo=)\n"
	doc, err := New(nil).Convert(&content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(small)})
	if err != nil || !strings.Contains(doc.HTML, `src="data:image/png;base64,iVBORw0KGgo="`) {
		t.Errorf("Convert(%q) = %s, %v; want the picture shown, no error", small, doc.HTML, err)
	}
	big := "![A photo](data:image/jpeg;base64," + strings.Repeat("A", maxPicture) + ")\n"
	doc, err = New(nil).Convert(&content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(big)})
	if err == nil || !strings.Contains(err.Error(), "save the picture as a file") || strings.Contains(doc.HTML, "data:") {
		t.Errorf("Convert(a %d KB picture) = %v; want an error saying to save it as a file, and no picture", len(big)>>10, err)
	}
}

// TestConvertUnsafeLinks holds the promise of the link checker's warning,
// "this kind of link can run code, so it is not published as a link", in
// both modes, and for raw HTML's own links when raw_html is true.
func TestConvertUnsafeLinks(t *testing.T) {
	tests := []struct {
		name, body string
		raw        bool
		wantWarn   []string // warnings from Convert (the link checker warns of Markdown links)
	}{
		{"markdown links", "[a](javascript:alert(1)) [v](VBScript:x) [d](data:text/html,x) [f](file:///etc/passwd)\n", false, nil},
		{"markdown links with raw_html", "[a](javascript:alert(1)) [v](VBScript:x) [d](data:text/html,x) [f](file:///etc/passwd)\n", true, nil},
		{"markdown image with raw_html", "![i](data:text/html;base64,xx) ![j](javascript:x)\n", true, nil},
		{"markdown image", "![i](data:image/svg+xml;base64,xx) ![j](data:text/html,x)\n", false, nil},
		{"autolink with raw_html", "<javascript:alert(2)>\n", true,
			[]string{`content/x.md:1:2: warning: raw HTML: href="javascript:alert(2)": this kind of link can run code, so it is not published as a link`}},
		{"raw HTML links", "Text <a href=\"javascript:alert(3)\">r</a>.\n\n<div>\n<img src='data:text/html,x'><a title=\"ok\" HREF=\" JaVa&#x53;cript&colon;x\">s</a>\n</div>\n", true,
			[]string{`content/x.md:1:15: warning: raw HTML: href="javascript:alert(3)": this kind of link can run code, so it is not published as a link`,
				`content/x.md:4:11: warning: raw HTML: src="data:text/html,x": this kind of link can run code, so it is not published as a link`,
				`content/x.md:4:49: warning: raw HTML: HREF=" JaVa&#x53;cript&colon;x": this kind of link can run code, so it is not published as a link`}},
		{"raw HTML link with a tab in its scheme", "<a href=\"java\tscript:x\">t</a> <a href=vbscript:y>u</a>\n", true,
			[]string{`content/x.md:1:10: warning: raw HTML: href="java\tscript:x": this kind of link can run code, so it is not published as a link`,
				`content/x.md:1:39: warning: raw HTML: href="vbscript:y": this kind of link can run code, so it is not published as a link`}},
	}
	live := regexp.MustCompile(`(?i)(href|src)\s*=\s*["']?\s*[a-z]`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(tt.body), Meta: content.Meta{RawHTML: tt.raw}}
			doc, err := New(nil).Convert(p)
			if m := live.FindString(doc.HTML); m != "" {
				t.Errorf("Convert(%q, raw_html: %v) HTML = %s; want every link emptied, found %s", tt.body, tt.raw, doc.HTML, m)
			}
			var got []string
			for _, e := range content.Errors(err) {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tt.wantWarn) {
				t.Errorf("Convert(%q, raw_html: %v) errors =\n%s\nwant\n%s", tt.body, tt.raw, strings.Join(got, "\n"), strings.Join(tt.wantWarn, "\n"))
			}
		})
	}
	t.Run("safe links and raw HTML are kept", func(t *testing.T) {
		body := "[w](https://www.nhs.uk/) <a href=\"https://www.england.nhs.uk/\" title=\"javascript: is blocked\">e</a> <img src=\"x.png\" alt=\"\">\n\n<script>var s = '<a href=\"javascript:x\">';</script>\n"
		p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body), Meta: content.Meta{RawHTML: true}}
		doc, err := New(nil).Convert(p)
		want := "<p><a href=\"https://www.nhs.uk/\">w</a> <a href=\"https://www.england.nhs.uk/\" title=\"javascript: is blocked\">e</a> <img src=\"x.png\" alt=\"\"></p>\n<script>var s = '<a href=\"javascript:x\">';</script>\n"
		if doc.HTML != want || err != nil {
			t.Errorf("Convert(%q, raw_html: true) = %q, %v; want %q, nil", body, doc.HTML, err, want)
		}
	})
}

func TestConvertCode(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown language is escaped plain text", "```nosuchlang\nif a < b && c\n```\n",
			"<pre class=\"chroma\" tabindex=\"0\"><code>if a &lt; b &amp;&amp; c\n</code></pre>\n"},
		{"no language", "```\n<b>NHS</b>\n```\n",
			"<pre class=\"chroma\" tabindex=\"0\"><code>&lt;b&gt;NHS&lt;/b&gt;\n</code></pre>\n"},
		{"indented code", "    <i>x</i>\n",
			"<pre class=\"chroma\" tabindex=\"0\"><code>&lt;i&gt;x&lt;/i&gt;\n</code></pre>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(convert(t, tt.body).HTML); got != tt.want {
				t.Errorf("Convert(%q) HTML = %q; want %q", tt.body, got, tt.want)
			}
		})
	}
	t.Run("known language is highlighted", func(t *testing.T) {
		body := "```go\nfunc main() { x := \"<b>\" }\n```\n"
		html := string(convert(t, body).HTML)
		if !strings.HasPrefix(html, `<pre class="chroma" tabindex="0"><code>`) || !strings.Contains(html, `<span class="`) ||
			strings.Contains(html, "<b>") {
			t.Errorf("Convert(%q) HTML = %s; want highlighted, escaped code", body, html)
		}
	})
}

// TestConvertStuckLexer holds the issue 15 hangs: JSONata's and Jungle's
// lexers match the empty string forever on these, and a build never ended.
func TestConvertStuckLexer(t *testing.T) {
	tests := []struct{ lang, code string }{
		{"jsonata", "$x | y"},
		{"jsonata", `"`},
		{"jsonata", "|"},
		{"jsonata", `\`},
		{"jungle", "!"},
		{"JSONata", "Account.Order[0] | $sum(Price)"},
		{"markdown", "Before.\n\n```jsonata\n$x | y\n```\n"}, // chroma's markdown lexer highlights the block inside
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.code, func(t *testing.T) {
			body := "Intro.\n\n~~~~" + tt.lang + "\n" + tt.code + "\n~~~~\n"
			p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 4, Body: []byte(body)}
			type result struct {
				doc *Doc
				err error
			}
			done := make(chan result, 1)
			go func() {
				doc, err := New(nil).Convert(p)
				done <- result{doc, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(30 * time.Second): // a hang, not a speed limit: the budget is 2 s
				t.Fatalf("Convert(%q) did not return; want the block shown plain", body)
			}
			want := "<pre class=\"chroma\" tabindex=\"0\"><code>" + string(util.EscapeHTML([]byte(tt.code))) + "\n</code></pre>\n"
			if !strings.Contains(r.doc.HTML, want) {
				t.Errorf("Convert(%q) HTML = %q; want the code plain: %q", body, r.doc.HTML, want)
			}
			warnings, errs := content.Warnings(r.err)
			wantMsg := fmt.Sprintf("content/x.md:6: warning: code block: highlighting it as %q got stuck", tt.lang)
			if len(errs) > 0 || len(warnings) != 1 || !strings.HasPrefix(warnings[0].Error(), wantMsg) {
				t.Errorf("Convert(%q) error = %v; want one warning starting %q", body, r.err, wantMsg)
			}
		})
	}
}

func TestConvertGlossaryTerms(t *testing.T) {
	p := &content.Page{Path: "glossary.md", File: "content/glossary.md", Line: 5, Body: []byte(
		"DNA (did not attend)\n: The patient did not come.\n\nRTT\n: Referral to treatment.\n\nDNA (again)\n: A second entry.\n")}
	doc := convertPage(t, p, nil)
	html := string(doc.HTML)
	for _, want := range []string{`<dt id="dna">DNA (did not attend)</dt>`, `<dt id="rtt">RTT</dt>`, `<dt id="dna-1">DNA (again)</dt>`} {
		if !strings.Contains(html, want) {
			t.Errorf("Convert(%q) HTML = %s; want %s", p.Body, html, want)
		}
	}
	if want := map[string]int{"dna": 5, "rtt": 8, "dna-1": 11}; !mapsEqual(doc.IDs, want) {
		t.Errorf("Convert(%q) IDs = %v; want %v", p.Body, doc.IDs, want)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestConvertLinks(t *testing.T) {
	tests := []struct {
		name string
		body string
		line int // Page.Line
		want []Link
	}{
		{"links and images", "Intro.\n\nSee [the rules](rules/rtt.md) and ![a map](img/map.png).\n", 1,
			[]Link{{"rules/rtt.md", 3, 5, false}, {"img/map.png", 3, 35, true}}},
		{"body starting at line 5", "Intro.\n\nSee [the rules](rules/rtt.md) and ![a map](img/map.png).\n", 5,
			[]Link{{"rules/rtt.md", 7, 5, false}, {"img/map.png", 7, 35, true}}},
		{"in a list", "- Item with [a link](x.md#top)\n", 5,
			[]Link{{"x.md#top", 5, 13, false}}},
		{"columns count characters", "| A | B |\n|---|---|\n| [cell](c.md) | ñ [ñ](d.md) |\n", 1,
			[]Link{{"c.md", 3, 3, false}, {"d.md", 3, 20, false}}},
		{"reference link", "Read [the guide][g].\n\n[g]: guide.md\n", 1,
			[]Link{{"guide.md", 1, 6, false}}},
		{"in a heading", "Text.\n\n## See [tone](tone.md)\n", 5,
			[]Link{{"tone.md", 7, 8, false}}},
		{"second line of a paragraph", "First line\nand [then](t.md)\n", 2,
			[]Link{{"t.md", 3, 5, false}}},
		{"emphasised link text", "[*Tone*](tone.md) and [`x`](x.md)\n", 1,
			[]Link{{"tone.md", 1, 1, false}, {"x.md", 1, 23, false}}},
		{"image in a heading", "## ![icon](img/icon.png) Tone\n", 1,
			[]Link{{"img/icon.png", 1, 4, true}}},
		{"link in a heading inside a callout", "> [!NOTE]\n> ## See [tone](tone.md)\n", 1,
			[]Link{{"tone.md", 2, 10, false}}},
	}
	resolve := func(_ *content.Page, dest string) (string, bool) { return "../resolved/" + dest, true }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: tt.line, Body: []byte(tt.body)}
			doc := convertPage(t, p, resolve)
			if !slices.Equal(doc.Links, tt.want) {
				t.Errorf("Convert(%q at line %d) Links = %+v; want %+v", tt.body, tt.line, doc.Links, tt.want)
			}
		})
	}
}

func TestConvertRewritesLinks(t *testing.T) {
	resolve := func(_ *content.Page, dest string) (string, bool) {
		if dest == "rules/rtt.md" {
			return "../rules/rtt/index.html", true
		}
		return "", false
	}
	body := "[RTT](rules/rtt.md) and [missing](nope.md) and [web](https://www.nhs.uk)\n"
	doc := convertPage(t, &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(body)}, resolve)
	html := string(doc.HTML)
	for _, want := range []string{`<a href="../rules/rtt/index.html">RTT</a>`, `<a href="nope.md">missing</a>`, `<a href="https://www.nhs.uk">web</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("Convert(%q) HTML = %s; want %s", body, html, want)
		}
	}
	if doc.Links[0].Dest != "rules/rtt.md" {
		t.Errorf("Convert(%q) Links[0].Dest = %q; want the destination as written", body, doc.Links[0].Dest)
	}
}

func TestConvertTables(t *testing.T) {
	body := "| Standard | Target |\n|---|---|\n| RTT | 18 weeks |\n\nText.\n\n| Step | Who |\n|---|---|\n| 1 | PPC |\n\n| Standard | Target |\n|---|---|\n| FDS | 28 days |\n"
	html := string(convert(t, body).HTML)
	re := regexp.MustCompile(`<div class="table-wrap" role="region" tabindex="0" aria-label="([^"]*)">\n<table>`)
	var labels []string
	for _, m := range re.FindAllStringSubmatch(html, -1) {
		labels = append(labels, m[1])
	}
	want := []string{"Table 1: Standard", "Table 2: Step", "Table 3: Standard"}
	if !slices.Equal(labels, want) {
		t.Errorf("Convert(%q) table labels = %q; want %q", body, labels, want)
	}
	if n := strings.Count(html, "</table>\n</div>"); n != 3 {
		t.Errorf("Convert(%q) closes %d wrapped tables; want 3", body, n)
	}
	t.Run("label is plain text", func(t *testing.T) {
		body := "| It's *ours* | B |\n|---|---|\n| 1 | 2 |\n"
		html := string(convert(t, body).HTML)
		label := ""
		if m := re.FindStringSubmatch(html); m != nil {
			label = m[1]
		}
		if label != "Table 1: It’s ours" {
			t.Errorf("Convert(%q) table label = %q; want %q", body, label, "Table 1: It’s ours")
		}
	})
}

// FuzzConvert converts arbitrary Markdown: it must never panic, IDs must
// be unique, every line must be in the page, and without raw_html no
// script can get into the page.
// convertLanguages are the code block languages FuzzConvert lets through.
// Given any language, the fuzzer soon finds code that runs one of chroma's
// regular expressions into its 250 ms timeout again and again, and a
// worker then spends seconds on one input: 30,000 runs took from 20 s to
// almost three minutes. FuzzHighlight and TestHighlightEveryLexer cover
// the languages; this target is for the Markdown around them.
var convertLanguages = map[string]bool{"": true, "quiz": true, "go": true, "text": true, "nosuchlang": true}

var fenceRE = regexp.MustCompile("(?m)^[ \\t>]*(?:```+|~~~+)[ \\t]*([^\\s`{]*)")

// fencedOtherThan reports whether body has a code fence whose language is
// not in langs (compared in lower case, as chroma looks them up).
func fencedOtherThan(body []byte, langs map[string]bool) bool {
	for _, m := range fenceRE.FindAllSubmatch(body, -1) {
		if !langs[strings.ToLower(string(m[1]))] {
			return true
		}
	}
	return false
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# Communication\n\nIntro.\n\n## Listening\n\nText with [a link](../glossary.md#dna).\n\n## Listening\n",
		"> [!NOTE]\n> A note with **bold**.\n\n> [!WARNING]\n\n> [!FOO]\n> Not a callout.\n",
		"DNA (did not attend)\n: The patient did not come.\n\nRTT\n: Referral to treatment.\n",
		"| Standard | Target |\n|---|---|\n| [RTT](rules/rtt.md) | 18 weeks |\n",
		"```go\nfunc main() {}\n```\n\n```nosuchlang\n<b>\n```\n\n    indented\n",
		"<script>alert(1)</script>\n\n<SCRIPT>x</SCRIPT> <img src=x onerror=alert(1)>\n",
		"[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) <javascript:alert(1)> ![z](javascript:x)\n",
		"[x](<java\tscript:alert(1)>) [y](&#106;avascript:alert(1)) [z](java&#x09;script:x)\n",
		"## A {#a}\n\n## B {#b}\n\n## Main\n",
		"Footnote[^1].\n\n[^1]: The note.\n",
		"- [ ] task\n- [x] done\n\n~~gone~~ www.nhs.uk\n",
		"Setext\n======\n\nSub\n---\n",
		"> ## See [x](y.md)\n> - ![i](i.png)\n",
		"\"Quotes\" -- and... <<angles>>\n",
		"[ref]\n\n[ref]: x.md \"title\"\n",
		"```quiz\n? What happens to the RTT clock after a first DNA?\n- [ ] It pauses\n- [x] It is nullified\n> Since 2015 there are no pauses.\n\n? Which stop a clock?\n- [x] First definitive treatment\n- [x] Active monitoring\n- [ ] A diagnostic test\n```\n",
		"See [DNA](../glossary.md#dna) and [RTT](../glossary.md#rtt).\n",
	} {
		f.Add([]byte(s), uint16(1), false)
	}
	// The real handbook's pages, where they exist, as realistic input.
	real, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	top, _ := filepath.Glob(filepath.Join("..", "..", "content", "*.md"))
	for _, name := range append(top, real...) {
		if b, err := os.ReadFile(name); err == nil && len(b) <= 32<<10 {
			f.Add(b, uint16(5), false)
		}
	}
	c := New(func(_ *content.Page, dest string) (string, bool) {
		if strings.HasSuffix(dest, ".md") {
			return "../" + strings.TrimSuffix(dest, ".md") + "/index.html", true
		}
		return "", false
	})
	c.SetDefinitions(func(_ *content.Page, dest string) (string, bool) {
		if strings.Contains(dest, "glossary.md#") {
			return "Did not attend: <script>alert(1)</script> & \"quotes\"", true
		}
		return "", false
	})
	scriptRE := regexp.MustCompile(`(?i)<script|(href|src)\s*=\s*"\s*javascript:`)
	f.Fuzz(func(t *testing.T, body []byte, line uint16, rawHTML bool) {
		if len(body) > 32<<10 || fencedOtherThan(body, convertLanguages) {
			return
		}
		p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: int(line) + 1, Body: body,
			Meta: content.Meta{Kind: content.KindPage, RawHTML: rawHTML}}
		doc, err := c.Convert(p)
		last := p.Line + strings.Count(string(body), "\n")
		for _, e := range content.Errors(err) {
			var ce *content.Error
			if !errors.As(e, &ce) || ce.File != p.File || ce.Line < p.Line || ce.Line > last {
				t.Errorf("Convert(%q at line %d) error %q; want a *content.Error at a line from %d to %d", body, p.Line, e, p.Line, last)
			}
		}
		if doc == nil {
			t.Fatalf("Convert(%q) = nil, %v; want a Doc even when there are problems", body, err)
		}
		seen := map[string]bool{}
		for _, h := range doc.Headings {
			if seen[h.ID] && err == nil {
				t.Errorf("Convert(%q) heading ID %q used twice with no error; want unique IDs (headings %+v)", body, h.ID, doc.Headings)
			}
			seen[h.ID] = true
			if _, ok := doc.IDs[h.ID]; !ok {
				t.Errorf("Convert(%q) IDs has no entry for heading ID %q", body, h.ID)
			}
			if h.Line < p.Line || h.Line > last {
				t.Errorf("Convert(%q at line %d) heading %q at line %d; want %d to %d", body, p.Line, h.ID, h.Line, p.Line, last)
			}
		}
		for _, l := range doc.Links {
			if l.Line < p.Line || l.Line > last || l.Col < 1 {
				t.Errorf("Convert(%q at line %d) link %q at %d:%d; want a line from %d to %d and a column >= 1", body, p.Line, l.Dest, l.Line, l.Col, p.Line, last)
			}
		}
		if rawHTML {
			if _, found := defuse(doc.HTML); found != nil {
				t.Errorf("Convert(%q) HTML still has links that run code, %v:\n%s", body, found, doc.HTML)
			}
		} else {
			if m := scriptRE.FindString(doc.HTML); m != "" {
				t.Errorf("Convert(%q) HTML contains %q:\n%s\nwant no script without raw_html", body, m, doc.HTML)
			}
		}
	})
}

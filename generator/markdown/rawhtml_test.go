package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"ppchandbook/generator/content"
)

// TestConvertComments holds that HTML comments, an editor's notes, are
// never published: inline, as a block, inside other HTML, in a quiz, with
// or without raw_html.
func TestConvertComments(t *testing.T) {
	tests := []struct{ name, body string }{
		{"inline", "Before <!-- TODO: ask legal --> after.\n"},
		{"block", "<!-- TODO: ask legal -->\n\nText.\n"},
		{"multi-line block", "<!--\nTODO: ask legal\n-->\nText.\n"},
		{"inside a div", "<div>\n<!-- TODO: ask legal -->\nText\n</div>\n"},
		{"in a list", "- one <!-- TODO: ask legal -->\n- two\n"},
		{"quiz", "```quiz\n? Which? <!-- TODO: ask legal -->\n- [x] A\n- [ ] B\n> Because.\n```\n"},
	}
	for _, tt := range tests {
		for _, raw := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, raw_html %v", tt.name, raw), func(t *testing.T) {
				p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(tt.body), Meta: content.Meta{RawHTML: raw}}
				doc := convertPage(t, p, nil)
				if strings.Contains(doc.HTML, "TODO") || strings.Contains(doc.HTML, "<!--") || strings.Contains(doc.HTML, "&lt;!--") {
					t.Errorf("Convert(%q, raw_html: %v) HTML = %s; want no comment", tt.body, raw, doc.HTML)
				}
			})
		}
	}
}

// TestConvertSanitised holds the allow-list: what GitHub shows is shown,
// and what could run code, restyle the page or frame another site never is.
func TestConvertSanitised(t *testing.T) {
	tests := []struct {
		name, body  string
		wantIn      []string
		wantNot     []string
		wantRemoved []string
	}{
		{"details", "<details>\n<summary>More</summary>\n\nHidden **text**.\n\n</details>\n",
			[]string{"<details>", "<summary>More</summary>", "<strong>text</strong>", "</details>"}, nil, nil},
		{"inline formatting", "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>, H<sub>2</sub>O,<br>next <ins>new</ins> <del>old</del>.\n",
			[]string{"<kbd>Ctrl</kbd>", "<sup>2</sup>", "<sub>2</sub>", "<br>", "<ins>new</ins>", "<del>old</del>"}, nil, nil},
		{"script block", "<script>alert(1)</script>\n\nText.\n",
			[]string{"<p>Text.</p>"}, []string{"script", "alert"}, []string{"<script>"}},
		{"style block", "<style>body{display:none}</style>\n\nText.\n",
			nil, []string{"style", "display"}, []string{"<style>"}},
		{"iframe", "<iframe src=\"https://example.com/\"></iframe>\n",
			nil, []string{"iframe", "example.com"}, []string{"<iframe>"}},
		{"event handler", "<p onclick=\"go()\">Text</p>\n",
			[]string{"<p>Text</p>"}, []string{"onclick", "go()"}, []string{`onclick="go()" on <p>`}},
		{"style and class", "<span style=\"color:red\" class=\"visually-hidden\">Text</span>\n",
			[]string{"<span>Text</span>"}, []string{"color", "visually-hidden"}, []string{`style="color:red" on <span>`, `class="visually-hidden" on <span>`}},
		{"javascript link", "<a href=\"javascript:alert(1)\">x</a>\n",
			[]string{"<a>x</a>"}, []string{"javascript"}, nil},
		{"data image", "<img src=\"data:image/png;base64,AAAA\" alt=\"x\">\n",
			nil, []string{"data:", "<img"}, []string{"<img> with a data: address"}},
		{"form", "<form action=\"/x\"><input name=\"q\"><button>Go</button></form>\n",
			[]string{"Go"}, []string{"<form", "<input", "<button"}, []string{"<form>", "<input>", "<button>"}},
		{"object", "<object data=\"x.swf\"></object><embed src=\"x.swf\">\n",
			nil, []string{"<object", "<embed"}, []string{"<object>", "<embed>"}},
		{"svg script", "<svg><script>alert(1)</script></svg>\n",
			nil, []string{"<svg", "<script"}, []string{"<svg>", "<script>"}},
		{"meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">\n",
			nil, []string{"<meta", "refresh"}, []string{"<meta>"}},
		{"obsolete presentation", "<p align=\"center\"><img src=\"logo.png\" alt=\"Logo\" width=\"100\" border=\"0\"></p>\n",
			[]string{`<p><img src="logo.png" alt="Logo" width="100"></p>`}, []string{"align", "border"},
			[]string{`align="center" on <p>`, `border="0" on <img>`}},
		{"an h1 becomes an h2: the title is the page's h1", "<h1 align=\"center\">Big</h1>\n\nText <h1>inline</h1>\n",
			[]string{"<h2>Big</h2>", "<h2>inline</h2>"}, []string{"<h1", "</h1>"}, []string{`align="center" on <h2>`}},
		{"a name becomes an id", "<a name=\"contact\"></a>\n\nText.\n",
			[]string{`<a id="contact"></a>`}, []string{"name="}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := convert(t, tt.body)
			for _, s := range tt.wantIn {
				if !strings.Contains(doc.HTML, s) {
					t.Errorf("Convert(%q) HTML = %s; want it to contain %s", tt.body, doc.HTML, s)
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(doc.HTML, s) {
					t.Errorf("Convert(%q) HTML = %s; want no %s", tt.body, doc.HTML, s)
				}
			}
			var removed []string
			for _, r := range doc.Removed {
				removed = append(removed, r.What)
			}
			if !slices.Equal(removed, tt.wantRemoved) {
				t.Errorf("Convert(%q) Removed = %q; want %q", tt.body, removed, tt.wantRemoved)
			}
		})
	}
}

// TestConvertRawHTMLLinks holds that links, images and anchors in raw
// HTML are treated as Markdown ones are: recorded where they are written,
// rewritten to the page's address, and counted as link targets.
func TestConvertRawHTMLLinks(t *testing.T) {
	body := "Intro\n\n<p>See <a href=\"other.md#part\">other</a>\nand <img src=\"img/x.png\" alt=\"x\"></p>\n\n## Help <a name=\"help\"></a>\n\n<div id=\"box\">Box</div>\n"
	resolve := func(_ *content.Page, dest string) (string, bool) {
		if dest == "other.md#part" {
			return "../other/#part", true
		}
		return "", false
	}
	for _, raw := range []bool{false, true} {
		t.Run(fmt.Sprintf("raw_html %v", raw), func(t *testing.T) {
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: 5, Body: []byte(body), Meta: content.Meta{RawHTML: raw}}
			doc := convertPage(t, p, resolve)
			want := []Link{{Dest: "other.md#part", Line: 7, Col: 17}, {Dest: "img/x.png", Line: 8, Col: 15, Image: true}}
			if !slices.Equal(doc.Links, want) {
				t.Errorf("Convert(%q) Links = %+v; want %+v", body, doc.Links, want)
			}
			if !strings.Contains(doc.HTML, `href="../other/#part"`) {
				t.Errorf("Convert(%q) HTML = %s; want the link rewritten", body, doc.HTML)
			}
			if line, ok := doc.IDs["box"]; !ok || line != 12 {
				t.Errorf("Convert(%q) IDs[box] = %d, %v; want 12, true", body, line, ok)
			}
			if _, ok := doc.IDs["help"]; !ok {
				t.Errorf("Convert(%q) IDs = %v; want help", body, doc.IDs)
			}
			if strings.Count(doc.HTML, `id="help"`) != 1 {
				t.Errorf("Convert(%q) HTML = %s; want one id=\"help\"", body, doc.HTML)
			}
		})
	}
}

// FuzzRawHTML holds the sanitiser's promises for any raw HTML in a page:
// no comment is published in either mode; without raw_html no element
// that runs code, styles the page or frames another, no event handler and
// no address that runs code; every removal is reported within the page.
func FuzzRawHTML(f *testing.F) {
	for _, s := range []string{
		"Before <!-- TODO --> after.\n\n<!--\nnote\n-->\n",
		"<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
		"<p align=\"center\"><img src=\"logo.png\" alt=\"Logo\" width=\"100\" onerror=\"x()\"></p>\n",
		"<a name=\"top\"></a>\n\n## Top <a id=\"top\"></a>\n\n[up](#Top)\n",
		"<iframe src=\"https://example.com/\"></iframe><style>p{}</style><script>x</script>\n",
		"<a href=\"JaVaScRiPt:alert(1)\">x</a> <img src=\"data:image/svg+xml;base64,PHN2Zz4=\">\n",
		"<svg><a xlink:href=\"javascript:x\"><text>t</text></a></svg><math><mi>x</mi></math>\n",
		"<div\nclass=\"x\"\nstyle=\"color:red\">\n\n*md*\n\n</div>\n",
		"> <kbd>Ctrl</kbd> <!-- x -->\n> - <sup>1</sup>\n",
		"<table><tr><td onclick=\"x()\">a</td></tr></table>\n",
	} {
		f.Add(s, false)
	}
	resolve := func(_ *content.Page, dest string) (string, bool) { return dest, true }
	c := New(resolve)
	f.Fuzz(func(t *testing.T, body string, raw bool) {
		if len(body) > 8<<10 || fencedOtherThan([]byte(body), convertLanguages) {
			return
		}
		p := &content.Page{Path: "x.md", File: "content/x.md", Line: 3, Body: []byte(body), Meta: content.Meta{RawHTML: raw}}
		doc, _ := c.Convert(p)
		last := p.Line + strings.Count(body, "\n")
		for _, r := range doc.Removed {
			if r.Line < p.Line || r.Line > last || r.What == "" {
				t.Errorf("Convert(%q) removal %+v; want a line from %d to %d", body, r, p.Line, last)
			}
		}
		z := html.NewTokenizer(strings.NewReader(doc.HTML))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.CommentToken {
				t.Fatalf("Convert(%q, raw_html: %v) HTML has a comment:\n%s", body, raw, doc.HTML)
			}
			if raw || tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.DataAtom {
			case atom.Script, atom.Style, atom.Iframe, atom.Object, atom.Embed, atom.Form, atom.Meta, atom.Link, atom.Base:
				t.Fatalf("Convert(%q) HTML has <%s>:\n%s", body, tok.Data, doc.HTML)
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" && tok.DataAtom != atom.Th && tok.DataAtom != atom.Td ||
					urlAttrs[key] && unsafeAttr(a.Val) {
					t.Fatalf("Convert(%q) HTML has %s=%q on <%s>:\n%s", body, a.Key, a.Val, tok.Data, doc.HTML)
				}
			}
		}
	})
}

// TestConvertRawHTMLConcurrently converts pages with raw HTML from
// several goroutines through one Converter, as build does, for the race
// detector: the sanitiser's policy is shared.
func TestConvertRawHTMLConcurrently(t *testing.T) {
	c := New(nil)
	body := []byte("<details><summary>More</summary>\n\n<p onclick=\"x()\">Text <a name=\"a\"></a></p>\n\n</details>\n")
	done := make(chan string)
	for range 4 {
		go func() {
			doc, _ := c.Convert(&content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: body})
			done <- doc.HTML
		}()
	}
	first := <-done
	for range 3 {
		if got := <-done; got != first || strings.Contains(got, "onclick") {
			t.Errorf("Convert from several goroutines gave %q and %q; want the same sanitised HTML", first, got)
		}
	}
}

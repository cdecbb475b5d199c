package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/layouts"
)

// splitPages are pages at several depths and of several kinds, so that
// shared pieces are both made and reused.
var splitPages = []*Data{
	{Site: Site{Title: "PPC"}, Title: "Home", Kind: "page", IsHome: true, Root: "", Home: "index.html", Source: "_index.md", Glossary: "glossary/index.html"},
	{Site: Site{Title: "PPC"}, Title: "A & B", Kind: "skill", Root: "../", Home: "../index.html", Source: "a.md", Code: true, EndMatter: []Link{{Title: "About", Href: "../about/index.html"}}},
	{Site: Site{Title: "PPC"}, Title: "C <c>", Kind: "skill", Root: "../", Home: "../index.html", Source: "c.md", Quiz: true, EndMatter: []Link{{Title: "About", Href: "../about/index.html"}}, Prev: &Link{Title: "A & B", Href: "../a/index.html"}},
	{Site: Site{Title: "PPC"}, Title: "D", Kind: "scenario", Root: "../../", Home: "../../index.html", Source: "s/d.md", Description: "d's \"page\"", Draft: true},
	{Site: Site{Title: "PPC"}, Title: "E", Kind: "scenario", Root: "../../", Home: "../../index.html", Source: "s/e.md", Timelines: true},
}

// TestSplitMatchesWhole: a layout cut into shared pieces writes each page
// byte for byte as the whole layout does, whatever base.html holds, and
// shares what it safely can.
func TestSplitMatchesWhole(t *testing.T) {
	page := `{{define "main"}}<h1>{{.Title}}</h1>{{end}}`
	tests := []struct {
		name      string
		files     fstest.MapFS
		minShared int // shared segments at least
		maxShared int // and at most
	}{
		{"built in", nil, 5, 100},
		{"action in a script after a line break", fstest.MapFS{
			"base.html": {Data: []byte("<p>x</p>\n<script>var t = {{.Title}};\nvar r = {{.Root}};</script>\n{{block \"main\" .}}{{end}}")},
		}, 0, 0},
		{"variable at the top", fstest.MapFS{
			"base.html": {Data: []byte("{{$t := .Title}}\n<a href=\"{{.Root}}x\">{{$t}}</a>\n{{block \"main\" .}}{{end}}")},
		}, 0, 0},
		{"tag over lines", fstest.MapFS{
			"base.html": {Data: []byte("<p>{{.Title}}</p>\n<a\n href=\"{{.Root}}x\"\n title=\"{{.Title}}\">y</a>\n<link href=\"{{.Root}}z\">\n{{block \"main\" .}}{{end}}\n<footer>{{.Site.Title}}</footer>\n")},
		}, 2, 2}, // the link and the footer; not the <a>, whose tag a line break splits
		{"with and $", fstest.MapFS{
			"base.html": {Data: []byte("{{with .Site}}<b>{{.Title}}</b>{{end}}\n<p>{{.Source}}</p>\n{{with .Prev}}<a href=\"{{$.Root}}{{.Href}}\">x</a>{{end}}\n{{block \"main\" .}}{{end}}\n{{range .EndMatter}}<a href=\"{{.Href}}\">{{$.Site.Title}}</a>{{end}}\n")},
		}, 2, 2},
		{"partials", fstest.MapFS{
			"base.html":          {Data: []byte("{{template \"root\" .}}\n{{template \"title\" .}}\n{{block \"main\" .}}{{end}}\n")},
			"partials/root.html": {Data: []byte(`{{define "root"}}<a href="{{.Root}}">{{.Site.Title}}</a>{{end}}`)},
			"partials/t.html":    {Data: []byte(`{{define "title"}}<b>{{.Title}}</b>{{end}}`)},
		}, 1, 1},
		{"attribute across pieces", fstest.MapFS{
			"base.html": {Data: []byte("<body class=\"{{.Kind}} {{.Source}}\" data-root=\"{{.Root}}\">\n{{block \"main\" .}}{{end}}")},
		}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := Files{Dir: t.TempDir(), Defaults: layouts.FS}
			if tt.files != nil {
				tt.files["page.html"] = &fstest.MapFile{Data: []byte(page)}
				files.Defaults = tt.files
			}
			set, err := Load(files)
			if err != nil {
				t.Fatal(err)
			}
			tmpl := set.forKind(content.KindPage)
			s := set.splits[tmpl]
			nShared := 0
			if s != nil {
				for _, seg := range s.segs {
					if seg.shared {
						nShared++
					}
				}
			}
			if nShared < tt.minShared || nShared > tt.maxShared {
				t.Errorf("%d shared segments, want %d to %d", nShared, tt.minShared, tt.maxShared)
			}
			if s == nil {
				return
			}
			var c shared
			for round := 0; round < 2; round++ { // the second round copies what the first made
				for _, d := range splitPages {
					var whole, split bytes.Buffer
					if err := runTo(&whole, tmpl, d); err != nil {
						t.Fatal(err)
					}
					if err := s.run(&split, d, &c); err != nil {
						t.Fatal(err)
					}
					if whole.String() != split.String() {
						t.Errorf("page %s, round %d: split layout wrote\n%s\nwant\n%s", d.Source, round, split.String(), whole.String())
					}
				}
			}
		})
	}
}

// TestSplitError: a shared piece that fails is reported as the whole
// layout reports it, with its file and line.
func TestSplitError(t *testing.T) {
	files := fstest.MapFS{
		"base.html": {Data: []byte("<p>{{.Title}}</p>\n<a href=\"{{.Root}}\">{{index .EndMatter 0}}</a>\n{{block \"main\" .}}{{end}}")},
		"page.html": {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{end}}`)},
	}
	set, err := Load(Files{Dir: t.TempDir(), Defaults: files})
	if err != nil {
		t.Fatal(err)
	}
	tmpl := set.forKind(content.KindPage)
	s := set.splits[tmpl]
	if s == nil {
		t.Fatal("no split made")
	}
	var c shared
	for _, d := range splitPages {
		var whole, split bytes.Buffer
		werr := runTo(&whole, tmpl, d)
		serr := s.run(&split, d, &c)
		if (werr == nil) != (serr == nil) || werr != nil && werr.Error() != serr.Error() {
			t.Errorf("page %s: split error %v, want %v", d.Source, serr, werr)
		}
		if werr == nil && whole.String() != split.String() {
			t.Errorf("page %s: split wrote %q, want %q", d.Source, split.String(), whole.String())
		}
	}
}

// BenchmarkPageLayout lays out a 1,000-page site with the whole layout and
// with it split, in one run, so the two are compared on the same machine
// at the same moment:
//
//	go test -run '^$' -bench PageLayout -count 10 -cpu 1 ./generator/layout
func BenchmarkPageLayout(b *testing.B) {
	set, err := Load(Files{Dir: b.TempDir(), Defaults: layouts.FS})
	if err != nil {
		b.Fatal(err)
	}
	tree := site([]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, 100)
	doc := &markdown.Doc{HTML: strings.Repeat("<p>Some words of the page, as a page has them.</p>\n", 40)}
	for i := range 4 {
		doc.Headings = append(doc.Headings, markdown.Heading{Level: 2, ID: fmt.Sprint("h-", i), Text: fmt.Sprint("Heading ", i)})
	}
	splits := set.splits
	for _, v := range []struct {
		name   string
		splits map[*template.Template]*split
	}{{"whole", nil}, {"split", splits}} {
		b.Run(v.name, func(b *testing.B) {
			set.splits = v.splits
			discard := func(string, []byte) error { return nil }
			cpu := cpuTime()
			for b.Loop() {
				r := set.Pages(tree, Site{Title: "PPC"}, Plan{FullSidebar: fullSidebar})
				for _, n := range tree.Order {
					if err := r.Write(n, doc, "", discard); err != nil {
						b.Fatal(err)
					}
				}
			}
			pages := float64(b.N * len(tree.Order))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/pages, "ns/page")
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/pages, "cpu-ns/page")
			}
		})
	}
	set.splits = splits
}

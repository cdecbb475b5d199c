package site

import (
	"flag"
	"fmt"
	"html/template"
	"path/filepath"
	"testing"

	"ppchandbook/generator/content"
	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/output"
	"ppchandbook/generator/search"
)

// corpusPages sizes the generated handbook the benchmarks build. Profile
// a large site with, for example:
//
//	go test -run '^$' -bench 'Build/corpus' -benchtime 3x -corpus-pages=10000 -cpuprofile cpu.out ./generator/site/
var corpusPages = flag.Int("corpus-pages", 2000, "pages in the generated corpus of the benchmarks")

// benchSite is one site the benchmarks measure.
type benchSite struct {
	name  string
	src   Sources
	pages int // Markdown files in src.Content, for ns/page
}

// benchSites returns the real handbook and a generated corpus, which it
// writes once into a temporary folder, outside any timing. Every stage
// benchmark measures both, so a regression shows in the stage it is in.
func benchSites(b *testing.B) []benchSite {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "content")
	if err := corpus.Write(dir, *corpusPages, 1); err != nil {
		b.Fatal(err)
	}
	pages, _, err := content.Load(handbook.Content)
	if err != nil {
		b.Fatal(err)
	}
	return []benchSite{
		{"handbook", handbook, len(pages)},
		{fmt.Sprintf("corpus-%d", *corpusPages), Sources{Content: dir, Layouts: handbook.Layouts}, *corpusPages},
	}
}

// BenchmarkBuild is the whole of generator build: render into a folder
// beside the output, then swap it in.
func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				st, err := output.Stage(out)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Build(b.Context(), s.src, oneShot, st); err != nil {
					b.Fatal(err)
				}
				if err := st.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := content.Load(s.src.Content); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

// BenchmarkConvert converts every page on one goroutine, so it measures
// the work per page; the build spreads the same work across cores.
func BenchmarkConvert(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			p := prepareFor(b, s.src)
			restoreBodies(b, p, s.src)
			md := markdown.New(p.tree.Resolve)
			b.ReportAllocs()
			for b.Loop() {
				for _, n := range p.tree.Order {
					if _, err := md.Convert(n.Page); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

func BenchmarkLinks(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			p := prepareFor(b, s.src)
			b.ReportAllocs()
			for b.Loop() {
				if err := links.Check(p.tree, p.docs, nil); err != nil {
					b.Fatal(err)
				}
				if err := links.CheckRelations(p.tree); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

// BenchmarkRender runs the templates over every page, discarding the HTML.
func BenchmarkRender(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			p := prepareFor(b, s.src)
			set, err := layout.Load(s.src.LayoutFiles())
			if err != nil {
				b.Fatal(err)
			}
			// A memo that never settles keeps each page's HTML for the next
			// round, as a one-shot build would not, and renders every page.
			opt := Options{Site: oneShot.Site, Memo: NewMemo()}
			b.ReportAllocs()
			for b.Loop() {
				if err := render(b.Context(), set, p.tree, p.docs, p.timelines, opt, nil, newRecorder(b.Context(), Discard{}, 0)); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

// BenchmarkSearch builds the search index from the converted pages and
// makes its script files, discarding them.
func BenchmarkSearch(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			p := prepareFor(b, s.src)
			discard := func(string, []byte) error { return nil }
			b.ReportAllocs()
			for b.Loop() {
				if err := search.Build(p.tree, p.docs, nil).Write(discard); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

// BenchmarkWrite writes the complete site over the previous one, as every
// build after the first does.
func BenchmarkWrite(b *testing.B) {
	for _, s := range benchSites(b) {
		b.Run(s.name, func(b *testing.B) {
			files := NewMemory()
			if _, err := Build(b.Context(), s.src, oneShot, files); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				if err := output.Write(out, files.Files()); err != nil {
					b.Fatal(err)
				}
			}
			reportPerPage(b, s.pages)
		})
	}
}

// prepared is a site loaded, converted and checked, as Build has it
// before the search index and the templates.
type prepared struct {
	tree      *nav.Tree
	docs      map[*content.Page]*markdown.Doc
	timelines map[*content.Page]template.HTML
}

// prepareFor loads, converts and checks src as Build does, so each later
// stage can be timed on its own.
func prepareFor(b *testing.B, src Sources) *prepared {
	b.Helper()
	var memo *Memo // none: a one-shot build
	loaded := memo.load(src.Content)
	if _, err := loadProblems(loaded); err != nil {
		b.Fatal(err)
	}
	pages, gen := addGenerated(Published(loaded.Pages))
	tree := nav.Build(pages, loaded.Files)
	timelines, err := timelinesOf(pages, nil)
	if err != nil {
		b.Fatal(err)
	}
	docs, err := convertAll(b.Context(), tree, pages, nil, nil)
	if err == nil {
		err = checkLinks(tree, docs, nil)
	}
	if err != nil {
		b.Fatal(err)
	}
	gen.replaceDocs(tree, docs, nil)
	if gen.print != nil {
		docs[gen.print] = layout.Print(tree, docs, timelines, gen.print, nil)
	}
	docs[gen.progress] = layout.Progress(tree, docs, gen.progress, nil)
	return &prepared{tree: tree, docs: docs, timelines: timelines}
}

// restoreBodies gives p's pages back the Markdown a one-shot build lets
// go once converted, and fails if a page would be converted from nothing,
// as every page silently was before this check.
func restoreBodies(b *testing.B, p *prepared, src Sources) {
	b.Helper()
	pages, _, err := content.Load(src.Content)
	if err != nil {
		b.Fatal(err)
	}
	body := make(map[string][]byte, len(pages))
	for _, pg := range pages {
		body[pg.Path] = pg.Body
	}
	for _, n := range p.tree.Order {
		md, ok := body[n.Page.Path]
		if !ok {
			continue // made by the generator, not read from a file
		}
		n.Page.Body = md
		if len(md) == 0 {
			b.Fatalf("%s has no Markdown to convert", n.Page.Path)
		}
	}
}

// reportPerPage adds the time per page, which should stay flat as the
// site grows.
func reportPerPage(b *testing.B, pages int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
}

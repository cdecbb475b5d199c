// Package corpus writes synthetic handbooks of any size, for benchmarks and
// for comparing the generator with Hugo and with the bare floor of goldmark
// plus chroma.
//
// A corpus of n pages has a home page and about √n section folders, each
// with an _index.md, holding the other pages. Every page has front matter
// (title, description, kind, weight, review dates, sources) and a body of
// about 700 words: ## and ### headings, paragraphs of generated prose with
// emphasis and code spans, a bullet list, a GFM table, one fenced code
// block in Go, Python, SQL, JSON, YAML or Bash, and 3 to 6 relative links to
// other pages, some to a #heading that exists there. No two pages and no
// two code blocks are alike, so no cache can shortcut a build.
//
// The same seed and n always give the same files. Each page is made from
// its own random stream, so pages are independent of one another and of
// the order they are written in. Write makes the corpus in the handbook's
// content format; WriteHugo makes the same pages as a minimal Hugo site,
// with the links written as the relative URLs Hugo would serve.
package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// wordsPerPage is the length of a page body, lists and tables included.
const wordsPerPage = 700

// page is one page of the plan, before its body is made.
type page struct {
	id       int
	path     string // slash path in the content folder: "section-03/page-0045.md"
	weight   int    // order in its section, from 1
	title    string
	headings []heading
}

type heading struct {
	level int // 2 or 3
	text  string
}

// anchor is the id a heading gets: its words in lower case joined by
// hyphens. Titles have no punctuation, so the generator's and Hugo's
// rules agree.
func (h heading) anchor() string { return strings.ToLower(strings.ReplaceAll(h.text, " ", "-")) }

// dir is the folder the page's file sits in, "" at the top.
func (p *page) dir() string {
	if d := path.Dir(p.path); d != "." {
		return d
	}
	return ""
}

// plan lays out n pages: the home page, then each section's index followed
// by its pages. Titles and headings are made here, because links on one
// page name headings of another.
func plan(n int, seed int64) ([]*page, error) {
	if n < 1 {
		return nil, fmt.Errorf("a corpus needs at least one page, not %d", n)
	}
	sections := min(int(math.Round(math.Sqrt(float64(n)))), n-1)
	pageWidth := len(fmt.Sprint(n))
	sectionWidth := max(2, len(fmt.Sprint(sections)))
	pages := []*page{{path: "_index.md"}}
	rest := n - 1 - sections
	for s := range sections {
		dir := fmt.Sprintf("section-%0*d", sectionWidth, s+1)
		pages = append(pages, &page{path: dir + "/_index.md", weight: s + 1})
		count := rest / sections
		if s < rest%sections {
			count++
		}
		for i := range count {
			pages = append(pages, &page{path: fmt.Sprintf("%s/page-%0*d.md", dir, pageWidth, len(pages)), weight: i + 1})
		}
	}
	for id, p := range pages {
		p.id = id
		w := stream(seed, id, 0)
		p.title = w.title(2, 5)
		used := map[string]bool{}
		for range w.span(3, 5) {
			p.headings = append(p.headings, w.heading(2, used))
			if w.r.IntN(2) == 0 {
				p.headings = append(p.headings, w.heading(3, used))
			}
		}
	}
	return pages, nil
}

// heading makes a heading whose anchor is not yet used on the page, so
// every anchor a link names is the one the heading really gets.
func (w words) heading(level int, used map[string]bool) heading {
	for {
		h := heading{level, w.title(2, 4)}
		if !used[h.anchor()] {
			used[h.anchor()] = true
			return h
		}
	}
}

// stream is page id's random source; stream 0 makes the outline, 1 the body.
func stream(seed int64, id, n int) words {
	return words{rand.New(rand.NewPCG(uint64(seed), uint64(id)*2+uint64(n)))}
}

// link is a link from one page to another, before it is written in a
// particular site's form.
type link struct {
	to     *page
	anchor string // "" for the top of the page
	text   string
}

// dest writes a link destination; the two site formats differ only here.
type dest func(from *page, l link) string

// body makes the Markdown body of p. Links are chosen before any text, so
// the words are the same whichever dest writes them.
func body(pages []*page, p *page, seed int64, dest dest) string {
	w := stream(seed, p.id, 1)
	var links []link
	if len(pages) > 1 {
		for range w.span(3, 6) {
			to := pages[w.r.IntN(len(pages))]
			for to == p {
				to = pages[w.r.IntN(len(pages))]
			}
			l := link{to: to, text: strings.ToLower(to.title)}
			if w.r.IntN(2) == 0 {
				l.anchor = to.headings[w.r.IntN(len(to.headings))].anchor()
			}
			links = append(links, l)
		}
	}
	// Share the links among the intro and the paragraph of each heading.
	paragraphs := 1 + len(p.headings)
	placed := make([][]string, paragraphs)
	for _, l := range links {
		i := w.r.IntN(paragraphs)
		placed[i] = append(placed[i], "["+l.text+"]("+dest(p, l)+")")
	}
	perParagraph := (wordsPerPage - 90) / paragraphs

	var b strings.Builder
	b.Grow(6 << 10)
	w.paragraph(&b, perParagraph, placed[0])
	h2 := 0
	for i, h := range p.headings {
		b.WriteString(strings.Repeat("#", h.level) + " " + h.text + "\n\n")
		w.paragraph(&b, perParagraph, placed[i+1])
		if h.level != 2 {
			continue
		}
		switch h2 {
		case 0:
			w.list(&b)
		case 1:
			w.table(&b)
		case 2:
			w.code(&b, p.id)
		}
		h2++
	}
	return b.String()
}

// list writes a bullet list of 4 to 7 items.
func (w words) list(b *strings.Builder) {
	for range w.span(4, 7) {
		b.WriteString("- ")
		var item strings.Builder
		w.phrase(&item)
		item.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(&item)
		writeCapitalised(b, item.String())
		b.WriteString(";\n")
	}
	b.WriteString("\n")
}

// table writes a GFM table of 3 to 4 columns and 3 to 6 rows.
func (w words) table(b *strings.Builder) {
	cols := w.span(3, 4)
	b.WriteString("|")
	for range cols {
		n := w.pick(nouns)
		b.WriteString(" " + strings.ToUpper(n[:1]) + n[1:] + " |")
	}
	b.WriteString("\n|")
	for c := range cols {
		if c == cols-1 {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for range w.span(3, 6) {
		b.WriteString("|")
		for c := range cols {
			if c == cols-1 {
				b.WriteString(" " + strconv.Itoa(w.span(0, 9999)) + " |")
			} else {
				b.WriteString(" " + w.pick(adjectives) + " " + w.pick(nouns) + " |")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// frontMatter writes the YAML header. For Hugo, kind is left out: recent
// Hugo versions read a "kind" key as the page's own kind.
func frontMatter(p *page, seed int64, hugo bool) string {
	w := stream(seed, p.id, 2)
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", p.title)
	fmt.Fprintf(&b, "description: %q\n", w.title(6, 12)+".")
	if !hugo {
		b.WriteString("kind: page\n")
	}
	if p.weight > 0 {
		fmt.Fprintf(&b, "weight: %d\n", p.weight)
	}
	reviewed := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, w.span(0, 600))
	fmt.Fprintf(&b, "reviewed: %s\n", reviewed.Format(time.DateOnly))
	fmt.Fprintf(&b, "next_review: %s\n", reviewed.AddDate(1, 0, 0).Format(time.DateOnly))
	b.WriteString("sources:\n")
	for i := range w.span(1, 3) {
		fmt.Fprintf(&b, "  - title: %q\n", w.title(3, 7))
		fmt.Fprintf(&b, "    url: https://example.nhs.uk/%s/%d-%d\n", w.pick(nouns), p.id, i)
	}
	b.WriteString("---\n\n")
	return b.String()
}

// Write writes a corpus of n pages with the given seed into dir, in the
// handbook's content format, with links to the other pages' .md files.
func Write(dir string, n int, seed int64) error {
	pages, err := plan(n, seed)
	if err != nil {
		return err
	}
	return writePages(dir, pages, func(p *page) string {
		return frontMatter(p, seed, false) + body(pages, p, seed, mdDest)
	})
}

// mdDest links to the target's source file, relative to from's folder.
func mdDest(from *page, l link) string {
	d := l.to.path
	switch {
	case l.to.dir() == from.dir():
		d = path.Base(d)
	case from.dir() != "":
		d = "../" + d
	}
	if l.anchor != "" {
		d += "#" + l.anchor
	}
	return d
}

// writePages makes and writes each page's text under dir, in parallel:
// creating files is most of the time a corpus takes.
func writePages(dir string, pages []*page, text func(*page) string) error {
	for _, p := range pages {
		if p.dir() == "" || path.Base(p.path) == "_index.md" {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(p.dir())), 0o755); err != nil {
				return err
			}
		}
	}
	next := make(chan *page)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				file := filepath.Join(dir, filepath.FromSlash(p.path))
				if err := os.WriteFile(file, []byte(text(p)), 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, p := range pages {
		next <- p
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

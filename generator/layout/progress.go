package layout

import (
	"bytes"
	"html/template"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// ProgressPage is the generated page where a trainee sees what they have
// read and ticked, and exports or imports it. The data lives in the
// browser; the page only lays out the rows for the script to fill.
func ProgressPage() *content.Page {
	return &content.Page{
		Path: "progress.md",
		File: "(the generated progress page)",
		URL:  "progress/",
		Line: 1,
		Meta: content.Meta{
			Title:       "Your progress",
			Description: "The pages you have read, the self-check items you have ticked and your knowledge check scores, kept in this browser only.",
			Kind:        content.KindPage,
			Weight:      99999,
			Lines:       map[string]int{},
		},
	}
}

var progressTemplate = template.Must(template.New("progress").Parse(`<p>Your progress is kept in this web browser on this computer only. Nothing is sent anywhere. Use <strong>Mark this page as read</strong> at the end of each page, tick the self-check lists on the skill pages, and check your answers in the knowledge checks.</p>
<p class="progress-total" aria-live="polite"></p>
<p class="progress-dated"></p>
<div class="progress-tools" hidden>
<p>Save your progress to a file for an appraisal or portfolio, or to carry on at another computer, then import it there. Importing adds what the file has to what is here: it never removes anything, and shows you what it will add first. To show a supervisor, print this page: it prints as a dated summary.</p>
<p><button type="button" class="button progress-export">Export progress to a file</button>
<input type="file" id="progress-import" class="progress-import visually-hidden" accept="application/json,.json">
<label class="button" for="progress-import">Import progress from a file</label>
<button type="button" class="button progress-print">Print a dated summary</button></p>
<div class="progress-review" hidden>
<h2 class="progress-review-title" tabindex="-1">Import?</h2>
<p>These will be added to your progress in this browser:</p>
<ul class="progress-review-list"></ul>
<p>Nothing here is removed, and where both have the same item the newer is kept.</p>
<p><button type="button" class="button progress-review-yes">Import these changes</button>
<button type="button" class="button button-secondary progress-review-no">Cancel</button></p>
</div>
<p class="progress-message" role="status"></p>
</div>
<noscript><p>Progress tracking needs JavaScript, which is turned off in this browser.</p></noscript>
<div class="table-wrap" role="region" tabindex="0" aria-label="Progress by page">
<table class="progress-table">
<caption>Pages read, self-checks ticked and knowledge check scores</caption>
<thead><tr><th scope="col">Page</th><th scope="col">Read</th><th scope="col">Self-check</th><th scope="col">Knowledge check (best)</th></tr></thead>
<tbody>
{{range .}}<tr data-progress-page="{{.Key}}" data-checks="{{.Checks}}" data-quizzes="{{.Quizzes}}"><th scope="row"><a href="{{.Href}}">{{.Title}}</a></th><td class="progress-read">Not yet</td><td class="progress-checks">{{if .Checks}}0 of {{.Checks}}{{else}}–{{end}}</td><td class="progress-quizzes">{{if .Quizzes}}Not done{{else}}–{{end}}</td></tr>
{{end}}</tbody>
</table>
</div>
`))

// Progress lays out one row per page, with the number of self-check boxes
// each page has, which the script compares with what was ticked. memo,
// if not nil, holds the page as the build before made it; when every row
// is as it was, that same Doc is returned, so a preview knows at once that
// the page need not be laid out or written again.
func Progress(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, page *content.Page, memo *ProgressMemo) *markdown.Doc {
	rows := make([]progressRow, 0, len(tree.Order))
	var from []rowFrom
	if memo != nil {
		from = make([]rowFrom, 0, len(tree.Order))
		if memo.at != page.URL {
			memo.rows, memo.from, memo.doc, memo.at = nil, nil, nil, page.URL
		}
	}
	same := memo != nil && memo.doc != nil
	for _, n := range tree.Order {
		doc := docs[n.Page]
		if n.Page == page || doc == nil {
			continue
		}
		i := len(rows)
		if row, ok := memo.reuse(i, n.Page, doc); ok {
			rows = append(rows, row)
		} else {
			rows = append(rows, progressRow{Key: n.Page.Path, Title: n.Page.Meta.Title, Href: nav.Href(page, n.Page),
				Checks: doc.Tasks, Quizzes: memo.count(doc)})
			same = same && i < len(memo.rows) && rows[i] == memo.rows[i]
		}
		if memo != nil {
			from = append(from, rowFrom{doc, n.Page.URL})
		}
	}
	if memo != nil {
		same = same && len(rows) == len(memo.rows)
		memo.byDoc, memo.misses = nil, 0
		memo.from = from
		if same {
			return memo.doc
		}
	}
	var b bytes.Buffer
	if err := progressTemplate.Execute(&b, rows); err != nil {
		panic(err) // the template is fixed: an error here is a bug
	}
	doc := &markdown.Doc{HTML: b.String(), IDs: map[string]int{}}
	if memo != nil {
		memo.rows, memo.doc = rows, doc
	}
	return doc
}

// ProgressMemo keeps the progress page from one build to the next.
type ProgressMemo struct {
	rows []progressRow
	doc  *markdown.Doc
	// from is the Doc and address each row was made from. A Doc is never
	// changed once made, so a row whose page has the same Doc, path, title
	// and address as the row in its place last time is that row, knowledge
	// checks counted: counting them in every page's HTML again was a third of a
	// one-page rebuild of 10,000 pages, and making each row's address a
	// tenth of what was left.
	from []rowFrom
	at   string // the progress page's address, which every row's is relative to
	// byDoc is each Doc's count of knowledge checks, made from rows and
	// from once more than a few rows have not lined up (a page added or
	// moved), and forgotten after each build.
	byDoc  map[*markdown.Doc]int
	misses int
}

// reuse returns row i as the last build made it, if it was made from the
// same page and Doc.
func (m *ProgressMemo) reuse(i int, p *content.Page, doc *markdown.Doc) (progressRow, bool) {
	if m == nil || i >= len(m.rows) || m.from[i] != (rowFrom{doc, p.URL}) {
		return progressRow{}, false
	}
	r := m.rows[i]
	if r.Key != p.Path || r.Title != p.Meta.Title {
		return progressRow{}, false
	}
	return r, true
}

// rowFrom is what a row's counts and address are made from.
type rowFrom struct {
	doc *markdown.Doc
	url string // the page's
}

// count is the number of knowledge checks in doc: counted in its HTML, as
// quiz.js numbers them on the page, unless the last build counted them in
// the same Doc, which is never changed once made.
func (m *ProgressMemo) count(doc *markdown.Doc) int {
	const few = 8 // rows not lined up before the memo's counts are mapped
	if m != nil {
		if m.misses++; m.misses > few && m.byDoc == nil {
			m.byDoc = make(map[*markdown.Doc]int, len(m.from))
			for i, f := range m.from {
				m.byDoc[f.doc] = m.rows[i].Quizzes
			}
		}
		if n, ok := m.byDoc[doc]; ok {
			return n
		}
	}
	return strings.Count(doc.HTML, `<section class="quiz"`)
}

type progressRow struct {
	Key, Title, Href string
	Checks           int // self-check boxes
	Quizzes          int // knowledge checks
}

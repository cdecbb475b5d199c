// Package links checks every link and image on every page: that the page,
// file or heading it names exists. It reports all broken links at once,
// each at the line and column where it is written, with the closest match
// suggested, because an educator fixing links wants the whole list.
//
// Checking is one pass over the links with map lookups, so its cost grows
// with the number of links, not with pages squared.
package links

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Memo keeps each page's result from one Check to the next, for a preview
// that checks the whole site after every save. A page's links depend on
// its Doc, on which pages and files exist, and on the headings of the
// pages they point into; so a Doc checked before is checked again only
// when one of those pages' Doc has changed. The Memo is only for one set
// of pages and files: call Forget when that set changes.
type Memo struct {
	results map[*markdown.Doc]result
	order   []checked // the last check's pages, in reading order
}

// checked is one page as the last check saw it.
type checked struct {
	page *content.Page
	doc  *markdown.Doc // nil for a page without one, which has no links
	r    result
}

type result struct {
	file    string
	errs    []error
	anchors []target // the pages whose headings the links named
}

// target is a page whose headings a link was checked against, and its Doc
// at the time.
type target struct {
	page *content.Page
	doc  *markdown.Doc
}

// NewMemo makes an empty Memo.
func NewMemo() *Memo { return &Memo{results: map[*markdown.Doc]result{}} }

// Forget empties the memo, when pages or files have come or gone.
func (m *Memo) Forget() { m.results, m.order = map[*markdown.Doc]result{}, nil }

// Check returns every broken link and anchor in docs, joined, or nil.
// Links that can never be live (javascript: and the like) are warnings.
// memo is nil for a check that stands alone; a preview passes the same
// Memo every time, so Check reuses the results of the check before, and
// afterwards memo holds the results of this check only.
func Check(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, memo *Memo) error {
	h := &hints{tree: tree}
	if memo != nil {
		if err, ok := memo.recheck(h, docs); ok {
			return err
		}
	}
	var errs []error
	fresh := map[*markdown.Doc]result{}
	for _, n := range tree.Order {
		doc := docs[n.Page]
		if doc == nil {
			continue
		}
		if memo != nil {
			if r, ok := memo.results[doc]; ok && r.file == n.Page.File && current(r.anchors, docs) {
				fresh[doc] = r
				errs = append(errs, r.errs...)
				continue
			}
		}
		r := checkPage(h, docs, n.Page, doc)
		fresh[doc] = r
		errs = append(errs, r.errs...)
	}
	if memo != nil {
		memo.results = fresh
		memo.order = make([]checked, len(tree.Order))
		for i, n := range tree.Order {
			doc := docs[n.Page]
			memo.order[i] = checked{n.Page, doc, fresh[doc]}
		}
	}
	return errors.Join(errs...)
}

// recheck checks, when every page is where it was in the last check (an
// edit that moved no page), only the pages whose Doc changed and those
// with links into them, and reports whether it could. On a 10,000-page
// site looking up every page's result and the Docs of the pages its
// links lead into was a tenth of a one-page rebuild.
func (m *Memo) recheck(h *hints, docs map[*content.Page]*markdown.Doc) (error, bool) {
	order := h.tree.Order
	if len(order) != len(m.order) {
		return nil, false
	}
	var changed []int
	gone := map[*content.Page]bool{} // pages of the last check whose Doc is no more
	for i, n := range order {
		was := m.order[i]
		if doc := docs[n.Page]; was.page != n.Page || was.doc != doc {
			changed = append(changed, i)
			gone[was.page] = true
		}
	}
	now := slices.Clone(m.order)
	for _, i := range changed {
		delete(m.results, m.order[i].doc)
		now[i] = checked{page: order[i].Page, doc: docs[order[i].Page]}
	}
	var errs []error
	for i := range now {
		c := &now[i]
		if c.doc == nil {
			continue
		}
		if c.r.file == "" || len(gone) > 0 && linksInto(c.r.anchors, gone) {
			c.r = checkPage(h, docs, c.page, c.doc)
			m.results[c.doc] = c.r
		}
		errs = append(errs, c.r.errs...)
	}
	m.order = now
	return errors.Join(errs...), true
}

// checkPage checks every link of page, whose Doc is doc.
func checkPage(h *hints, docs map[*content.Page]*markdown.Doc, page *content.Page, doc *markdown.Doc) result {
	r := result{file: page.File}
	for _, l := range doc.Links {
		if err := check(h, docs, page, l, &r.anchors); err != nil {
			r.errs = append(r.errs, err)
		}
	}
	return r
}

// linksInto reports whether any of a result's anchors is on one of pages.
func linksInto(anchors []target, pages map[*content.Page]bool) bool {
	for _, a := range anchors {
		if pages[a.page] {
			return true
		}
	}
	return false
}

// current reports whether every page a result's anchors were checked
// against still has the same Doc.
func current(anchors []target, docs map[*content.Page]*markdown.Doc) bool {
	for _, a := range anchors {
		if docs[a.page] != a.doc {
			return false
		}
	}
	return true
}

// check checks one link, adding to anchors the page whose headings it
// consulted.
func check(h *hints, docs map[*content.Page]*markdown.Doc, p *content.Page, l markdown.Link, anchors *[]target) error {
	tree := h.tree
	what := "link to"
	if l.Image {
		what = "image"
	}
	fail := func(format string, args ...any) error {
		return content.Errorf(p.File, l.Line, l.Col, "%s %q: %s", what, l.Dest, fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(l.Dest) == "" {
		return fail("the link has no destination: put a page path or web address in the brackets")
	}
	t, err := nav.ParseTarget(p.Dir(), l.Dest)
	switch {
	case err != nil:
		return fail("%v", err)
	case t.Unsafe:
		e := fail("this kind of link can run code, so it is not published as a link")
		e.(*content.Error).Warn = true
		return e
	case t.External, t.Picture:
		return nil // a picture inside the page: markdown checks its size
	case t.Path == "" && !t.Dir:
		return h.anchor(docs[p], t.Fragment, fail, "on this page", false)
	}
	if n := tree.Find(t); n != nil {
		doc := docs[n.Page]
		*anchors = append(*anchors, target{n.Page, doc}) // its draft: and headings may change
		if n.Page.Meta.Draft && !p.Meta.Draft {
			e := fail("%s is a draft: the preview shows it, but build leaves it out, so this link will be broken until that page is published (remove its draft: true)", n.Page.File)
			e.(*content.Error).Warn = true
			return e
		}
		if t.Fragment == "" {
			return nil
		}
		if doc == nil { // a generated section page: only its top exists
			return fail("no heading %q: that section page has no headings", t.Fragment)
		}
		return h.anchor(doc, t.Fragment, fail, "in "+n.Page.File, true)
	}
	if tree.HasFile(t.Path) {
		return nil
	}
	return h.missing(p, l.Dest, t, fail)
}

// missing is the error for a link to t, written dest on page p, that
// names nothing in the site, saying why as nearly as it can tell.
func (h *hints) missing(p *content.Page, dest string, t nav.Target, fail func(string, ...any) error) error {
	tree := h.tree
	if webAddress.MatchString(dest) {
		return fail("this looks like a web address: add https:// at the start, as in https://%s", dest)
	}
	if file := tree.Unread[t.Path]; file != "" {
		return fail("%s could not be read (its own message says why), so this link cannot be checked: fix that page first", file)
	}
	if d := tree.Drafts[t.Path]; d != nil {
		return fail("%s is a draft (draft: true), so it is not published and this link would be broken: publish that page by removing its draft: true, or remove the link", d.File)
	}
	if strings.EqualFold(path.Ext(t.Path), ".md") || t.Dir || path.Ext(t.Path) == "" {
		msg := fmt.Sprintf("no page %q", t.Path)
		if hint := h.closestPage(t.Path); hint != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", relative(p.Dir(), hint))
		}
		return fail("%s", msg)
	}
	return fail("no file %q in the content folder", t.Path)
}

// anchor checks that doc has the ID a link's fragment names. A fragment
// that differs from an ID only in capital letters is published with the
// ID's spelling (nav.Resolve lower-cases one to another page, the
// converter mends one on the same page, as GitHub finds them too), so it
// is only a warning; an ID with capital letters cannot be reached from
// another page, since the fragment is published in lower case.
func (h *hints) anchor(doc *markdown.Doc, id string, fail func(string, ...any) error, where string, otherPage bool) error {
	if doc == nil || id == "" {
		return nil
	}
	lower := strings.ToLower(id)
	if _, ok := doc.IDs[id]; ok && (!otherPage || id == lower) {
		return nil
	}
	if strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:") {
		return nil // footnote ids are made by the renderer
	}
	if _, ok := doc.IDs[lower]; ok && otherPage {
		return warning(fail("the heading's ID is %q: write it in lower case, as IDs are", lower))
	}
	if otherPage {
		if _, ok := doc.IDs[id]; ok {
			return fail("links from other pages are published in lower case, so they cannot reach an ID with capital letters: write the ID %q in lower case %s, and here", id, where)
		}
	} else if real := sameButCase(doc, id); real != "" {
		return warning(fail("the heading's ID is %q: write it as it is, as IDs are case-sensitive", real))
	}
	msg := fmt.Sprintf("no heading %q %s", id, where)
	ids, suggest := h.ids(doc)
	if hint := suggest.Suggest(id); hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", hint)
	} else if len(ids) > 0 {
		msg += " (" + headingList(doc, ids) + ")"
	}
	return fail("%s", msg)
}

// sameButCase returns the ID of doc that differs from id only in capital
// letters, or "".
func sameButCase(doc *markdown.Doc, id string) string {
	for k := range doc.IDs {
		if strings.EqualFold(k, id) {
			return k
		}
	}
	return ""
}

func warning(err error) error {
	err.(*content.Error).Warn = true
	return err
}

// shownHeadings is how many of a page's headings a message lists, enough
// for most pages, few enough for the glossary's hundreds of terms.
const shownHeadings = 8

// headingList names the headings a link could point to instead, in the
// page's order where the Doc has it.
func headingList(doc *markdown.Doc, ids []string) string {
	var names []string
	for _, h := range doc.Headings {
		names = append(names, strconv.Quote(h.ID))
	}
	if len(names) == 0 {
		for _, id := range ids {
			names = append(names, strconv.Quote(id))
		}
	}
	if len(names) == 0 {
		return "that page has no headings"
	}
	more := ""
	if len(names) > shownHeadings {
		more = fmt.Sprintf(" and %d more", len(names)-shownHeadings)
		names = names[:shownHeadings]
	}
	return "the headings there are " + strings.Join(names, ", ") + more
}

// hints holds what a check's "did you mean"s search, made once a check
// and only when a link is broken: the site's page paths, and each page's
// IDs.
type hints struct {
	tree      *nav.Tree
	paths     []string           // sorted
	pathHints *content.Suggester // of paths
	idHints   map[*markdown.Doc]idHint
}

type idHint struct {
	ids     []string // sorted
	suggest *content.Suggester
}

// ids returns doc's IDs, sorted, and a Suggester of them.
func (h *hints) ids(doc *markdown.Doc) ([]string, *content.Suggester) {
	if x, ok := h.idHints[doc]; ok {
		return x.ids, x.suggest
	}
	ids := make([]string, 0, len(doc.IDs))
	for k := range doc.IDs {
		ids = append(ids, k)
	}
	slices.Sort(ids)
	x := idHint{ids, content.NewSuggester(ids)}
	if h.idHints == nil {
		h.idHints = map[*markdown.Doc]idHint{}
	}
	h.idHints[doc] = x
	return x.ids, x.suggest
}

// closestPage suggests a page for a mistyped path: a near spelling, or a
// page whose name starts with what was typed ("empathy.md" →
// "empathy-and-compassion.md").
func (h *hints) closestPage(want string) string {
	if h.paths == nil {
		h.paths = h.tree.Paths()
		h.pathHints = content.NewSuggester(h.paths)
	}
	paths := h.paths
	if hint := h.pathHints.Suggest(want); hint != "" {
		return hint
	}
	stem := strings.TrimSuffix(path.Base(want), path.Ext(want))
	for _, p := range paths {
		if path.Dir(p) == path.Dir(want) && strings.HasPrefix(path.Base(p), stem) {
			return p
		}
	}
	for _, p := range paths {
		if strings.HasPrefix(path.Base(p), stem) {
			return p
		}
	}
	// A word of the name: "dna.md" → "first-appointment-dna.md". Short
	// words would match too much.
	if len(stem) < 3 {
		return ""
	}
	for _, sameDir := range []bool{true, false} {
		for _, p := range paths {
			name := "-" + strings.TrimSuffix(path.Base(p), path.Ext(p)) + "-"
			if (!sameDir || path.Dir(p) == path.Dir(want)) && strings.Contains(name, "-"+stem+"-") {
				return p
			}
		}
	}
	return ""
}

// webAddress matches a link that starts like a web site's name, typed
// without https:// ("www.gov.uk", "england.nhs.uk/long-read").
var webAddress = regexp.MustCompile(`(?i)^(www\.[^/]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(uk|com|org|net|gov|nhs|info|eu|io)(/.*)?)$`)

// relative writes content path p as a link from folder dir, the way the
// educator would type it.
func relative(dir, p string) string {
	if dir == "" {
		return p
	}
	from := strings.Split(dir, "/")
	to := strings.Split(p, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

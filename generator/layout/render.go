package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// Site is what every page knows about the handbook as a whole.
type Site struct {
	Title   string // shown in the header and the browser tab
	BaseURL string // where the site is published, if known; for sitemap.xml

	// Drafts is set by the preview: pages with draft: true are built too,
	// each with a banner, so an educator can see one before publishing it.
	Drafts bool
}

// Data is what a template receives for one page.
type Data struct {
	Site        Site
	Title       string
	TitleID     string // the ID GitHub gives the page's "# Title", so links to it work; "" if it had none
	Description string
	Kind        string // page, skill, qualification, scenario or glossary
	IsHome      bool
	Root        string // relative path to the site root: "" or "../../"
	Home        string // href of the home page
	Content     template.HTML
	Reviewed    content.Date
	NextReview  content.Date
	Sources     []content.Source
	TOC         []markdown.Heading // h2 and h3, for the on-page contents
	TOCList     template.HTML      // TOC as a list of links, made in Go as Hugo's .TableOfContents is
	Breadcrumbs []Link             // from Home down to the parent of this page
	Prev, Next  *Link              // in reading order
	Sidebar     template.HTML      // the section tree, current page marked
	Children    []Link             // a section's pages, for its index
	UsedBy      []Link             // on a skill page: the scenarios and routes that exercise it
	Skills      []Link             // on a scenario or route: the skills it exercises
	Timeline    template.HTML      // on a scenario: its clocks, drawn and tabulated
	Timelines   bool               // the content itself draws timelines (the whole-handbook page)
	Glossary    string             // href of the glossary page, if there is one
	EndMatter   []Link             // pages outside the reading order, for the footer
	Quiz        bool               // the page has a knowledge check, so needs its script
	Code        bool               // the page has highlighted code, so needs its colours
	Source      string             // content path of the Markdown file
	Draft       bool               // draft: true, shown only in the preview; base.html shows a banner
}

// Link is a link to another page of the handbook.
type Link struct {
	Title       string
	Href        string
	Description string
	Kind        string // of the linked page
}

// Failures gathers the errors of pages rendered at once, each distinct
// message once: one broken layout fails every page the same way. The zero
// value is ready, and safe for concurrent use.
type Failures struct {
	mu   sync.Mutex
	seen map[string]bool
	errs []error
}

// Add notes err, unless an error with the same message is noted already.
func (f *Failures) Add(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if msg := err.Error(); !f.seen[msg] {
		if f.seen == nil {
			f.seen = map[string]bool{}
		}
		f.seen[msg] = true
		f.errs = append(f.errs, err)
	}
}

// Err returns the errors noted, joined, or nil.
func (f *Failures) Err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return errors.Join(f.errs...)
}

// Plan is how the pages of one site are laid out, beyond each page's
// own data.
type Plan struct {
	FullSidebar int          // the most pages whose sidebar lists every page in each page; past it, a script per branch
	Sidebars    *SidebarMemo // a preview's sidebar scripts from its last build; nil to make them afresh
}

// Pages lays out the pages of one tree, in any order and from any number
// of goroutines, then Finish adds what the whole site shares.
type Pages struct {
	set    *Set
	tree   *nav.Tree
	site   Site
	sb     *sidebar
	memo   *SidebarMemo
	shared shared // the pieces of base.html pages of the same depth share
}

// Pages starts laying out the pages of tree.
func (s *Set) Pages(tree *nav.Tree, site Site, plan Plan) *Pages {
	sb := newSidebar(tree, plan.FullSidebar)
	sb.root = sitePath(site.BaseURL)
	return &Pages{set: s, tree: tree, site: site, sb: sb, memo: plan.Sidebars}
}

// Write lays out the page at n from its Doc (nil for a section page the
// tree made up) and, for a scenario, its timeline, and hands it to put as
// "skills/communication/index.html". The bytes are reused once put
// returns, so put must not keep them: a one-shot build's put writes them
// out, and pooling the buffers saves making 480 MB of garbage on a
// 10,000-page site.
func (r *Pages) Write(n *nav.Node, doc *markdown.Doc, timeline template.HTML, put func(name string, b []byte) error) error {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	return r.writeTo(buf, n, doc, timeline, put)
}

// WriteKept is Write for a put that keeps the bytes, as a preview does to
// compare them with the next build's.
func (r *Pages) WriteKept(n *nav.Node, doc *markdown.Doc, timeline template.HTML, put func(name string, b []byte) error) error {
	return r.writeTo(bytes.NewBuffer(make([]byte, 0, pageSize)), n, doc, timeline, put)
}

func (r *Pages) writeTo(buf *bytes.Buffer, n *nav.Node, doc *markdown.Doc, timeline template.HTML, put func(name string, b []byte) error) error {
	data := r.set.data(r.tree, n, doc, r.site, r.sb)
	data.Timeline = timeline
	t := r.set.forKind(n.Page.Meta.Kind)
	var err error
	if s := r.set.splits[t]; s != nil {
		err = s.run(buf, data, &r.shared)
	} else {
		err = runTo(buf, t, data)
	}
	if err != nil {
		return err
	}
	return put(n.Page.URL+"index.html", buf.Bytes())
}

// Finish hands put what every page shares, once they are laid out: a
// large site's sidebar scripts, and the not-found page.
func (r *Pages) Finish(put func(name string, b []byte) error) error {
	for name, b := range r.sidebarScripts() {
		if err := put(name, b); err != nil {
			return err
		}
	}
	notFound, err := r.set.NotFound(r.set.notFoundData(r.tree, r.site, r.sb))
	if err != nil {
		return err
	}
	return put("404.html", notFound)
}

func (s *Set) data(tree *nav.Tree, n *nav.Node, doc *markdown.Doc, site Site, sb *sidebar) *Data {
	p := n.Page
	d := &Data{
		Site:        site,
		Title:       p.Meta.Title,
		Description: p.Meta.Description,
		Kind:        string(p.Meta.Kind),
		IsHome:      p.URL == "",
		Root:        nav.Root(p),
		Home:        nav.Href(p, tree.Root.Page),
		Reviewed:    p.Meta.Reviewed,
		NextReview:  p.Meta.NextReview,
		Sources:     p.Meta.Sources,
		Sidebar:     sb.html(n),
		Source:      p.Path,
		EndMatter:   endMatterLinks(tree, p, ""),
		Draft:       p.Meta.Draft,
	}
	if g := glossaryOf(tree); g != nil {
		d.Glossary = nav.Href(p, g.Page)
	}
	if doc != nil {
		d.Content = template.HTML(doc.HTML)
		d.TitleID = doc.TitleID
		d.Timelines = strings.Contains(doc.HTML, `<figure class="timeline"`)
		d.Quiz = strings.Contains(doc.HTML, `<section class="quiz"`)
		d.Code = strings.Contains(doc.HTML, `<pre class="chroma"`)
		for _, h := range doc.Headings {
			if h.Level <= 3 {
				d.TOC = append(d.TOC, h)
			}
		}
		d.TOCList = tocList(d.TOC)
	}
	for _, a := range n.Ancestors() {
		d.Breadcrumbs = append(d.Breadcrumbs, Link{Title: a.Page.Meta.Title, Href: nav.Href(p, a.Page)})
	}
	link := func(m *nav.Node) *Link {
		if m == nil {
			return nil
		}
		return &Link{Title: m.Page.Meta.Title, Href: nav.Href(p, m.Page), Description: m.Page.Meta.Description, Kind: string(m.Page.Meta.Kind)}
	}
	prev, next := neighbours(tree, n)
	d.Prev, d.Next = link(prev), link(next)
	for _, c := range n.Children {
		if !endMatter(c) {
			d.Children = append(d.Children, *link(c))
		}
	}
	for _, m := range tree.UsedBy(n) {
		d.UsedBy = append(d.UsedBy, *link(m))
	}
	for _, m := range tree.SkillsOf(n) {
		d.Skills = append(d.Skills, *link(m))
	}
	return d
}

// notFoundData describes the 404 page. A server sends it for any missing
// path, at any depth, so its links are written from the site root.
func (s *Set) notFoundData(tree *nav.Tree, site Site, sb *sidebar) *Data {
	root := sitePath(site.BaseURL)
	d := &Data{Site: site, Title: "Page not found", Kind: "page", Root: root, Home: root + "index.html", Sidebar: sb.html(nil)}
	d.Description = "There is no page at this address. It may have moved: try the contents or the search."
	for _, c := range tree.Root.Children {
		if !endMatter(c) {
			d.Children = append(d.Children, Link{Title: c.Page.Meta.Title, Href: root + nav.FileOf(c.Page), Description: c.Page.Meta.Description})
		}
	}
	if g := glossaryOf(tree); g != nil {
		d.Glossary = root + nav.FileOf(g.Page)
	}
	d.EndMatter = endMatterLinks(tree, nil, root)
	return d
}

// sidebar renders the section tree for each page. Small handbooks show
// every page, written into each page, so the contents work without
// JavaScript. Large ones (over Plan.FullSidebar pages) show the top
// sections and the branch the reader is in, and each branch is a script
// of its own, shared by every page in it, as mdBook does for large books.
// Without JavaScript a large site's pages show the way up to the home
// page instead; each section page lists its pages.
type sidebar struct {
	tree  *nav.Tree
	full  bool
	root  string // the site root's path on its server, for the 404 page's links
	mu    sync.Mutex
	cache map[branchKey]string
}

// branchKey names one rendering of the sidebar: the branch open, and how
// deep the page is, which sets every relative link.
type branchKey struct {
	branch *nav.Node
	depth  int
}

func newSidebar(tree *nav.Tree, fullUpTo int) *sidebar {
	return &sidebar{tree: tree, full: len(tree.Order) <= fullUpTo, root: "/", cache: map[branchKey]string{}}
}

// branchOf is the branch open in current's sidebar: its parent's, or for
// a section, its own.
func branchOf(current *nav.Node) *nav.Node {
	if len(current.Children) > 0 || current.Parent == nil {
		return current
	}
	return current.Parent
}

func (sb *sidebar) html(current *nav.Node) template.HTML {
	if !sb.full {
		return sb.loader(current)
	}
	if current == nil {
		return template.HTML(sb.render(branchKey{}))
	}
	key := branchKey{branchOf(current), strings.Count(current.Page.URL, "/")}
	sb.mu.Lock()
	html, ok := sb.cache[key]
	sb.mu.Unlock()
	if !ok {
		html = sb.render(key)
		sb.mu.Lock()
		sb.cache[key] = html
		sb.mu.Unlock()
	}
	mark := ` data-page="` + template.HTMLEscapeString(current.Page.Path) + `"`
	return template.HTML(strings.Replace(html, mark, mark+` aria-current="page"`, 1))
}

// sidebarFolder holds a large site's sidebar scripts, one for each branch
// at the branch's own path, so that no content folder can clash with them.
const sidebarFolder = "assets/sidebar/"

// scriptFile is the file, relative to sidebarFolder, of branch's sidebar
// script, escaped for a link when escaped is true.
func scriptFile(branch *nav.Node, escaped bool) string {
	if escaped {
		return strings.TrimSuffix(nav.FileOf(branch.Page), "index.html") + "sidebar.js"
	}
	return branch.Page.URL + "sidebar.js"
}

// loader is a large site's sidebar in a page: the script of its branch,
// told which page to mark, and for browsers without JavaScript the way up
// to the home page. current is nil for the 404 page, whose links are
// written from the site root.
func (sb *sidebar) loader(current *nav.Node) template.HTML {
	root, branch, path := sb.root, sb.tree.Root, ""
	if current != nil {
		root, branch, path = nav.Root(current.Page), branchOf(current), current.Page.Path
	}
	var b strings.Builder
	b.WriteString(`<script src="`)
	b.WriteString(urlEscaper(root + sidebarFolder + scriptFile(branch, true)))
	b.WriteString(`" data-current="`)
	b.WriteString(template.HTMLEscapeString(path))
	b.WriteString(`"></script>`)
	up := []*nav.Node{sb.tree.Root}
	if current != nil {
		up = current.Ancestors()
	}
	if len(up) == 0 { // the home page, which lists the sections itself
		return template.HTML(b.String())
	}
	b.WriteString("<noscript><ul>")
	for _, a := range up {
		href := sb.root + nav.FileOf(a.Page)
		if current != nil {
			href = nav.Href(current.Page, a.Page)
		}
		b.WriteString(`<li><a href="`)
		b.WriteString(urlEscaper(href))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(a.Page.Meta.Title))
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul></noscript>")
	return template.HTML(b.String())
}

// sidebarScript inserts a branch's sidebar, rendered with links from the
// site root, after the script element that loads it; adds the path from
// the page to the root (the part of the script's own address before
// sidebarFolder) to each link; and marks the page named by the element's
// data-current. It runs while the page is read, before the page is shown,
// so the contents appear with the page and nothing moves.
const sidebarScript = `(function(s,h){if(!s)return;var r=s.getAttribute("src"),c=s.getAttribute("data-current");r=r.slice(0,r.lastIndexOf("` + sidebarFolder + `"));` +
	`s.insertAdjacentHTML("afterend",h.replace(/ href="/g,' href="'+r));` +
	`for(var a=s.parentNode.querySelectorAll("a[data-page]"),i=0;i<a.length;i++)if(a[i].getAttribute("data-page")===c)a[i].setAttribute("aria-current","page")})(document.currentScript,`

// sidebarScripts returns the sidebar's scripts, those of the last build
// when the memo says the site's shape is unchanged.
func (r *Pages) sidebarScripts() map[string][]byte {
	m, sb := r.memo, r.sb
	if m != nil && m.scripts != nil && m.made == m.Shape {
		return m.scripts
	}
	scripts := sb.scripts()
	if m != nil {
		m.made, m.scripts = m.Shape, scripts
	}
	return scripts
}

// scripts returns a large site's sidebar scripts, by output path; nil for
// a small site, whose pages hold their own.
func (sb *sidebar) scripts() map[string][]byte {
	if sb.full {
		return nil
	}
	out := map[string][]byte{}
	for _, n := range sb.tree.Order {
		branch := branchOf(n)
		name := sidebarFolder + scriptFile(branch, false)
		if _, ok := out[name]; ok {
			continue
		}
		var b bytes.Buffer
		b.WriteString(sidebarScript)
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // a script file, not a script element: "</" ends nothing
		if err := enc.Encode(sb.render(branchKey{branch, 0})); err != nil {
			panic(err) // a string always encodes
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteString(");\n")
		out[name] = b.Bytes()
	}
	return out
}

// render writes the sidebar as seen from a page depth folders down whose
// parent (or, for a section, itself) is branch; a nil branch renders it for
// the 404 page, with links from the site root.
func (sb *sidebar) render(key branchKey) string {
	branch := key.branch
	var b strings.Builder
	b.Grow(4096)
	onPath := map[*nav.Node]bool{}
	for m := branch; m != nil; m = m.Parent {
		onPath[m] = true
	}
	href := func(m *nav.Node) string {
		if branch == nil {
			return sb.root + nav.FileOf(m.Page)
		}
		return strings.Repeat("../", key.depth) + nav.FileOf(m.Page)
	}
	item := func(m *nav.Node) {
		b.WriteString(`<a href="`)
		b.WriteString(urlEscaper(href(m)))
		b.WriteString(`" data-page="`)
		b.WriteString(template.HTMLEscapeString(m.Page.Path))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(m.Page.Meta.Title))
		b.WriteString("</a>")
	}
	var list func(nodes []*nav.Node)
	list = func(nodes []*nav.Node) {
		b.WriteString("<ul>")
		for _, m := range nodes {
			b.WriteString("<li")
			switch {
			case len(m.Children) > 0 && onPath[m]:
				b.WriteString(` class="has-children open"`)
			case len(m.Children) > 0:
				b.WriteString(` class="has-children"`)
			case endMatter(m):
				b.WriteString(` class="end-matter"`)
			}
			b.WriteString(">")
			item(m)
			if len(m.Children) > 0 && (sb.full || onPath[m]) {
				list(m.Children)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("<ul><li>")
	item(sb.tree.Root)
	b.WriteString("</li></ul>")
	list(sb.tree.Root.Children)
	return b.String()
}

// tocList writes the on-page contents as the template once did with
// {{range .TOC}}, byte for byte (TestTOCList), without a template: run
// for every page, that range and its escapers were a third of the time
// spent in templates.
func tocList(toc []markdown.Heading) template.HTML {
	if len(toc) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<ul>")
	for _, h := range toc {
		b.WriteString(`<li class="toc-h`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		b.WriteString(fragmentEscaper(h.ID))
		b.WriteString(`">`)
		b.WriteString(textEscaper.Replace(h.Text))
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}

// textEscaper escapes text as html/template does in element content.
var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "'", "&#39;", "&", "&amp;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// urlEscaper escapes a link for an href or src attribute as html/template
// does for the cards' href="{{.Href}}": nav escapes only the characters
// that would change a URL's meaning, so a file name's backslash, tab,
// newline or other byte a URL cannot hold is percent-encoded here, while
// existing escapes and URL punctuation are kept.
func urlEscaper(s string) string {
	const hex = "0123456789abcdef" // lower case, as html/template writes it
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!#$&*+,/:;=?@[]%", c) >= 0 {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+16), s[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b != nil {
		s = string(b)
	}
	return textEscaper.Replace(s) // & and + are left for the attribute
}

// fragmentEscaper escapes a URL fragment as html/template does after "#"
// in an attribute: every byte but ASCII letters, digits and -._~ is
// percent-encoded, which leaves nothing for the attribute to escape.
func fragmentEscaper(s string) string {
	const hex = "0123456789abcdef" // lower case, as html/template writes it
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+16), s[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b == nil {
		return s
	}
	return string(b)
}

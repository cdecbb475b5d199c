package site

import (
	"cmp"
	"context"
	"errors"
	"html/template"
	"maps"
	"path/filepath"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/pathway"
	"ppchandbook/generator/search"
	"ppchandbook/layouts"
)

// Sources names the folders a site is built from.
type Sources struct {
	Content string // the Markdown pages and their files
	Layouts string // templates and assets over the built-in ones; it need not exist
}

// LayoutFiles are the layouts of src over the ones built into the
// program, so a folder holding only content/ builds.
func (src Sources) LayoutFiles() layout.Files {
	return layout.Files{Dir: src.Layouts, Defaults: layouts.FS}
}

// Options are the choices of one build.
type Options struct {
	Site layout.Site // what every page shows of the handbook; Drafts for a preview
	Memo *Memo       // what a preview's last build made, to reuse; nil for a one-shot build
}

// Sink receives the output files as they are made, from several
// goroutines at once: a folder being filled beside the output folder, the
// set of changes a preview applies, or memory. A one-shot build (no Memo)
// reuses data once Put returns, so a sink that keeps the bytes copies
// them; a preview's build hands over bytes the Memo keeps, and nil data
// for a page that is unchanged since the last build.
type Sink interface {
	Put(name string, data []byte) error
}

// Result summarises a finished build.
type Result struct {
	Pages    int     // in the site, generated ones included
	Warnings []error // problems that did not stop the build, each with its file and line
	loaded   content.Known
	files    int // output files made
}

// Build makes the site from src and hands every output file to out. It
// returns every problem in the sources at once, and makes nothing of the
// site's pages public unless there are none: warnings do not stop it.
// Once ctx is done it stops between pages and returns ctx's error.
func Build(ctx context.Context, src Sources, opt Options, out Sink) (*Result, error) {
	made := opt.Memo.recorder(ctx, out)
	layouts := loadLayouts(opt.Memo, src)
	loaded := opt.Memo.load(src.Content)
	set, layoutErr := layouts()
	st := newStream(set, layoutErr, opt, made.Put)
	defer st.indexed() // however the build ends, nothing is left writing
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	problems, err := loadProblems(loaded)
	if err != nil {
		return nil, err // no folder, or nothing readable
	}
	pages, drafts := loaded.Pages, map[string]*content.Page{}
	if !opt.Site.Drafts { // a preview shows drafts, each under a banner
		pages, drafts = Published(pages), draftsOf(pages)
	}
	pages, gen := addGenerated(pages)
	tree := opt.Memo.treeOf(pages, loaded.Files)
	tree.Drafts, tree.Unread = drafts, unread(src.Content, pages, loaded.Err)
	opt.Memo.reset(pages, loaded.Files)
	timelines, err := timelinesOf(pages, opt.Memo)
	problems = append(problems, err)

	st = st.start(tree, timelines, pages, gen)
	docs, err := convertAll(ctx, tree, pages, opt.Memo, st)
	if ctx.Err() != nil {
		return nil, ctx.Err() // some pages were never converted
	}
	problems = append(problems, err)
	releaseBodies(pages, opt.Memo)
	gen.replaceDocs(tree, docs, st)
	progress := st.progress(tree, docs, gen.progress, opt.Memo.progressMemo())

	problems = append(problems, checkLinks(tree, docs, opt.Memo))
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	warnings, err := verdict(problems, layoutErr, st)
	if err != nil {
		return nil, err
	}
	if gen.print != nil {
		docs[gen.print] = layout.Print(tree, docs, timelines, gen.print, opt.Memo.printMemo())
	}
	docs[gen.progress] = progress()

	if err := indexAndRender(ctx, set, tree, docs, timelines, opt, st, made); err != nil {
		return nil, err
	}
	if err := extras(set, tree, loaded.Files, src, opt.Site, st, made); err != nil {
		return nil, err
	}
	return &Result{Pages: len(tree.Order), Warnings: warnings, loaded: loaded, files: made.count()}, nil
}

// verdict parts the problems found into warnings, which do not stop the
// build, and errors, which do: every error in the content, else a broken
// layout, else a failure of the pages already written.
func verdict(problems []error, layoutErr error, st *stream) (warnings []error, err error) {
	warnings, hard := content.Warnings(errors.Join(problems...))
	if len(hard) > 0 {
		return nil, errors.Join(append(hard, warnings...)...)
	}
	if layoutErr != nil {
		return nil, layoutErr // after the content's problems: a broken layout may be why they are there
	}
	return warnings, st.err()
}

// loadLayouts parses the templates and reads the assets (or takes a
// preview's unchanged ones from memo) on a goroutine of its own, so that it overlaps the reading of the content folder, and
// returns the function that waits for the result, to be called once.
// Parsing takes 10-20 ms that every build otherwise spent on one core
// before any page was read.
func loadLayouts(memo *Memo, src Sources) func() (*layout.Set, error) {
	type loaded struct {
		set *layout.Set
		err error
	}
	done := make(chan loaded, 1) // so a build that returns early leaves nothing waiting
	go func() {
		set, err := memo.loadLayouts(src)
		done <- loaded{set, err}
	}()
	return func() (*layout.Set, error) {
		l := <-done
		return l.set, l.err
	}
}

// timelinesOf computes the waiting-time clocks of every scenario, and of
// any page with events, and draws each. They come from front matter
// alone, so they are ready for pages written as soon as they are
// converted. A preview's memo draws again only the pages whose files
// changed.
func timelinesOf(pages []*content.Page, memo *Memo) (map[*content.Page]template.HTML, error) {
	timelines := map[*content.Page]template.HTML{}
	drawn := memo.drawn()
	var errs []error
	for _, p := range pages {
		if p.Meta.Kind != content.KindScenario && len(p.Meta.Events) == 0 {
			continue
		}
		k := fileKey{p.File, p.Hash}
		if tl, ok := drawn.old[k]; ok {
			timelines[p], drawn.now[k] = tl, tl
			continue
		}
		tl, err := pathway.Compute(p.File, p.Meta)
		errs = append(errs, err)
		timelines[p] = tl.HTML()
		if err == nil && drawn.now != nil {
			drawn.now[k] = timelines[p]
		}
	}
	memo.setDrawn(drawn.now)
	return timelines, errors.Join(errs...)
}

// loadProblems are the problems load found, and the pages' names that
// are hard to type, or else an error when there is nothing to build.
func loadProblems(loaded content.Known) ([]error, error) {
	var problems []error
	if loaded.Err != nil {
		if _, hard := content.Warnings(loaded.Err); len(hard) > 0 && len(loaded.Pages) == 0 {
			return nil, loaded.Err
		}
		problems = append(problems, loaded.Err)
	}
	for _, p := range loaded.Pages {
		problems = append(problems, content.NameWarning(p))
	}
	return problems, nil
}

// Published drops drafts, which only the preview shows.
func Published(pages []*content.Page) []*content.Page {
	out := pages[:0:0]
	for _, p := range pages {
		if !p.Meta.Draft {
			out = append(out, p)
		}
	}
	return out
}

// draftsOf are the drafts by path, so links to them can say why they do
// not resolve.
func draftsOf(pages []*content.Page) map[string]*content.Page {
	drafts := map[string]*content.Page{}
	for _, p := range pages {
		if p.Meta.Draft {
			drafts[p.Path] = p
		}
	}
	return drafts
}

// checkLinks runs every check on the links between pages: each link and
// #anchor, each skills: name, each alias. A preview's memo checks again
// only the pages whose links, or the pages they lead to, changed.
func checkLinks(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, memo *Memo) error {
	return errors.Join(links.Check(tree, docs, memo.linkMemo()), links.CheckRelations(tree), links.CheckAliases(tree))
}

// index writes the search index, made from every page's text. A streaming
// build has indexed the pages as they were converted, and closes the index
// on the other core while the last pages are laid out: extras waits for it.
func index(tree *nav.Tree, docs map[*content.Page]*markdown.Doc, memo *Memo, st *stream, made *recorder) error {
	if st != nil {
		return nil
	}
	if err := search.Build(tree, docs, memo.searchMemo()).Write(made.Put); err != nil {
		return err
	}
	releaseText(docs, memo)
	return nil
}

// indexAndRender writes the search index, then lays out the pages. A
// preview does both at once, the index on a core of its own: on a
// 10,000-page site each is a third of a one-page rebuild, and the
// preview's pages are kept whole, so neither lets go of what the other
// reads. A one-shot build does them in turn, the index first, and lets
// each page's text and HTML go as soon as it is used.
func indexAndRender(ctx context.Context, set *layout.Set, tree *nav.Tree, docs map[*content.Page]*markdown.Doc,
	timelines map[*content.Page]template.HTML, opt Options, st *stream, made *recorder) error {
	if opt.Memo == nil {
		if err := index(tree, docs, opt.Memo, st, made); err != nil {
			return err
		}
		return render(ctx, set, tree, docs, timelines, opt, st, made)
	}
	indexed := make(chan error, 1)
	go func() { indexed <- index(tree, docs, opt.Memo, st, made) }()
	err := render(ctx, set, tree, docs, timelines, opt, st, made)
	return cmp.Or(<-indexed, err)
}

// extras adds every output file that is not a page: the layouts' assets,
// code colours, the sitemap, the redirects from old addresses, and the
// content folder's own files (images, downloads), which may not replace
// a file the handbook makes: so it waits for a stream's search index to be
// written first, as that makes files too.
func extras(set *layout.Set, tree *nav.Tree, files []content.File, src Sources, site layout.Site, st *stream, made *recorder) error {
	extra := maps.Clone(set.Assets)
	extra["assets/chroma.css"] = layout.Minify("chroma.css", markdown.CSS())
	if site.BaseURL != "" {
		extra["sitemap.xml"] = sitemap(site.BaseURL, tree)
	}
	for from, to := range links.Aliases(tree) {
		extra[nav.AliasFile(from)] = layout.Redirect(from, to)
	}
	for name, b := range extra {
		if err := made.Put(name, b); err != nil {
			return err
		}
	}
	if err := st.indexed(); err != nil {
		return err
	}
	var clashes []error
	for _, f := range files {
		if made.made(f.Path) {
			clashes = append(clashes, content.Errorf(filepath.Join(src.Content, filepath.FromSlash(f.Path)), 0, 0,
				"this file would replace %s, which the handbook makes itself: rename or move it", f.Path))
			continue
		}
		if err := made.sink.Put(f.Path, f.Data); err != nil {
			return err
		}
	}
	return errors.Join(clashes...)
}

// unread names the Markdown files of the content folder that load
// reported problems in and that did not become pages, by content path.
func unread(dir string, pages []*content.Page, loadErr error) map[string]string {
	out := map[string]string{}
	errs := content.Errors(loadErr)
	if len(errs) == 0 {
		return out
	}
	read := make(map[string]bool, len(pages))
	for _, p := range pages {
		read[p.File] = true
	}
	for _, e := range errs {
		var ce *content.Error
		if !errors.As(e, &ce) || read[ce.File] || !strings.EqualFold(filepath.Ext(ce.File), ".md") {
			continue
		}
		if rel, err := filepath.Rel(dir, ce.File); err == nil && !strings.HasPrefix(rel, "..") {
			out[filepath.ToSlash(rel)] = ce.File
		}
	}
	return out
}

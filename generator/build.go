package main

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"maps"
	"path/filepath"
	"strings"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/pathway"
	"ppchandbook/generator/search"
	"ppchandbook/layouts"
)

// sources names the folders a site is built from.
type sources struct {
	content, layouts string
}

// layoutFiles are the layouts of src over the ones built into the
// program, so a folder holding only content/ builds.
func (src sources) layoutFiles() layout.Files {
	return layout.Files{Dir: src.layouts, Defaults: layouts.FS}
}

// sink receives the output files as they are made, from several
// goroutines at once: a folder being filled beside public/, or the set of
// changes a preview applies. Without a docCache (a one-shot build) the
// bytes of a page are reused once put returns: a sink that keeps them
// copies them.
type sink interface {
	Put(name string, data []byte) error
}

// site summarises a finished build.
type site struct {
	pages    int
	warnings []error
	loaded   content.Known // as read, for serve to reuse next time
}

// printLimit is the largest site that gets a whole-handbook page: a
// printed handbook runs to a few hundred pages at most, and past that one
// web page holding them all is too big to open, let alone print.
const printLimit = 300

// prepared is a site loaded, converted and checked, ready to render.
type prepared struct {
	tree      *nav.Tree
	docs      map[*content.Page]*markdown.Doc
	timelines map[*content.Page]template.HTML
	files     []content.File
	warnings  []error
	loaded    content.Known // as read from the content folder, drafts included
	indexed   func() error  // waits for the search index made as pages were converted; nil to make it from docs
}

// render builds the site from src and hands every output file to out. It
// returns every problem at once; warnings do not stop the site being made.
// cache, if not nil, carries converted pages from one call to the next.
// Once ctx is done it stops between pages and returns ctx's error; the
// cache keeps only whole results, so the next call can carry on from it.
func render(ctx context.Context, src sources, cfg layout.Site, cache *docCache, out sink) (*site, error) {
	made := &recorder{ctx: ctx, sink: out, names: map[string]bool{}}
	set, layoutErr := layout.Load(src.layoutFiles())
	var early *eager
	if layoutErr == nil && cache == nil { // a preview keeps every page's HTML to reuse
		set.Release = true // nothing outlives a one-shot build
		early = newEager(set, cfg, made.Put)
		defer early.indexed() // however the build ends, nothing is left writing
	}
	p, err := prepare(ctx, src, cfg, cache, early)
	if err != nil {
		return nil, err // the content's problems first: a broken layout may be why they are there
	}
	if layoutErr != nil {
		return nil, layoutErr
	}
	if early != nil {
		if err := early.err(); err != nil {
			return nil, err
		}
		set.Done = early.written
	}
	if cache != nil {
		skipUnchanged(set, p, cache)
	}
	if err := emit(ctx, p, set, src, cfg, cache, made); err != nil {
		return nil, err
	}
	return &site{pages: len(p.tree.Order), warnings: p.warnings, loaded: p.loaded}, nil
}

// skipUnchanged lets a preview rebuild skip the pages that would render as
// they did last time, and notes what each was rendered from, to settle
// once the rebuild is on disk.
func skipUnchanged(set *layout.Set, p *prepared, cache *docCache) {
	shape := shapeOf(p.tree)
	cache.pending = make(map[string]renderKey, len(p.tree.Order))
	for _, n := range p.tree.Order {
		cache.pending[n.Page.Path] = renderKey{n.Page.Hash, p.docs[n.Page], p.timelines[n.Page], shape}
	}
	set.Skip = func(pg *content.Page) bool { return cache.unchanged(pg.Path) }
	cache.sidebars.Shape = shape
	set.Sidebars = &cache.sidebars
}

// prepare loads the pages, adds the generated ones, converts them and runs
// every check on content. With early (which may be nil), a site too large
// for a whole-handbook page has each page written as soon as it is
// converted.
func prepare(ctx context.Context, src sources, cfg layout.Site, cache *docCache, early *eager) (*prepared, error) {
	var pages []*content.Page
	var files []content.File
	var err error
	if cache != nil {
		pages, files, err = content.Update(src.content, cache.known, cache.since)
	} else {
		pages, files, err = content.Load(src.content)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	loaded := content.Known{Pages: pages, Files: files, Err: err}
	var errs []error
	if err != nil {
		if _, hard := content.Warnings(err); len(hard) > 0 && len(pages) == 0 {
			return nil, err // no folder, or nothing readable
		}
		errs = append(errs, err)
	}
	for _, p := range pages {
		errs = append(errs, content.NameWarning(p))
	}
	drafts := map[string]*content.Page{}
	if !cfg.Drafts {
		for _, p := range pages {
			if p.Meta.Draft {
				drafts[p.Path] = p
			}
		}
		pages = published(pages)
	}
	var skillsMap, printPage *content.Page
	if hasKind(pages, content.KindSkill) {
		skillsMap = layout.SkillsMapPage()
		pages = append(pages, skillsMap)
	}
	if len(pages) <= printLimit {
		printPage = layout.PrintPage()
		pages = append(pages, printPage)
	}
	progressPage := layout.ProgressPage()
	pages = append(pages, progressPage)
	tree := nav.Build(pages, files)
	tree.Drafts = drafts
	tree.Unread = unread(src.content, pages, err)
	if cache != nil {
		cache.reset(pages, files)
	}
	// Timelines come from front matter alone, so they are ready for pages
	// written as soon as they are converted.
	timelines := map[*content.Page]template.HTML{}
	for _, p := range pages {
		if p.Meta.Kind != content.KindScenario && len(p.Meta.Events) == 0 {
			continue
		}
		tl, err := pathway.Compute(p.File, p.Meta)
		errs = append(errs, err)
		timelines[p] = tl.HTML()
	}
	if early != nil && printPage == nil { // the whole-handbook page needs every page's HTML
		early.start(tree, timelines, pages, skillsMap, progressPage)
	} else {
		early = nil
	}
	docs, convErrs := convertAll(ctx, tree, pages, cache, early)
	if ctx.Err() != nil {
		return nil, ctx.Err() // some pages were never converted
	}
	errs = append(errs, convErrs)
	if cache == nil { // a one-shot build: let the sources go
		for _, p := range pages {
			p.Body = nil
		}
	}
	if skillsMap != nil {
		docs[skillsMap] = layout.SkillsMap(tree, skillsMap)
		early.made(skillsMap, docs[skillsMap])
	}
	delete(docs, printPage)
	delete(docs, progressPage)
	var memo *layout.ProgressMemo
	if cache != nil {
		memo = &cache.progress
	}
	var progressed <-chan *markdown.Doc
	if early != nil {
		// No whole-handbook page to wait for: the progress page, the last
		// page the index needs, and then the index are made on the other
		// core while the links are checked (0.15 s of a 10,000-page build
		// that otherwise ran on one core).
		progressed = early.finish(progressPage, func() *markdown.Doc {
			return layout.Progress(tree, docs, progressPage, memo)
		})
	}
	var linkMemo *links.Memo
	if cache != nil {
		linkMemo = cache.links
	}
	errs = append(errs, links.CheckWith(tree, docs, linkMemo), links.CheckRelations(tree), links.CheckAliases(tree))
	if progressed != nil {
		docs[progressPage] = <-progressed // once Progress has stopped reading docs
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	warnings, hard := content.Warnings(errors.Join(errs...))
	if len(hard) > 0 {
		return nil, errors.Join(append(hard, warnings...)...)
	}
	if printPage != nil {
		docs[printPage] = layout.Print(tree, docs, timelines, printPage)
	}
	if early == nil {
		docs[progressPage] = layout.Progress(tree, docs, progressPage, memo)
	}
	p := &prepared{tree: tree, docs: docs, timelines: timelines, files: files, warnings: warnings, loaded: loaded}
	if early != nil {
		p.indexed = early.indexed
	}
	return p, nil
}

// convertAll converts every page. The glossary goes first, so links to its
// terms elsewhere can carry the definition as a tooltip. Once ctx is done
// it converts no more pages, and leaves the rest without a Doc.
func convertAll(ctx context.Context, tree *nav.Tree, pages []*content.Page, cache *docCache, early *eager) (map[*content.Page]*markdown.Doc, error) {
	md := markdown.New(tree.Resolve)
	var glossary, others []*content.Page
	for _, p := range pages {
		if p.Meta.Kind == content.KindGlossary {
			glossary = append(glossary, p)
		} else {
			others = append(others, p)
		}
	}
	docs := convert(ctx, md, glossary, cache, early)
	md.SetDefinitions(definitions(tree, docs))
	maps.Copy(docs, convert(ctx, md, others, cache, early))
	out := make(map[*content.Page]*markdown.Doc, len(docs))
	var errs []error
	for _, p := range pages {
		out[p] = docs[p].doc
		errs = append(errs, docs[p].err)
	}
	return out, errors.Join(errs...)
}

// emit renders the pages and adds every other output file: assets, code
// colours, the search index, the content folder's own files and the
// sitemap.
func emit(ctx context.Context, p *prepared, set *layout.Set, src sources, cfg layout.Site, cache *docCache, made *recorder) error {
	// Search reads the pages' text, so it goes first and is written at
	// once; a one-shot build then drops the text, and Render drops each
	// page's HTML once written, which keeps a large site's memory falling
	// as it is written rather than held to the end.
	var memo *search.Memo
	if cache != nil {
		memo = cache.search
	}
	if p.indexed != nil {
		if err := p.indexed(); err != nil {
			return err
		}
	} else if err := search.BuildWith(p.tree, p.docs, memo).Write(made.Put); err != nil {
		return err
	}
	if cache == nil {
		for _, doc := range p.docs {
			if doc != nil {
				doc.Text = nil
			}
		}
	}
	if err := set.Render(ctx, p.tree, p.docs, p.timelines, cfg, made.Put); err != nil {
		return err
	}
	extra := maps.Clone(set.Assets)
	extra["assets/chroma.css"] = layout.Minify("chroma.css", markdown.CSS())
	if cfg.BaseURL != "" {
		extra["sitemap.xml"] = sitemap(cfg.BaseURL, p.tree)
	}
	for from, to := range links.Aliases(p.tree) {
		extra[from+"index.html"] = layout.Redirect(from, to)
	}
	for name, b := range extra {
		if err := made.Put(name, b); err != nil {
			return err
		}
	}
	var clashes []error
	for _, f := range p.files {
		if made.names[f.Path] {
			clashes = append(clashes, content.Errorf(filepath.Join(src.content, filepath.FromSlash(f.Path)), 0, 0,
				"this file would replace %s, which the handbook makes itself: rename or move it", f.Path))
			continue
		}
		if err := made.sink.Put(f.Path, f.Data); err != nil {
			return err
		}
	}
	return errors.Join(clashes...)
}

// memory is a sink that keeps the files, for checks and tests.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemory() *memory { return &memory{files: map[string][]byte{}} }

func (m *memory) Put(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data) // a one-shot build reuses data once put returns
	return nil
}

// discard is a sink for checking a site without keeping it.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// recorder passes files on to a sink and notes their names. Once ctx is
// done it refuses every file, which stops whatever is making them.
type recorder struct {
	ctx context.Context
	sink
	mu    sync.Mutex
	names map[string]bool
}

func (r *recorder) Put(name string, data []byte) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	r.names[name] = true
	r.mu.Unlock()
	return r.sink.Put(name, data)
}

// unread names the Markdown files of the content folder that load
// reported problems in and that did not become pages, by content path.
func unread(dir string, pages []*content.Page, loadErr error) map[string]string {
	read := map[string]bool{}
	for _, p := range pages {
		read[p.File] = true
	}
	out := map[string]string{}
	for _, e := range content.Errors(loadErr) {
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

// published drops drafts, which only the preview shows.
func published(pages []*content.Page) []*content.Page {
	out := pages[:0:0]
	for _, p := range pages {
		if !p.Meta.Draft {
			out = append(out, p)
		}
	}
	return out
}

// definitions finds the definition of the glossary term a link names.
func definitions(tree *nav.Tree, docs map[*content.Page]converted) markdown.Definitions {
	return func(from *content.Page, dest string) (string, bool) {
		t, err := nav.ParseTarget(from.Dir(), dest)
		if err != nil || t.Fragment == "" || t.External {
			return "", false
		}
		n := tree.Find(t)
		if n == nil || n.Page.Meta.Kind != content.KindGlossary || docs[n.Page].doc == nil {
			return "", false
		}
		def := docs[n.Page].doc.Terms[t.Fragment]
		return def, def != ""
	}
}

func hasKind(pages []*content.Page, k content.Kind) bool {
	for _, p := range pages {
		if p.Meta.Kind == k {
			return true
		}
	}
	return false
}

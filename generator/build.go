package main

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/links"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
	"ppchandbook/generator/pathway"
	"ppchandbook/generator/search"
)

// sources names the folders a site is built from.
type sources struct {
	content, layouts string
}

// site is a complete rendered handbook, held in memory until written.
type site struct {
	files    map[string][]byte // by slash path in the output folder
	pages    int
	warnings []error
}

// render turns the sources into a complete site in memory. It returns
// every problem at once; warnings do not stop the site being made. cache,
// if not nil, carries converted pages from one call to the next.
func render(src sources, cfg layout.Site, cache *docCache) (*site, error) {
	pages, files, err := content.Load(src.content)
	var errs []error
	if err != nil {
		if _, hard := content.Warnings(err); len(hard) > 0 && len(pages) == 0 {
			return nil, err // no folder, or nothing readable
		}
		errs = append(errs, err)
	}
	pages = published(pages)
	var skillsMap *content.Page
	if hasKind(pages, content.KindSkill) {
		skillsMap = layout.SkillsMapPage()
		pages = append(pages, skillsMap)
	}
	printPage, progressPage := layout.PrintPage(), layout.ProgressPage()
	pages = append(pages, printPage, progressPage)
	tree := nav.Build(pages, files)
	md := markdown.New(tree.Resolve)
	if cache != nil {
		cache.reset(pages, files)
	}
	// The glossary is converted first, so links to its terms elsewhere can
	// carry the definition as a tooltip.
	var glossary, others []*content.Page
	for _, p := range pages {
		if p.Meta.Kind == content.KindGlossary {
			glossary = append(glossary, p)
		} else {
			others = append(others, p)
		}
	}
	docs := convert(md, glossary, cache)
	md.SetDefinitions(definitions(tree, docs))
	maps.Copy(docs, convert(md, others, cache))
	if skillsMap != nil {
		docs[skillsMap] = converted{doc: layout.SkillsMap(tree, skillsMap)}
	}
	delete(docs, printPage)
	delete(docs, progressPage)
	for _, p := range pages {
		if docs[p].err != nil {
			errs = append(errs, docs[p].err)
		}
	}
	byPage := make(map[*content.Page]*markdown.Doc, len(docs))
	for p, r := range docs {
		byPage[p] = r.doc
	}
	errs = append(errs, links.Check(tree, byPage), links.CheckRelations(tree))
	timelines := map[*content.Page]template.HTML{}
	for _, p := range pages {
		if p.Meta.Kind != content.KindScenario && len(p.Meta.Events) == 0 {
			continue
		}
		tl, err := pathway.Compute(p.File, p.Meta)
		errs = append(errs, err)
		timelines[p] = tl.HTML()
	}
	warnings, hard := content.Warnings(errors.Join(errs...))
	if len(hard) > 0 {
		return nil, errors.Join(append(hard, warnings...)...)
	}
	byPage[printPage] = layout.Print(tree, byPage, printPage)
	byPage[progressPage] = layout.Progress(tree, byPage, progressPage)
	set, err := layout.Load(src.layouts)
	if err != nil {
		return nil, err
	}
	out, err := set.Render(tree, byPage, timelines, cfg)
	if err != nil {
		return nil, err
	}
	for name, b := range set.Assets {
		out[name] = b
	}
	out["assets/chroma.css"] = markdown.CSS()
	maps.Copy(out, search.Build(tree, byPage).Files())
	var clashes []error
	for _, f := range files {
		if _, taken := out[f.Path]; taken {
			clashes = append(clashes, content.Errorf(filepath.Join(src.content, filepath.FromSlash(f.Path)), 0, 0,
				"this file would replace %s, which the handbook makes itself: rename or move it", f.Path))
			continue
		}
		out[f.Path] = f.Data
	}
	if len(clashes) > 0 {
		return nil, errors.Join(clashes...)
	}
	if cfg.BaseURL != "" {
		out["sitemap.xml"] = sitemap(cfg.BaseURL, tree)
	}
	return &site{files: out, pages: len(tree.Order), warnings: warnings}, nil
}

// published drops drafts: they are previewed by removing draft: true.
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

// checkOut refuses output folders whose replacement would destroy sources:
// the content or layouts folder, a folder holding them, the repository
// root, the filesystem root or the home folder.
func checkOut(out string, src sources) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("the output folder %q is not a usable path: %v", out, err)
	}
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to write the site to %q: it is the root of the file system", out)
	}
	if home, err := os.UserHomeDir(); err == nil && abs == home {
		return fmt.Errorf("refusing to write the site to %q: it is your home folder", out)
	}
	for _, keep := range []string{src.content, src.layouts} {
		k, err := filepath.Abs(keep)
		if err != nil {
			continue
		}
		if k == abs || strings.HasPrefix(k, abs+string(filepath.Separator)) {
			return fmt.Errorf("refusing to write the site to %q: it would replace %q; choose another -out folder", out, keep)
		}
	}
	if _, err := os.Stat(filepath.Join(abs, "go.mod")); err == nil {
		return fmt.Errorf("refusing to write the site to %q: it holds go.mod, so it looks like the project folder", out)
	}
	return nil
}

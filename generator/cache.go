package main

import (
	"crypto/sha256"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// docCache keeps converted pages between rebuilds during serve, so an edit
// to one page converts one page. A Doc depends only on its page's bytes and
// on which pages and files exist (links are resolved against them), so the
// cache is emptied whenever that set changes, or the glossary does. This is the memo of pure
// results STYLE.md asks for instead of dependency tracking.
type docCache struct {
	mu   sync.Mutex
	site [32]byte // hash of every page and file path
	docs map[cacheKey]*markdown.Doc
}

type cacheKey struct {
	path string
	hash [32]byte
}

func newDocCache() *docCache { return &docCache{docs: map[cacheKey]*markdown.Doc{}} }

// reset empties the cache if the set of pages and files has changed.
func (c *docCache) reset(pages []*content.Page, files []content.File) {
	h := sha256.New()
	for _, p := range pages {
		h.Write([]byte(p.Path + "\x00"))
		if p.Meta.Kind == content.KindGlossary {
			h.Write(p.Hash[:]) // its definitions are in other pages' tooltips
		}
	}
	h.Write([]byte{1})
	for _, f := range files {
		h.Write([]byte(f.Path + "\x00"))
	}
	var site [32]byte
	copy(site[:], h.Sum(nil))
	c.mu.Lock()
	defer c.mu.Unlock()
	if site != c.site {
		c.site = site
		c.docs = map[cacheKey]*markdown.Doc{}
	}
}

func (c *docCache) get(p *content.Page) *markdown.Doc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[cacheKey{p.Path, p.Hash}]
}

func (c *docCache) put(p *content.Page, doc *markdown.Doc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[cacheKey{p.Path, p.Hash}] = doc
}

func hashOf(b []byte) [32]byte { return sha256.Sum256(b) }

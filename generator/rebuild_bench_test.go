package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"ppchandbook/generator/internal/corpus"
	"ppchandbook/generator/site"
)

// corpusPages sizes the generated handbook BenchmarkRebuild edits; the
// per-stage benchmarks of package site take the same flag.
var corpusPages = flag.Int("corpus-pages", 2000, "pages in the generated corpus of the benchmarks")

// BenchmarkRebuild is one serve rebuild after a one-page edit: the work an
// educator waits for between saving and seeing the page.
func BenchmarkRebuild(b *testing.B) {
	dir := b.TempDir()
	content := filepath.Join(dir, "content")
	if err := corpus.Write(content, *corpusPages, 1); err != nil {
		b.Fatal(err)
	}
	s := newServer(site.Sources{Content: content, Layouts: handbook.Layouts}, filepath.Join(dir, "public"), io.Discard, io.Discard)
	s.rebuild(b.Context(), nil)
	page := firstMarkdown(b, content)
	original, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(page, fmt.Appendf(original, "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		s.rebuild(b.Context(), []string{page})
	}
}

func firstMarkdown(b testing.TB, dir string) string {
	b.Helper()
	var found string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && !d.IsDir() && filepath.Ext(p) == ".md" && filepath.Base(p) != "_index.md" {
			found = p
		}
		return nil
	})
	return found
}

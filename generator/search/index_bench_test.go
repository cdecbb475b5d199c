package search

import (
	"testing"

	"ppchandbook/generator/internal/corpus"
)

// BenchmarkIndex is splitting pages into words and numbering their terms,
// with a fresh dictionary each time as a one-shot build has: the handbook
// (real prose) and 1,000 pages of the generated corpus the bench builds.
func BenchmarkIndex(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	for _, site := range []struct{ name, dir string }{{"handbook", "../../content"}, {"corpus 1000", dir}} {
		tree, docs := loadDir(b, site.dir)
		b.Run(site.name, func(b *testing.B) {
			for b.Loop() {
				d := newDictionary()
				for _, n := range tree.Order {
					indexPage(d, 0, n.Page, docs[n.Page])
				}
			}
		})
	}
}

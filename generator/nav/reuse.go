package nav

import (
	"slices"

	"ppchandbook/generator/content"
)

// Reuse makes t the tree of pages and files, as Build would make it, when
// each page takes the place of the page at the same position in the list
// t was made from: the same path, address, file, section, weight, title,
// kind and skills, which are all that Build reads of a page. It then puts
// each new page into its node and reports true; otherwise it leaves t as
// it was and reports false. A preview builds the tree again after every
// save, and an edit seldom moves a page: on a 10,000-page site building
// it was a tenth of a one-page rebuild. The caller sets Drafts and Unread
// afresh, as after Build.
func (t *Tree) Reuse(pages []*content.Page, files []content.File) bool {
	if len(pages) != len(t.pages) || len(files) != len(t.files) {
		return false
	}
	for _, f := range files {
		if !t.files[f.Path] {
			return false
		}
	}
	var moved []int
	for i, p := range pages {
		old := t.pages[i]
		if p == old {
			continue
		}
		if !samePlace(old, p) || t.byPage[old] == nil || t.byPage[p] != nil {
			return false
		}
		moved = append(moved, i)
	}
	for _, i := range moved {
		old, p := t.pages[i], pages[i]
		n := t.byPage[old]
		delete(t.byPage, old)
		n.Page = p
		t.byPage[p] = n
		t.pages[i] = p
	}
	return true
}

// samePlace reports whether b would take a's place in the tree.
func samePlace(a, b *content.Page) bool {
	return a.Path == b.Path && a.URL == b.URL && a.File == b.File && a.Section == b.Section &&
		a.Meta.Weight == b.Meta.Weight && a.Meta.Title == b.Meta.Title && a.Meta.Kind == b.Meta.Kind &&
		slices.Equal(a.Meta.Skills, b.Meta.Skills)
}

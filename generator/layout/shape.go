package layout

import (
	"crypto/sha256"
	"strconv"

	"ppchandbook/generator/nav"
)

// Shape hashes everything a page shows of the other pages of tree: in
// its sidebar, breadcrumbs, previous and next links, a section's list of
// its pages, and a skill's or scenario's links to the others (data, in
// render.go, reads these and nothing else of another page). Two trees
// with the same Shape render each page the same, given the same page, so
// a preview need not lay out again a page whose own inputs are unchanged.
// A field data starts to read of other pages belongs here too;
// TestShapeCoversData fails until it is.
func Shape(tree *nav.Tree) [32]byte {
	h := sha256.New()
	var b []byte
	for _, n := range tree.Order {
		m := &n.Page.Meta // not a copy: Meta is large, and this runs for every page on every preview rebuild
		b = b[:0]
		for _, s := range []string{n.Page.Path, n.Page.URL, m.Title, m.Description, string(m.Kind)} {
			b = append(append(b, s...), 0)
		}
		b = strconv.AppendInt(b, int64(m.Weight), 10)
		for _, s := range m.Skills {
			b = append(append(b, 0), s...)
		}
		b = append(b, 1)
		b = strconv.AppendInt(b, int64(len(n.Children)), 10)
		h.Write(append(b, 2))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

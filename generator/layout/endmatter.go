package layout

import (
	"net/url"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// endMatterWeight is the weight from which a page at the top level is end
// matter: something a trainee uses or an editor needs rather than a
// chapter to read, such as "Editing this handbook", the progress page and
// the whole handbook on one page. End matter is left out of the reading
// order (no Previous and Next) and of the home page's cards, and is linked
// from the foot of every page and the end of the contents instead.
const endMatterWeight = 1000

// endMatter reports whether n is end matter.
func endMatter(n *nav.Node) bool {
	return n.Parent != nil && n.Parent.Parent == nil && n.Page.Meta.Weight >= endMatterWeight
}

// neighbours are n's previous and next pages in the reading order, past
// any end matter; none for end matter itself.
func neighbours(tree *nav.Tree, n *nav.Node) (prev, next *nav.Node) {
	if endMatter(n) {
		return nil, nil
	}
	for m := tree.Prev(n); m != nil; m = tree.Prev(m) {
		if !endMatter(m) {
			prev = m
			break
		}
	}
	for m := tree.Next(n); m != nil; m = tree.Next(m) {
		if !endMatter(m) {
			next = m
			break
		}
	}
	return prev, next
}

// endMatterLinks links from page (nil for the 404 page, whose links start
// at root) to each end matter page.
func endMatterLinks(tree *nav.Tree, page *content.Page, root string) []Link {
	var links []Link
	for _, c := range tree.Root.Children {
		if !endMatter(c) {
			continue
		}
		href := root + nav.FileOf(c.Page)
		if page != nil {
			href = nav.Href(page, c.Page)
		}
		links = append(links, Link{Title: c.Page.Meta.Title, Href: href, Kind: string(c.Page.Meta.Kind)})
	}
	return links
}

// glossaryOf is the glossary page, if the handbook has one.
func glossaryOf(tree *nav.Tree) *nav.Node {
	for _, c := range tree.Root.Children {
		if c.Page.Meta.Kind == content.KindGlossary {
			return c
		}
	}
	return nil
}

// sitePath is the path of the site's root on its server, from the address
// it is published at: "/" unless -base-url names a sub-path such as
// https://example.org/ppc/. The 404 page, which a server sends for a
// missing page at any depth, writes its links from there.
func sitePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

package links

import (
	"errors"
	"fmt"
	"strconv"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// CheckAliases checks each page's aliases: each must be an address that
// no page has now, and no other page's alias, since its redirect page is
// written there.
func CheckAliases(tree *nav.Tree) error {
	taken := map[string]*content.Page{} // address → the page whose alias it is
	var errs []error
	for _, n := range tree.Order {
		m := n.Page.Meta
		for i, a := range m.Aliases {
			key := "aliases." + strconv.Itoa(i)
			if m.Rejected(key) {
				continue
			}
			fail := func(format string, args ...any) {
				errs = append(errs, content.Errorf(n.Page.File, m.Lines[key], 0, "aliases: %q: %s", a, fmt.Sprintf(format, args...)))
			}
			u, err := nav.AliasURL(a)
			switch {
			case err != nil:
				fail("%v", err)
			case tree.Find(nav.Target{Path: u, Dir: true}) != nil:
				fail("this is still the address of %s, so no redirect can go there: remove the alias, or rename that page", tree.Find(nav.Target{Path: u, Dir: true}).Page.File)
			case taken[u] != nil && taken[u] != n.Page:
				fail("%s has the same alias: keep it on one page", taken[u].File)
			default:
				taken[u] = n.Page
			}
		}
	}
	return errors.Join(errs...)
}

// Aliases lists every page's alias addresses, with the page each leads
// to, for the redirect pages. Call it once CheckAliases has passed.
func Aliases(tree *nav.Tree) map[string]*content.Page {
	out := map[string]*content.Page{}
	for _, n := range tree.Order {
		for _, a := range n.Page.Meta.Aliases {
			if u, err := nav.AliasURL(a); err == nil {
				out[u] = n.Page
			}
		}
	}
	return out
}

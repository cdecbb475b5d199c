package site

import (
	"bytes"
	"encoding/xml"
	"strings"

	"ppchandbook/generator/nav"
)

// sitemap lists every page's absolute clean URL for search engines. It is
// made only when the published address is known (-base-url).
func sitemap(base string, tree *nav.Tree) []byte {
	base = strings.TrimSuffix(base, "/") + "/"
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, n := range tree.Order {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(base+n.Page.URL))
		b.WriteString("</loc>")
		if d := n.Page.Meta.Reviewed; !d.IsZero() {
			b.WriteString("<lastmod>" + d.ISO() + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

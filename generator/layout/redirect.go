package layout

import (
	"html/template"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// redirect is the page left at a page's old address (an alias). The meta
// refresh moves browsers on at once, from a web server or a file share;
// the canonical link tells search engines where the page now is; and the
// plain link is for a browser that refreshes nothing, or a screen reader
// that announces the page first.
var redirect = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{.Title}} has moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.Href}}">
<meta http-equiv="refresh" content="0; url={{.Href}}">
</head>
<body>
<p>This page has moved to <a href="{{.Href}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// Redirect is the redirect page for the old address from (a URL such as
// "skills/empathy/") to page to, linking relatively so it works wherever
// the site is put.
func Redirect(from string, to *content.Page) []byte {
	var b strings.Builder
	href := strings.Repeat("../", strings.Count(from, "/")) + nav.FileOf(to)
	redirect.Execute(&b, struct{ Title, Href string }{to.Meta.Title, href}) // the fixed template cannot fail on two strings
	return []byte(b.String())
}

package corpus

import (
	"os"
	"path/filepath"
	"strings"
)

// hugoFiles is a minimal Hugo site: one frame and one template each for
// pages and lists, and only the page kinds the generator also makes, so
// the comparison is of the same work.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "https://example.org/handbook/"
languageCode = "en-gb"
title = "Synthetic handbook"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[markup.highlight]
  noClasses = false
`,
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}"></head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

// WriteHugo writes the corpus that Write makes, as a Hugo site in dir:
// hugo.toml, layouts/ and content/. The Markdown bodies are the same; the
// links are the relative URLs Hugo serves the target pages at, since Hugo
// does not rewrite links to .md files.
func WriteHugo(dir string, n int, seed int64) error {
	pages, err := plan(n, seed)
	if err != nil {
		return err
	}
	for name, text := range hugoFiles {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return writePages(filepath.Join(dir, "content"), pages, func(p *page) string {
		return frontMatter(p, seed, true) + body(pages, p, seed, hugoDest)
	})
}

// hugoDest links to the URL Hugo gives the target, relative to the URL of
// from: content/a/b.md is served at a/b/, content/a/_index.md at a/.
func hugoDest(from *page, l link) string {
	d := strings.Repeat("../", strings.Count(hugoURL(from), "/")) + hugoURL(l.to)
	if d == "" {
		d = "./"
	}
	if l.anchor != "" {
		d += "#" + l.anchor
	}
	return d
}

func hugoURL(p *page) string {
	u := strings.TrimSuffix(strings.TrimSuffix(p.path, ".md"), "_index")
	if u != "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

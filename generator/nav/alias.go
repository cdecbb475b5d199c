package nav

import (
	"errors"
	"path"
	"strings"
)

// AliasURL is the address an entry of a page's aliases: leaves a redirect
// at: the page's old file name, as rename writes it ("skills/empathy.md"),
// or its old address, as Hugo's aliases are written ("/skills/empathy/").
func AliasURL(alias string) (string, error) {
	a := strings.TrimSpace(alias)
	if _, ok := schemeOf(a); ok || strings.HasPrefix(a, "//") {
		return "", errors.New("it is a web address: write the page's old file name in the content folder, as skills/old-name.md")
	}
	a = strings.ReplaceAll(a, `\`, "/")
	a = path.Clean("/" + a)
	if a == "/" {
		return "", errors.New("it is the home page's address: write the page's old file name in the content folder, as skills/old-name.md")
	}
	a = strings.TrimPrefix(a, "/")
	if strings.HasSuffix(strings.ToLower(a), ".md") {
		dir, name := path.Split(a[:len(a)-len(".md")])
		if name == "index" || name == "_index" {
			if dir == "" {
				return "", errors.New("it is the home page: write the page's old file name in the content folder, as skills/old-name.md")
			}
			return dir, nil
		}
		return dir + name + "/", nil
	}
	if strings.HasSuffix(a, ".html") && path.Base(a) != "index.html" {
		return a, nil // an old page's file, as Jekyll's redirect_from has it: the redirect goes there
	}
	a = strings.TrimSuffix(strings.TrimSuffix(a, "index.html"), "/")
	if a == "" {
		return "", errors.New("it is the home page's address: write the page's old file name in the content folder, as skills/old-name.md")
	}
	return a + "/", nil
}

// AliasFile is the file the redirect for alias address u (from AliasURL)
// is written to: the address itself if it names a file, else its
// index.html.
func AliasFile(u string) string {
	if strings.HasSuffix(u, ".html") {
		return u
	}
	return u + "index.html"
}

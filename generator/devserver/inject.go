package devserver

import (
	_ "embed"
	"html"
	"net/http"
	"strconv"
)

// The client side of live reload, served at reserved+"reload.js" as one
// script: swap.js, which swaps a new version of the page in place, then
// reload.js, which listens for changes and decides what to do. Both run
// inside one function, so that swap.js's one name stays out of the page's
// own global names.
var (
	//go:embed swap.js
	swapJS string
	//go:embed reload.js
	reloadJS string

	clientJS = "(function () {\n" + swapJS + "\n" + reloadJS + "\n})();\n"
)

// inject returns a copy of an HTML page with the reload script tag added
// before its last "</body" (any case), or at the end when there is none;
// browsers run a script after the end of the document all the same. The
// last one is used because an earlier one may sit inside a script's string.
// file is the page's name in the site directory, handed to the script in
// data-file so that it can tell whether a rebuild changed its own page, and
// ver is the page's version, in data-version when there is one, so that
// the script can tell whether the page it is on is still the latest.
func inject(page []byte, file, ver string) []byte {
	tag := `<script src="` + reserved + `reload.js" data-file="` + html.EscapeString(file) + `"`
	if ver != "" {
		tag += ` data-version="` + html.EscapeString(ver) + `"`
	}
	tag += `></script>`
	at := lastIndexFoldASCII(page, "</body")
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// lastIndexFoldASCII returns the index of the last match of the lower-case
// ASCII pattern in b, ignoring ASCII case, or -1. Unlike bytes.ToLower it
// never changes lengths, so the index is valid in b whatever else b holds.
func lastIndexFoldASCII(b []byte, pattern string) int {
	for i := len(b) - len(pattern); i >= 0; i-- {
		match := true
		for j := 0; j < len(pattern); j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != pattern[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// serveScript sends the reload client.
func serveScript(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(clientJS)))
	if r.Method != http.MethodHead {
		w.Write([]byte(clientJS))
	}
}

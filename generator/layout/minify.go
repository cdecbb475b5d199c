package layout

import (
	"bytes"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// Minify shrinks a stylesheet or script for a trainee on a slow
// connection; the sources in layouts/ keep their comments for the people
// who edit them. Anything it cannot read is left exactly as it was.
func Minify(name string, b []byte) []byte {
	m := minify.New()
	m.AddFunc("css", css.Minify)
	m.AddFunc("js", js.Minify)
	kind := map[string]string{".css": "css", ".js": "js"}[path.Ext(name)]
	if kind == "" {
		return b
	}
	var out bytes.Buffer
	if err := m.Minify(kind, &out, bytes.NewReader(b)); err != nil {
		return b
	}
	return out.Bytes()
}

package markdown

import (
	"bytes"
	"html"
	"strings"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// unsafeLink reports whether dest has a scheme that runs code
// (javascript:, vbscript:, data:, file:), the links the link checker warns
// are not published; only a destination with a colon before any "/", "?"
// or "#" can have a scheme, which spares the rest nav's parsing.
func unsafeLink(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 || strings.ContainsAny(dest[:i], "/?#") {
		return false
	}
	t, _ := nav.ParseTarget("", dest)
	return t.Unsafe
}

// unsafeAttr reports whether an attribute value, as written in HTML, is
// an address unsafeLink refuses once a browser has read it: entities
// decoded, tabs and newlines dropped and leading spaces and controls
// trimmed, as a URL parser does.
func unsafeAttr(v string) bool {
	v = html.UnescapeString(v)
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	return unsafeLink(strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' }))
}

// urlAttrs are the attributes whose value a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "xlink:href": true, "action": true, "formaction": true,
	"poster": true, "data": true, "cite": true, "background": true}

// rawText are the elements whose content is text, not markup, up to their
// end tag.
var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true}

// defused is one attribute defuse emptied, as written.
type defused struct {
	name, value string // value without its quotes
}

// defuse empties each URL attribute in a raw_html page's HTML whose value
// unsafeLink refuses, so raw HTML keeps the promise the link checker makes
// for Markdown links. It reads tags as a browser's tokenizer does, closely
// enough for HTML an educator writes: comments, bogus comments and the
// content of raw text elements are skipped, quoted values are not read as
// markup. The page's raw HTML may hold a script anyway; this is about a
// pasted link not running code unannounced, not about hostile authors.
func defuse(s string) (string, []defused) {
	var b strings.Builder
	var found []defused
	copied := 0 // s[:copied] is in b
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			i += commentLen(rest)
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?") || strings.HasPrefix(rest, "</") && (len(rest) < 3 || !isLetter(rest[2])):
			if k := strings.IndexByte(rest, '>'); k >= 0 {
				i += k + 1
			} else {
				i = len(s)
			}
		case len(rest) > 1 && isLetter(rest[1]) || strings.HasPrefix(rest, "</"):
			end, name, attrs := readTag(s, i)
			for _, a := range attrs {
				if !urlAttrs[strings.ToLower(s[a.name:a.nameEnd])] || !unsafeAttr(s[a.value:a.valueEnd]) {
					continue
				}
				found = append(found, defused{name: s[a.name:a.nameEnd], value: s[a.value:a.valueEnd]})
				b.WriteString(s[copied:a.name])
				b.WriteString(s[a.name:a.nameEnd])
				b.WriteString(`=""`)
				copied = a.end
			}
			i = end
			if name == "plaintext" {
				i = len(s)
			} else if rawText[name] {
				i = rawTextEnd(s, i, name)
			}
		default:
			i++
		}
	}
	if found == nil {
		return s, nil
	}
	b.WriteString(s[copied:])
	return b.String(), found
}

// commentLen is the length of the comment that starts s ("<!--"),
// ending as a browser ends it.
func commentLen(s string) int {
	if strings.HasPrefix(s, "<!-->") {
		return 5
	}
	if strings.HasPrefix(s, "<!--->") {
		return 6
	}
	for i := 4; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "-->") {
			return i + 3
		}
		if strings.HasPrefix(s[i:], "--!>") {
			return i + 4
		}
	}
	return len(s)
}

// attrSpan locates one attribute in a tag by offsets into the HTML.
type attrSpan struct {
	name, nameEnd, value, valueEnd, end int // value without quotes; end after the closing quote
}

// readTag reads the start or end tag at s[i] ("<" then a letter, or "</"
// then a letter), returning the offset after it, its lower-case name (""
// for an end tag, which opens nothing) and its attributes.
func readTag(s string, i int) (end int, name string, attrs []attrSpan) {
	closing := strings.HasPrefix(s[i:], "</")
	i++
	if closing {
		i++
	}
	start := i
	for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	if !closing {
		name = strings.ToLower(s[start:i])
	}
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' {
			return i + 1, name, attrs
		}
		a := readAttr(s, i)
		attrs = append(attrs, a)
		i = a.end
	}
	return len(s), name, attrs
}

// readAttr reads the attribute whose name starts at s[i], with its value
// if it has one.
func readAttr(s string, i int) attrSpan {
	a := attrSpan{name: i}
	i++ // a first "=" belongs to the name
	for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
		i++
	}
	a.nameEnd = i
	k := i
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	if k >= len(s) || s[k] != '=' {
		a.value, a.valueEnd, a.end = i, i, i
		return a
	}
	k++
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	switch {
	case k < len(s) && (s[k] == '"' || s[k] == '\''):
		a.value = k + 1
		q := strings.IndexByte(s[k+1:], s[k])
		if q < 0 {
			a.valueEnd, a.end = len(s), len(s)
		} else {
			a.valueEnd, a.end = k+1+q, k+2+q
		}
	default:
		a.value = k
		for k < len(s) && !isSpace(s[k]) && s[k] != '>' {
			k++
		}
		a.valueEnd, a.end = k, k
	}
	return a
}

// rawTextEnd is where markup starts again after the content of raw text
// element name, which begins at s[i]: at its end tag.
func rawTextEnd(s string, i int, name string) int {
	for {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		k := i + j + 2
		if len(s) >= k+len(name) && strings.EqualFold(s[k:k+len(name)], name) &&
			(len(s) == k+len(name) || isSpace(s[k+len(name)]) || s[k+len(name)] == '/' || s[k+len(name)] == '>') {
			return i + j
		}
		i = k
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// defuseRaw applies defuse to a raw_html page's HTML and warns of each
// attribute it emptied, where its value is written (the first place not
// yet matched), or at the body's first line if goldmark wrote the value
// (an autolink escapes it).
func (w *walker) defuseRaw(html string) string {
	out, found := defuse(html)
	from := 0
	for _, d := range found {
		line, col := w.page.Line, 0
		if k := bytes.Index(w.src[from:], []byte(d.value)); k >= 0 {
			line, col = w.lines.at(w.src, from+k)
			from += k + len(d.value)
		}
		w.errs = append(w.errs, content.Warnf(w.page.File, line, col,
			"raw HTML: %s=%q: this kind of link can run code, so it is not published as a link", d.name, d.value))
	}
	return out
}

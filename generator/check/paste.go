package check

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"ppchandbook/generator/content"
)

// Text pasted from a word processor or a web page can look right in the
// editor and still not be the Markdown it seems: a non-breaking space
// after "##" or "1." makes a heading or a list item plain text, and a link
// whose address has a space is shown as typed. Paste finds them.

// nbspMark is a heading or list marker followed by a non-breaking space
// (U+00A0, or U+202F, the narrow one).
var nbspMark = regexp.MustCompile(`^ {0,3}(#{1,6}|\d{1,9}[.)]|[-*+])[\x{00A0}\x{202F}]`)

// spacedLink is a link written with a space in its address, which
// Markdown does not read as a link: [text](my file.md). A space before a
// quoted title ([text](page.md "title")) is allowed.
var spacedLink = regexp.MustCompile(`\[([^\]]+)\]\(([^)<>"'\s]+(?: +[^)<>"'\s(][^)<>"']*)+)\)`)

// Paste warns of paste damage in each page's Markdown, with the fix.
func Paste(pages []*content.Page) error {
	var errs []error
	for _, p := range pages {
		fence := ""
		for i, line := range bytes.Split(p.Body, []byte("\n")) {
			s := string(line)
			if f := fenceOf(s); f != "" {
				switch {
				case fence == "":
					fence = f
				case strings.HasPrefix(strings.TrimSpace(s), fence):
					fence = ""
				}
				continue
			}
			if fence != "" {
				continue
			}
			n := p.Line + i
			if m := nbspMark.FindStringSubmatch(s); m != nil {
				what := "list item"
				if strings.HasPrefix(m[1], "#") {
					what = "heading"
				}
				errs = append(errs, warnf(p.File, n, 0,
					"replace the space after "+m[1]+" with an ordinary space (delete it and type it again)",
					"%q is followed by a non-breaking space, so this line is shown as text, not as a %s", m[1], what))
			}
			for _, m := range spacedLink.FindAllStringSubmatch(s, -1) {
				errs = append(errs, warnf(p.File, n, 0,
					"write the address in angle brackets, ["+m[1]+"](<"+m[2]+">), or rename the file without spaces",
					"[%s](%s) is shown as typed, not as a link, because the address has a space in it", m[1], m[2]))
			}
		}
	}
	return errors.Join(errs...)
}

// fenceOf is the fence a line opens or closes a code block with ("```",
// "~~~~"), or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return ""
	}
	for _, c := range []string{"`", "~"} {
		n := len(t) - len(strings.TrimLeft(t, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}

package content

import (
	"fmt"
	"strconv"
	"strings"
)

// plainYAML puts the YAML library's message about front matter text into
// words an educator can act on, at the line to change, for the mistakes
// people make: a colon inside a value, a quote never closed, an entry of
// a list out of line, a tab. line is where the library placed the problem,
// which for the last three is often some lines away. Anything else keeps
// the library's words.
func plainYAML(text []byte, line int, msg string) (int, string) {
	lines := strings.Split(string(text), "\n")
	at := func(n int) string {
		if n >= 1 && n <= len(lines) {
			return lines[n-1]
		}
		return ""
	}
	if n := tabIndented(lines, line); n > 0 {
		return n, "a tab is used to indent this line: use spaces instead"
	}
	if strings.Contains(msg, "end of stream") || strings.Contains(msg, "could not find end character") {
		if n, q := unclosedQuote(lines); n > 0 {
			return n, fmt.Sprintf("the value starts with %s but never ends with one: add %s at the end of the value", q, q)
		}
	}
	if n, key, above := misaligned(lines); n > 0 {
		if strings.HasPrefix(strings.TrimSpace(at(n)), "-") {
			return n, `this "- " entry does not line up with the one above it: in a list such as sources:, each entry starts with "- " at the same place, using spaces`
		}
		return n, fmt.Sprintf("%q does not line up with %q above it: in a list such as sources:, each entry starts with \"- \" and the entry's other keys go under its first key, using spaces", key+":", above+":")
	}
	if strings.Contains(msg, "mapping values are not allowed") {
		key, value, ok := strings.Cut(at(line), ": ")
		if ok && strings.Contains(value, ": ") && !strings.HasPrefix(strings.TrimSpace(value), `"`) {
			return line, fmt.Sprintf("the value has a colon in it, which YAML reads as the start of another key: put the value in double quotes, as in %s: %s",
				strings.TrimSpace(key), strconv.Quote(strings.TrimSpace(value)))
		}
	}
	return line, "not valid YAML: " + msg
}

// tabIndented is the line that a tab indents, the reported line first.
func tabIndented(lines []string, reported int) int {
	indentTab := func(l string) bool {
		return strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t")
	}
	if reported >= 1 && reported <= len(lines) && indentTab(lines[reported-1]) {
		return reported
	}
	for i, l := range lines {
		if indentTab(l) {
			return i + 1
		}
	}
	return 0
}

// unclosedQuote finds a value that opens a quote its line never closes,
// and returns its line and the quote.
func unclosedQuote(lines []string) (int, string) {
	for i, l := range lines {
		_, value, ok := strings.Cut(strings.TrimLeft(strings.TrimLeft(l, " "), "- "), ": ")
		value = strings.TrimSpace(value)
		if !ok || value == "" {
			continue
		}
		q := value[:1]
		if q != `"` && q != "'" {
			continue
		}
		rest := value[1:]
		if q == `"` {
			rest = strings.ReplaceAll(rest, `\\`, "")
			rest = strings.ReplaceAll(rest, `\"`, "")
		} else {
			rest = strings.ReplaceAll(rest, "''", "")
		}
		if !strings.Contains(rest, q) {
			return i + 1, q
		}
	}
	return 0, ""
}

// misaligned finds the first key line whose indentation lines it up with
// no key above it, or puts a plain key where a list's "- " entries are,
// and returns it with its key and the key it should line up with.
func misaligned(lines []string) (n int, key, above string) {
	open := map[int]place{0: {}} // the indents a line may start at
	prevIndent, prevOpens := 0, true
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(l) - len(trimmed)
		dash := strings.HasPrefix(trimmed, "- ") || trimmed == "-"
		k, _, isKey := strings.Cut(strings.TrimPrefix(trimmed, "- "), ":")
		p, known := open[indent]
		switch {
		case indent > prevIndent && prevOpens:
			// the first line of a nested block sets its indent
		case !known && isKey:
			return i + 1, k, nearestKey(open, indent)
		case known && p.dash && !dash && isKey:
			return i + 1, k, p.key
		}
		for d := range open {
			if d > indent {
				delete(open, d)
			}
		}
		open[indent] = place{key: k, dash: dash}
		if dash && isKey {
			open[indent+2] = place{key: k}
		}
		prevIndent = indent
		prevOpens = isKey && strings.HasSuffix(strings.TrimSpace(l), ":")
		if dash && isKey {
			prevIndent = indent + 2
		}
	}
	return 0, "", ""
}

// place is a line's indent as a later line may line up with it.
type place struct {
	key  string
	dash bool // the line at this indent started an entry with "- "
}

// nearestKey is the key at the deepest open indent below indent.
func nearestKey(open map[int]place, indent int) string {
	best, key := -1, ""
	for d, p := range open {
		if d < indent && d > best && p.key != "" {
			best, key = d, p.key
		}
	}
	return key
}

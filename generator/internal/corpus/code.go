package corpus

import (
	"fmt"
	"strings"
)

// languages are the fences chroma highlights. Each page gets one, and its
// code names the page and random values, so no two blocks are alike and a
// highlighter cache could not shortcut the work.
var languages = []struct {
	name  string
	write func(w words, b *strings.Builder, id int)
}{
	{"go", goCode},
	{"python", pythonCode},
	{"sql", sqlCode},
	{"json", jsonCode},
	{"yaml", yamlCode},
	{"bash", bashCode},
}

// code writes a fenced code block in a language picked for the page.
func (w words) code(b *strings.Builder, id int) {
	lang := languages[w.r.IntN(len(languages))]
	b.WriteString("```" + lang.name + "\n")
	lang.write(w, b, id)
	b.WriteString("```\n\n")
}

// ident is a snake_case name of two nouns.
func (w words) ident() string { return w.pick(nouns) + "_" + w.pick(nouns) }

// camel is a CamelCase name of an adjective and a noun.
func (w words) camel() string {
	a, n := w.pick(adjectives), w.pick(nouns)
	return strings.ToUpper(a[:1]) + a[1:] + strings.ToUpper(n[:1]) + n[1:]
}

func goCode(w words, b *strings.Builder, id int) {
	name := w.camel()
	fmt.Fprintf(b, "// %s reports whether page %d is within its limit.\n", name, id)
	fmt.Fprintf(b, "func %s(%s []int, limit int) (int, bool) {\n", name, w.pick(nouns))
	fmt.Fprintf(b, "\ttotal := %d\n", w.span(0, 999))
	for range w.span(3, 8) {
		v := w.ident()
		fmt.Fprintf(b, "\t%s := total*%d + %d\n", v, w.span(2, 9), w.span(1, 9999))
		fmt.Fprintf(b, "\tif %s > limit {\n\t\treturn %s, false // %s\n\t}\n", v, v, w.pick(adjectives))
	}
	fmt.Fprintf(b, "\treturn total, %q != \"\"\n}\n", w.pick(nouns))
}

func pythonCode(w words, b *strings.Builder, id int) {
	name := w.ident()
	fmt.Fprintf(b, "def %s(rows, weeks=%d):\n", name, w.span(1, 52))
	fmt.Fprintf(b, "    \"\"\"Page %d: %s %s.\"\"\"\n", id, w.pick(adjectives), w.pick(nouns))
	b.WriteString("    out = []\n    for row in rows:\n")
	for range w.span(3, 7) {
		fmt.Fprintf(b, "        if row.get(%q, 0) > %d:\n", w.pick(nouns), w.span(1, 500))
		fmt.Fprintf(b, "            out.append((row[%q], %.2f))\n", w.pick(nouns), float64(w.span(0, 9999))/100)
	}
	fmt.Fprintf(b, "    return sorted(out)[:%d]\n", w.span(5, 50))
}

func sqlCode(w words, b *strings.Builder, id int) {
	table := w.ident()
	fmt.Fprintf(b, "-- page %d: %s %s\n", id, w.pick(adjectives), w.pick(nouns))
	fmt.Fprintf(b, "SELECT %s, %s, COUNT(*) AS total\n", w.ident(), w.ident())
	fmt.Fprintf(b, "FROM %s AS t\n", table)
	fmt.Fprintf(b, "JOIN %s AS u ON u.id = t.%s_id\n", w.ident(), w.pick(nouns))
	fmt.Fprintf(b, "WHERE t.weeks_waited >= %d\n", w.span(1, 52))
	for range w.span(2, 6) {
		fmt.Fprintf(b, "  AND t.%s <> '%s'\n", w.ident(), w.pick(adjectives))
	}
	fmt.Fprintf(b, "GROUP BY 1, 2\nHAVING COUNT(*) > %d\nORDER BY total DESC\nLIMIT %d;\n", w.span(1, 99), w.span(10, 500))
}

func jsonCode(w words, b *strings.Builder, id int) {
	fmt.Fprintf(b, "{\n  \"page\": %d,\n  \"%s\": {\n", id, w.ident())
	n := w.span(3, 8)
	for i := range n {
		sep := ","
		if i == n-1 {
			sep = ""
		}
		switch i % 3 {
		case 0:
			fmt.Fprintf(b, "    \"%s_%d\": %d%s\n", w.ident(), i, w.span(0, 99999), sep)
		case 1:
			fmt.Fprintf(b, "    \"%s_%d\": \"%s %s\"%s\n", w.ident(), i, w.pick(adjectives), w.pick(nouns), sep)
		default:
			fmt.Fprintf(b, "    \"%s_%d\": [%d, %d, %t]%s\n", w.ident(), i, w.span(0, 99), w.span(0, 99), w.r.IntN(2) == 0, sep)
		}
	}
	b.WriteString("  }\n}\n")
}

func yamlCode(w words, b *strings.Builder, id int) {
	fmt.Fprintf(b, "# page %d\n%s:\n", id, w.ident())
	for range w.span(2, 4) {
		fmt.Fprintf(b, "  - name: %s %s\n", w.pick(adjectives), w.pick(nouns))
		fmt.Fprintf(b, "    weeks: %d\n", w.span(1, 52))
		fmt.Fprintf(b, "    owner: %s\n", w.ident())
		fmt.Fprintf(b, "    urgent: %t\n", w.r.IntN(2) == 0)
	}
}

func bashCode(w words, b *strings.Builder, id int) {
	dir := w.ident()
	fmt.Fprintf(b, "#!/bin/sh\n# page %d: %s %s\nset -eu\n", id, w.pick(verbs), w.pick(nouns))
	fmt.Fprintf(b, "dir=\"${1:-./%s}\"\n", dir)
	for range w.span(2, 5) {
		fmt.Fprintf(b, "grep -c '%s' \"$dir/%s.csv\" > \"/tmp/%s-%d.txt\" || true\n", w.pick(nouns), w.ident(), w.pick(nouns), w.span(1, 9999))
	}
	fmt.Fprintf(b, "for f in \"$dir\"/*.csv; do\n  echo \"$f: $(wc -l < \"$f\") %s\"\ndone\n", w.pick(nouns))
}

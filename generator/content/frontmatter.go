package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// splitFrontMatter separates YAML front matter from the Markdown body. src
// must already be normalised (no BOM, LF endings). It returns the YAML text,
// the body, and the 1-based line of src on which the body starts.
func splitFrontMatter(src []byte) (meta, body []byte, line int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) == "+++" {
		return nil, nil, 0, errors.New(`front matter between "+++" lines (TOML) is not supported: write the same keys as YAML between "---" lines, as "key: value"`)
	}
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, src, 1, nil
	}
	line = 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(rest)
		}
		l := string(bytes.TrimRight(rest[off:end], " \t"))
		if l == "---" || l == "..." {
			body := []byte{}
			if next <= len(rest) {
				body = rest[next:]
			}
			return rest[:off], body, line + 1, nil
		}
		off = next
		line++
	}
	return nil, nil, 0, errors.New(`front matter starts with "---" on line 1 but never ends: add a line with just "---" after the last key`)
}

// yamlLine finds "line N" in the YAML library's messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseMeta decodes YAML front matter into m. Line numbers in errors are
// shifted by offset, the file line just before the YAML text, so they point
// into the educator's file rather than into the YAML fragment.
func parseMeta(file string, text []byte, offset int, m *Meta) error {
	m.Lines = map[string]int{}
	m.rejected = map[string]bool{}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		m.rejected[""] = true
		line, msg := 1, err.Error()
		if sub := yamlLine.FindStringSubmatch(msg); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			msg = sub[2]
		}
		line, msg = plainYAML(text, line, strings.TrimPrefix(msg, "yaml: "))
		return Errorf(file, line+offset, 0, "front matter: %s", msg)
	}
	if len(doc.Content) == 0 {
		return nil // "---\n---": empty front matter
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		m.rejected[""] = true
		return Errorf(file, root.Line+offset, root.Column, "front matter must be a list of \"key: value\" lines")
	}
	d := decoder{file: file, offset: offset, lines: m.Lines, rejected: m.rejected}
	d.decode(root, reflect.ValueOf(m).Elem(), "")
	m.redirectFrom()
	return errors.Join(d.errs...)
}

// redirectFrom adds the old addresses of Jekyll's redirect_from to the
// page's aliases, with their lines, so both make redirect pages.
func (m *Meta) redirectFrom() {
	for i, a := range m.RedirectFrom {
		from, to := "redirect_from."+strconv.Itoa(i), "aliases."+strconv.Itoa(len(m.Aliases))
		m.Lines[to] = m.Lines[from]
		if m.rejected[from] {
			m.rejected[to] = true
		}
		m.Aliases = append(m.Aliases, a)
	}
}

// decoder fills typed structs from a YAML node tree, strictly: unknown keys,
// duplicate keys and wrong types are all reported, each at its own line,
// rather than stopping at the first.
type decoder struct {
	file     string
	offset   int
	lines    map[string]int
	rejected map[string]bool
	errs     []error
	depth    int
	nodes    int        // values decoded so far, to bound alias expansion
	alias    *yaml.Node // the outermost alias being followed, nil when none
}

// maxNodes bounds how many values one page's front matter may expand to.
// YAML aliases can make a few lines stand for billions of values ("billion
// laughs"); real front matter has a few dozen.
const maxNodes = 10000

// errorf reports a problem with the value at n. A value reached through
// an alias is reported at the alias, not where its anchor set it: the
// value may well suit the key at the anchor and be wrong only where the
// alias reuses it.
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if d.alias != nil {
		msg += fmt.Sprintf(" (*%s stands for the value set on line %d)", d.alias.Value, d.alias.Alias.Line+d.offset)
	}
	n = d.at(n)
	d.errs = append(d.errs, &Error{File: d.file, Line: n.Line + d.offset, Col: n.Column, Err: errors.New(msg)})
}

// reject reports that the value at path is wrong, and notes it as
// rejected, so that later checks do not report it again as missing.
func (d *decoder) reject(n *yaml.Node, path, format string, args ...any) {
	d.rejected[path] = true
	d.errorf(n, format, args...)
}

// at is where messages and Lines place the value at n: at the alias that
// led to it, if any.
func (d *decoder) at(n *yaml.Node) *yaml.Node {
	if d.alias != nil {
		return d.alias
	}
	return n
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if path != "" {
		d.lines[path] = d.at(n).Line + d.offset
	}
	// Aliases are followed here, so both nesting and the number of values
	// are bounded here.
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 20 {
		d.reject(n, path, "front matter is nested too deeply")
		return
	}
	d.nodes++
	if d.nodes == maxNodes {
		d.reject(n, path, "front matter is too large: it expands to more than %d values (check for * aliases)", maxNodes)
	}
	if d.nodes >= maxNodes {
		return
	}
	if n.Kind == yaml.AliasNode {
		if d.alias == nil {
			d.alias = n
			defer func() { d.alias = nil }()
		}
		n = n.Alias
	}
	if _, ok := v.Addr().Interface().(yaml.Unmarshaler); ok {
		d.leaf(n, v, path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Slice:
		d.list(n, v, path)
	default:
		d.leaf(n, v, path)
	}
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode {
		if title := v.FieldByName("Title"); title.IsValid() && v.Type() == reflect.TypeFor[Source]() {
			title.SetString(n.Value) // a source written as a plain string
			return
		}
	}
	if n.Kind != yaml.MappingNode {
		d.reject(n, path, "%s must be a group of \"key: value\" lines, not %s", describe(path), kindOf(n))
		return
	}
	fields := map[string]reflect.Value{}
	var names []string
	for i := range v.NumField() {
		tag := v.Type().Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = v.Field(i)
		names = append(names, tag)
	}
	if line := v.FieldByName("Line"); line.IsValid() && line.Kind() == reflect.Int {
		line.SetInt(int64(d.at(n).Line + d.offset))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		name := key.Value
		if prev, dup := seen[name]; dup {
			d.errorf(key, "%q is written twice (first on line %d): keep one", name, prev)
			continue
		}
		seen[name] = key.Line + d.offset
		f, ok := fields[name]
		if !ok && path == "" && Suggest(name, names) == "" {
			d.foreign(key, names)
			continue
		}
		if !ok {
			msg := fmt.Sprintf("unknown key %q", name)
			if path != "" {
				msg = fmt.Sprintf("unknown key %q in %s", name, describe(path))
			}
			if hint := Suggest(name, names); hint != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", hint)
			} else {
				sort.Strings(names)
				msg += " (the keys allowed here are " + strings.Join(names, ", ") + ")"
			}
			d.errorf(key, "front matter: %s", msg)
			continue
		}
		d.decode(val, f, join(path, name))
	}
}

// foreign warns of a top-level key that is not one of ours nor close to
// one: a key of another tool (tags, layout, permalink, nav_order, lang),
// which a page brought from elsewhere may well have. The page is still
// published; the key is ignored.
func (d *decoder) foreign(key *yaml.Node, names []string) {
	sorted := slices.Sorted(slices.Values(names))
	d.errs = append(d.errs, &Error{File: d.file, Line: key.Line + d.offset, Col: key.Column, Warn: true,
		Err: fmt.Errorf("front matter: %q is not a key this handbook reads, so it is ignored (the keys are %s)", key.Value, strings.Join(sorted, ", "))})
}

func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.reject(n, path, "%s must be a list, written [a, b] or as lines starting with \"- \"", describe(path))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), join(path, strconv.Itoa(i)))
	}
	v.Set(s)
}

func (d *decoder) leaf(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if v.Kind() == reflect.Bool {
		d.boolean(n, v, path)
		return
	}
	err := n.Decode(v.Addr().Interface())
	if err == nil {
		return
	}
	var ve valueError
	if errors.As(err, &ve) {
		d.reject(n, path, "%s: %s", describe(path), ve)
		return
	}
	want := map[reflect.Kind]string{
		reflect.String: "text",
		reflect.Int:    "a whole number, like 10",
		reflect.Bool:   "true or false",
	}[v.Kind()]
	if want == "" {
		want = v.Type().Name()
	}
	d.reject(n, path, "%s must be %s, not %s", describe(path), want, kindOf(n))
}

// boolean accepts true and false, and nothing else. The YAML library
// also reads yes, no, on, off, y and n as booleans, even in quotes (as
// YAML 1.1 did), but not 1 or 0; so draft: "yes" quietly drafted a page
// while raw_html: 1 was an error. Tools reading front matter disagree on
// those words (a YAML 1.1 reader takes yes as true, a YAML 1.2 reader as
// the text "yes"), so the one rule is YAML 1.2's, as our YAML library's
// schema and TOML have it: the two words, with the right one suggested
// for the others.
func (d *decoder) boolean(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		v.SetBool(strings.EqualFold(n.Value, "true"))
		return
	}
	word := strings.ToLower(n.Value)
	switch {
	case n.Kind != yaml.ScalarNode:
		d.reject(n, path, "%s must be true or false, not %s", describe(path), kindOf(n))
	case word == "true" || word == "false":
		d.reject(n, path, "%s must be true or false without quotes, not %s", describe(path), kindOf(n))
	case word == "yes" || word == "y" || word == "on" || word == "1":
		d.reject(n, path, "%s must be true or false, not %s (did you mean true?)", describe(path), kindOf(n))
	case word == "no" || word == "n" || word == "off" || word == "0":
		d.reject(n, path, "%s must be true or false, not %s (did you mean false?)", describe(path), kindOf(n))
	default:
		d.reject(n, path, "%s must be true or false, not %s", describe(path), kindOf(n))
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// describe names a key path in words: "events.2.date" → `"date" of item 3 of "events"`.
func describe(path string) string {
	parts := strings.Split(path, ".")
	out := fmt.Sprintf("%q", parts[len(parts)-1])
	if i, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
		out = fmt.Sprintf("item %d", i+1)
	}
	for j := len(parts) - 2; j >= 0; j-- {
		if i, err := strconv.Atoi(parts[j]); err == nil {
			out += fmt.Sprintf(" of item %d", i+1)
		} else {
			out += fmt.Sprintf(" of %q", parts[j])
		}
	}
	return out
}

func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a group of keys"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.Value == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

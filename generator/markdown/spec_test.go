package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"ppchandbook/generator/content"
)

// TestCommonMarkSpec runs the CommonMark spec's examples, as goldmark's
// module ships them (_test/spec.json, read from the module cache), through
// the converter with all of the handbook's extensions on. Where the output
// differs from the spec's, the difference must be one the handbook chose,
// each named below and undone on both sides in turn until they match; an
// example that differs in any other way fails. With raw_html: true the
// page's HTML is kept, so only the choices below can differ; by default
// raw HTML is also sanitised, which may differ only where the example
// has a "<".
func TestCommonMarkSpec(t *testing.T) {
	examples := specExamples(t)
	counts := map[string]int{}
	for _, raw := range []bool{true, false} {
		for _, ex := range examples {
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(ex.Markdown), Meta: content.Meta{RawHTML: raw}}
			doc, _ := New(nil).Convert(p) // warnings and link errors are for the link checker
			why, ok := explain(doc.HTML, ex.HTML)
			if !ok && !raw && strings.Contains(ex.Markdown, "<") {
				why, ok = []string{"raw HTML sanitised"}, true
			}
			if !ok {
				t.Errorf("example %d (%s), raw_html: %v:\n%q\ngot  %q\nwant %q", ex.Example, ex.Section, raw, ex.Markdown, doc.HTML, ex.HTML)
			}
			for _, w := range why {
				counts[w]++
			}
		}
	}
	t.Logf("%d examples, twice; differences by the handbook's choice: %v", len(examples), counts)
}

// TestGFMExtensions runs goldmark's examples of GitHub's extensions to
// CommonMark (tables, strikethrough, task lists, autolinks), from the same
// module cache, as TestCommonMarkSpec runs the spec's.
func TestGFMExtensions(t *testing.T) {
	dir := filepath.Join(goldmarkDir(t), "extension", "_test")
	counts := map[string]int{}
	n := 0
	for _, name := range []string{"table.txt", "strikethrough.txt", "tasklist.txt", "linkify.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("reading goldmark's GFM examples: %v", err)
		}
		for _, ex := range strings.Split(string(b), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(ex, "//- - - - - - - - -//\n")
			if len(parts) != 3 || strings.Contains(parts[0], "OPTIONS") {
				continue // the end of the file, or an example of a goldmark option
			}
			n++
			md, want := parts[1], parts[2]
			p := &content.Page{Path: "x.md", File: "content/x.md", Line: 1, Body: []byte(md)}
			doc, _ := New(nil).Convert(p)
			why, ok := explain(doc.HTML, want)
			if !ok && strings.Contains(md, "<") {
				why, ok = []string{"raw HTML sanitised"}, true
			}
			if !ok && goldmarkDiffers[md] {
				why, ok = []string{"goldmark's own result"}, true
			}
			if !ok {
				t.Errorf("%s example %s:\n%q\ngot  %q\nwant %q", name, strings.TrimSpace(parts[0]), md, doc.HTML, want)
			}
			for _, w := range why {
				counts[w]++
			}
		}
	}
	if n < 30 {
		t.Fatalf("read %d examples; want goldmark's 40 or so", n)
	}
	t.Logf("%d examples; differences by the handbook's choice: %v", n, counts)
}

// goldmarkDiffers are examples where goldmark, configured as goldmark's
// own tests configure it, does not give the HTML its test file expects:
// differences of the parser, not choices of the handbook's.
var goldmarkDiffers = map[string]bool{
	"- [Marketing](marketing/_index.md)\n--\n": true, // table.txt 14: goldmark v1.8.7 makes a one-column table
}

type specExample struct {
	Markdown, HTML, Section string
	Example                 int
}

// specExamples reads goldmark's copy of the spec from the module cache,
// which holds every module the build uses: the test never needs the network.
func specExamples(t *testing.T) []specExample {
	t.Helper()
	file := filepath.Join(goldmarkDir(t), "_test", "spec.json")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading the CommonMark spec examples: %v (go mod download github.com/yuin/goldmark fetches them)", err)
	}
	var examples []specExample
	if err := json.Unmarshal(b, &examples); err != nil || len(examples) < 600 {
		t.Fatalf("%s: %d examples, %v; want the spec's 650 or so", file, len(examples), err)
	}
	return examples
}

// goldmarkDir is where the module cache holds the goldmark the build
// uses.
func goldmarkDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Fatalf("finding goldmark in the module cache: %q, %v", out, err)
	}
	return strings.TrimSpace(string(out))
}

// choice is a difference the handbook makes on purpose, undone on both
// the converter's HTML and the spec's.
type choice struct {
	name string
	undo func(n *html.Node, spec bool)
}

var choices = []choice{
	{"heading IDs and anchor links", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			if isHeading(c) {
				c.Attr = without(c.Attr, "id")
			}
			if c.DataAtom == atom.A && attr(c, "class") == "anchor" {
				if prev := c.PrevSibling; prev != nil && prev.Type == html.TextNode {
					prev.Data = strings.TrimSuffix(prev.Data, " ") // the space before the anchor
				}
				c.Parent.RemoveChild(c)
			}
		})
	}},
	{"typographer", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			if c.Type == html.TextNode && !inside(c, atom.Code, atom.Pre) {
				c.Data = typography.Replace(c.Data)
			}
		})
	}},
	{"highlighted code", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			if c.DataAtom == atom.Pre {
				text := textOf(c)
				for c.FirstChild != nil {
					c.RemoveChild(c.FirstChild)
				}
				c.Attr = nil
				code := &html.Node{Type: html.ElementNode, Data: "code", DataAtom: atom.Code}
				code.AppendChild(&html.Node{Type: html.TextNode, Data: text})
				c.AppendChild(code)
			}
		})
	}},
	{"tables wrapped to scroll, labelled, aligned by style", func(n *html.Node, spec bool) {
		if spec {
			return
		}
		each(n, func(c *html.Node) {
			if c.DataAtom == atom.Div && attr(c, "class") == "table-wrap" {
				for c.FirstChild != nil {
					k := c.FirstChild
					c.RemoveChild(k)
					c.Parent.InsertBefore(k, c)
				}
				c.Parent.RemoveChild(c)
			}
			if (c.DataAtom == atom.Th || c.DataAtom == atom.Td) && strings.HasPrefix(attr(c, "style"), "text-align:") {
				align := strings.TrimPrefix(attr(c, "style"), "text-align:")
				c.Attr = append(without(c.Attr, "style"), html.Attribute{Key: "align", Val: align})
			}
		})
	}},
	{"lazy images", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			if c.DataAtom == atom.Img {
				c.Attr = without(c.Attr, "loading")
			}
		})
	}},
	{"comments never published", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			if c.Type == html.CommentNode {
				c.Parent.RemoveChild(c)
			}
		})
	}},
	{"links that run code are not published", func(n *html.Node, _ bool) {
		each(n, func(c *html.Node) {
			for i, a := range c.Attr {
				if (a.Key == "href" || a.Key == "src") && unsafeAttr(a.Val) {
					c.Attr[i].Val = ""
				}
			}
		})
	}},
	{"GitHub's autolinks", func(n *html.Node, spec bool) {
		if spec {
			return
		}
		each(n, func(c *html.Node) {
			if c.DataAtom == atom.A && c.FirstChild != nil && c.FirstChild == c.LastChild && c.FirstChild.Type == html.TextNode {
				href, text := attr(c, "href"), c.FirstChild.Data
				if href == text || href == "http://"+text || href == "mailto:"+text {
					c.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: text}, c)
					c.Parent.RemoveChild(c)
				}
			}
		})
	}},
	{"leading # h1 as title", func(n *html.Node, spec bool) {
		if first := firstElement(n); spec && first != nil && first.DataAtom == atom.H1 {
			n.RemoveChild(first) // the layout shows it as the page's title
		}
		each(n, func(c *html.Node) {
			if c.DataAtom == atom.H1 {
				c.Data, c.DataAtom = "h2", atom.H2 // one h1 a page: later ones are demoted
			}
		})
	}},
}

// typography undoes the typographer: quotes straight, dashes and the
// ellipsis as typed.
var typography = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---", "…", "...", "«", "<<", "»", ">>")

// explain undoes the handbook's choices one at a time until got matches
// want, returning the choices it took, or false if they never match.
func explain(got, want string) ([]string, bool) {
	g, w := parseFragment(got), parseFragment(want)
	if canonical(g) == canonical(w) {
		return nil, true
	}
	var why []string
	for _, c := range choices {
		before := canonical(g) + "\x00" + canonical(w)
		c.undo(g, false)
		c.undo(w, true)
		if canonical(g)+"\x00"+canonical(w) != before {
			why = append(why, c.name)
		}
		if canonical(g) == canonical(w) {
			return why, true
		}
	}
	return why, false
}

func parseFragment(s string) *html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		nodes = []*html.Node{{Type: html.TextNode, Data: "unparsable: " + s}}
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body
}

// lineSpace is white space with a line break in it: the spec and goldmark
// differ on where they break lines between tags, which a browser ignores.
var lineSpace = regexp.MustCompile(`[ \t]*\n\s*`)

// canonical renders n with attributes sorted, and white space a browser
// ignores made uniform: line breaks between tags, spaces before a <br>,
// white space between blocks.
func canonical(n *html.Node) string {
	c := clone(n)
	each(c, func(x *html.Node) {
		slices.SortFunc(x.Attr, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
		if x.Type != html.TextNode || inside(x, atom.Pre) {
			return
		}
		for x.NextSibling != nil && x.NextSibling.Type == html.TextNode {
			x.Data += x.NextSibling.Data
			x.Parent.RemoveChild(x.NextSibling)
		}
		x.Data = lineSpace.ReplaceAllString(x.Data, "\n")
		if x.NextSibling != nil && x.NextSibling.DataAtom == atom.Br {
			x.Data = strings.TrimRight(x.Data, " \t")
		}
		if x.Data == "\n" || x.Parent == c && strings.TrimSpace(x.Data) == "" {
			x.Parent.RemoveChild(x)
		}
	})
	var b bytes.Buffer
	for k := c.FirstChild; k != nil; k = k.NextSibling {
		_ = html.Render(&b, k)
	}
	return b.String()
}

// firstElement is n's first child element, or nil if text comes first.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			return c
		case c.Type != html.TextNode || strings.TrimSpace(c.Data) != "":
			return nil
		}
	}
	return nil
}

func clone(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(clone(k))
	}
	return c
}

// each calls fn on every node under n, children first, allowing fn to
// remove the node it is given or the siblings after it.
func each(n *html.Node, fn func(*html.Node)) {
	for c := n.FirstChild; c != nil; {
		each(c, fn)
		prev := c.PrevSibling
		fn(c) // may remove c, or the nodes after it
		switch {
		case c.Parent == n:
			c = c.NextSibling
		case prev != nil:
			c = prev.NextSibling
		default:
			c = n.FirstChild
		}
	}
}

func inside(n *html.Node, tags ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if slices.Contains(tags, p.DataAtom) {
			return true
		}
	}
	return false
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func without(attrs []html.Attribute, key string) []html.Attribute {
	return slices.DeleteFunc(attrs, func(a html.Attribute) bool { return a.Key == key })
}

func textOf(n *html.Node) string {
	var b strings.Builder
	each(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

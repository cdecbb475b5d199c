package markdown

import (
	"bytes"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
)

// Code styles for the two themes; the CSS for both is generated at build
// time by CSS, so colours never depend on a CDN.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// codeRenderer highlights fenced code with chroma, using CSS classes so one
// stylesheet serves light, dark and print. A language chroma does not know
// is shown as plain text, never an error: educators paste all sorts.
type codeRenderer struct {
	lexers lexerCache
}

func newCodeRenderer() *codeRenderer { return &codeRenderer{} }

// lexerCache remembers chroma's answer for each language name. A name chroma
// does not know sends it through every lexer's filename patterns twice,
// about 2 ms a block, so a page of ```quiz-like or misspelt fences would
// cost more than the rest of its build. Names are few in real content; the
// cap keeps a long preview session's memory bounded whatever is typed.
type lexerCache struct {
	mu     sync.Mutex
	byName map[string]chroma.Lexer
}

const lexerCacheCap = 512

func (c *lexerCache) get(name string) chroma.Lexer {
	c.mu.Lock()
	l, ok := c.byName[name]
	c.mu.Unlock()
	if ok {
		return l
	}
	l = guarded().Get(name)
	if l != nil {
		compile(l)
	}
	c.mu.Lock()
	if c.byName == nil {
		c.byName = map[string]chroma.Lexer{}
	}
	if len(c.byName) < lexerCacheCap {
		c.byName[name] = l
	}
	c.mu.Unlock()
	return l
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
	reg.Register(ast.KindCodeBlock, r.indented)
}

func (r *codeRenderer) fenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if renderQuiz(w, n) {
		return ast.WalkSkipChildren, nil
	}
	lang := ""
	if n.Info != nil {
		lang, _, _ = strings.Cut(string(n.Info.Segment.Value(src)), " ")
	}
	code := lines(n, src)
	var lexer chroma.Lexer
	if lang != "" {
		lexer = r.lexers.get(lang)
	}
	if lexer == nil {
		plain(w, []byte(code))
		return ast.WalkSkipChildren, nil
	}
	buf, err := highlightWithin(lexer, code, highlightBudget)
	if err != nil {
		n.SetAttributeString(highlightFailed, err) // for highlightWarnings
		plain(w, []byte(code))
		return ast.WalkSkipChildren, nil
	}
	w.Write(*buf)
	codeBuffers.Put(buf)
	return ast.WalkSkipChildren, nil
}

// highlightFailed is the attribute fenced sets on a block it could not
// highlight, to the reason; the renderer cannot report it, for it does not
// know the page.
const highlightFailed = "highlight-failed"

// highlightWarnings warns of each of the page's fenced code blocks that
// could not be highlighted, at the line of its opening fence.
func (w *walker) highlightWarnings() {
	for _, n := range w.fences {
		v, failed := n.AttributeString(highlightFailed)
		if !failed {
			continue
		}
		lang, _, _ := strings.Cut(string(n.Info.Segment.Value(w.src)), " ")
		line, _ := w.lines.at(w.src, n.Info.Segment.Start)
		w.errs = append(w.errs, content.Warnf(w.page.File, line, 0,
			"code block: highlighting it as %q %v, so it is shown without colours (write ```text to show it plain without this warning)", lang, v))
	}
}

func (r *codeRenderer) indented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		plain(w, []byte(lines(node, src)))
	}
	return ast.WalkSkipChildren, nil
}

// codeBuffers hold highlighted blocks on their way to the page: most are
// larger than the page writer's free space, so appending there would make a
// new slice for nearly every block.
var codeBuffers = sync.Pool{New: func() any { return new([]byte) }}

// format appends the HTML chroma's own formatter writes for tokens, given
// chromahtml.WithClasses(true) and a pre wrapper that makes the block
// focusable, so keyboard users can scroll a long line sideways. Chroma's
// formatter spends most of its time in fmt and html.EscapeString, and with
// chroma.SplitTokensIntoLines made a fifth of a build's allocations;
// writing the same bytes directly is why this exists. TestFormat and
// FuzzFormat hold it to chroma's output.
func format(b []byte, tokens []chroma.Token) []byte {
	b = append(b, `<pre class="chroma" tabindex="0"><code>`...)
	// chroma.SplitTokensIntoLines drops a last line that holds nothing but
	// one empty token.
	if n := len(tokens); n > 0 && tokens[n-1].Value == "" && (n == 1 || strings.HasSuffix(tokens[n-2].Value, "\n")) {
		tokens = tokens[:n-1]
	}
	open := false // inside a line's spans
	for _, t := range tokens {
		c, v := class(t.Type), t.Value
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			if !open {
				b = append(b, `<span class="line"><span class="cl">`...)
			}
			b = append(appendToken(b, c, v[:i+1]), `</span></span>`...)
			open = false
			v = v[i+1:]
			if v == "" {
				break
			}
		}
		if v == "" && t.Value != "" {
			continue // the token ended its line
		}
		if !open {
			b = append(b, `<span class="line"><span class="cl">`...)
			open = true
		}
		b = appendToken(b, c, v)
	}
	if open {
		b = append(b, `</span></span>`...)
	}
	return append(b, `</code></pre>`...)
}

// appendToken appends v escaped, in a span of class c unless c is "".
func appendToken(b []byte, c, v string) []byte {
	if c == "" {
		return appendEscaped(b, v)
	}
	b = append(b, `<span class="`...)
	b = append(b, c...)
	b = append(b, `">`...)
	b = appendEscaped(b, v)
	return append(b, `</span>`...)
}

// class is the CSS class chroma gives a token type: that of the type or of
// its nearest ancestor chroma names, "" for none.
func class(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
	}
	return chroma.StandardTypes[0]
}

// appendEscaped escapes s as html.EscapeString does.
func appendEscaped(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, `<>&'"`)
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '\'':
			b = append(b, "&#39;"...)
		case '"':
			b = append(b, "&#34;"...)
		}
		s = s[i+1:]
	}
}

func lines(n ast.Node, src []byte) string {
	var b strings.Builder
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func plain(w io.Writer, code []byte) {
	io.WriteString(w, `<pre class="chroma" tabindex="0"><code>`)
	w.Write(util.EscapeHTML(code))
	io.WriteString(w, "</code></pre>\n")
}

// CSS returns the stylesheet for highlighted code: the light style by
// default, the dark one when the reader's system or the theme toggle asks
// for it.
func CSS() []byte {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	light, dark := styles.Get(lightStyle), styles.Get(darkStyle)
	_ = f.WriteCSS(&b, light)
	var d bytes.Buffer
	_ = f.WriteCSS(&d, dark)
	darkRules := overrideColours(b.String(), d.String())
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.WriteString(prefix(darkRules, `:root:not([data-theme="light"]) `))
	b.WriteString("}\n")
	b.WriteString(prefix(darkRules, `:root[data-theme="dark"] `))
	return b.Bytes()
}

// overrideColours gives every rule of the dark sheet a colour where the
// light sheet's rule for the same class has one. chroma leaves out a
// colour that equals the style's text colour (and a rule with nothing else
// in it), and the dark rules are laid
// over the light ones, so without it a class the dark style leaves plain
// (GitHub Dark's emphasis, .ge) kept the light style's near-black text on
// the dark background.
func overrideColours(light, dark string) string {
	coloured := map[string]bool{}
	for line := range strings.Lines(light) {
		if sel, body, ok := cssRule(line); ok && hasColour(body) {
			coloured[sel] = true
		}
	}
	text := ""
	for line := range strings.Lines(dark) {
		if sel, body, ok := cssRule(line); ok && sel == ".chroma" {
			for decl := range strings.SplitSeq(body, ";") {
				if k, v, ok := strings.Cut(decl, ":"); ok && strings.TrimSpace(k) == "color" {
					text = strings.TrimSpace(v)
				}
			}
		}
	}
	if text == "" {
		return dark
	}
	var b strings.Builder
	for line := range strings.Lines(dark) {
		sel, body, ok := cssRule(line)
		if ok && coloured[sel] {
			delete(coloured, sel)
			if !hasColour(body) {
				i := strings.LastIndex(line, "}")
				line = strings.TrimRight(line[:i], " ;") + "; color: " + text + " " + line[i:]
			}
		}
		b.WriteString(line)
	}
	for _, sel := range slices.Sorted(maps.Keys(coloured)) { // classes the dark style has no rule for
		b.WriteString(sel + " { color: " + text + " }\n")
	}
	return b.String()
}

// cssRule splits a line of chroma's stylesheet, "/* Name */ .sel { body }".
func cssRule(line string) (sel, body string, ok bool) {
	if i := strings.Index(line, "*/ "); i >= 0 {
		line = line[i+3:]
	}
	sel, rest, ok := strings.Cut(line, "{")
	if !ok {
		return "", "", false
	}
	body, _, ok = strings.Cut(rest, "}")
	return strings.TrimSpace(sel), body, ok
}

// hasColour reports whether a rule's body sets the text colour.
func hasColour(body string) bool {
	for decl := range strings.SplitSeq(body, ";") {
		if k, _, ok := strings.Cut(decl, ":"); ok && strings.TrimSpace(k) == "color" {
			return true
		}
	}
	return false
}

// prefix scopes every rule of a chroma stylesheet under sel.
func prefix(css, sel string) string {
	var b strings.Builder
	for line := range strings.Lines(css) {
		if strings.HasPrefix(line, "/*") && strings.Contains(line, "*/ .") {
			i := strings.Index(line, "*/ ") + 3
			b.WriteString(line[:i] + sel + line[i:])
			continue
		}
		if strings.HasPrefix(line, ".") {
			b.WriteString(sel + line)
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

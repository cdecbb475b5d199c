package markdown

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

func TestLexerCache(t *testing.T) {
	var c lexerCache
	for _, name := range []string{"go", "Go", "golang", "py", "yaml", "nosuchlang", "quiz", "NoSuchLang", "go"} {
		t.Run(name, func(t *testing.T) {
			for range 2 { // once to fill, once from the cache
				got, want := c.get(name), lexers.Get(name)
				if (got == nil) != (want == nil) || got != nil && got.Config() != want.Config() {
					t.Errorf("get(%q) = %v; want a guarded copy of chroma's %v", name, got, want)
				}
				if got != nil && got != guarded().Get(name) {
					t.Errorf("get(%q) = %v, not the guarded copy", name, got)
				}
			}
		})
	}
	t.Run("bounded", func(t *testing.T) {
		// Filled directly: looking up hundreds of unknown names through
		// chroma takes half a minute on a busy machine.
		for i := len(c.byName); i < lexerCacheCap; i++ {
			c.byName["made-up-"+strconv.Itoa(i)] = nil
		}
		for i := range 3 {
			c.get("also-made-up-" + strconv.Itoa(i))
		}
		if n := len(c.byName); n > lexerCacheCap {
			t.Errorf("cache holds %d names after many lookups; want at most %d", n, lexerCacheCap)
		}
		if c.get("go") == nil {
			t.Error(`get("go") = nil once the cache is full; want the Go lexer`)
		}
	})
}

// BenchmarkLexer compares a fence with a language chroma does not know,
// looked up through the cache and straight from chroma.
func BenchmarkLexer(b *testing.B) {
	b.Run("cached", func(b *testing.B) {
		var c lexerCache
		for b.Loop() {
			c.get("nosuchlang")
		}
	})
	b.Run("chroma", func(b *testing.B) {
		for b.Loop() {
			lexers.Get("nosuchlang")
		}
	})
}

// chromaWrapper is the pre wrapper format stands in for.
type chromaWrapper struct{}

func (chromaWrapper) Start(code bool, _ string) string {
	if !code {
		return `<pre class="chroma">`
	}
	return `<pre class="chroma" tabindex="0"><code>`
}

func (chromaWrapper) End(code bool) string {
	if !code {
		return "</pre>"
	}
	return "</code></pre>"
}

// checkFormat fails t unless format writes tokens (made from input) as
// chroma's own HTML formatter does.
func checkFormat(t *testing.T, tokens []chroma.Token, input any) {
	t.Helper()
	if got, want := string(format(nil, tokens)), chromaFormat(t, tokens); got != want {
		t.Errorf("format of %q =\n%s\nchroma writes\n%s", input, got, want)
	}
}

// chromaFormat is what format must equal: chroma's own HTML formatter.
func chromaFormat(t *testing.T, tokens []chroma.Token) string {
	t.Helper()
	var b strings.Builder
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(chromaWrapper{}))
	if err := f.Format(&b, styles.Get(lightStyle), chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func tokenise(t *testing.T, lang, code string) []chroma.Token {
	t.Helper()
	lexer := lexers.Get(lang)
	if lexer == nil {
		t.Fatalf("no lexer for %q", lang)
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

func TestFormat(t *testing.T) {
	tests := []struct{ lang, code string }{
		{"go", "package main\n\nfunc main() {\n\tprintln(\"<b>&'\")\n}\n"},
		{"go", "x := 1"},
		{"go", ""},
		{"go", "\n\n\n"},
		{"python", "def f(a, b='x'):\n    return a < b  # a \"comment\" & more\n"},
		{"sql", "SELECT nhs_number, referral_date\nFROM referrals\nWHERE clock_stops IS NULL AND weeks > 18;\n"},
		{"yaml", "title: \"Time management\"\nreviewed: 2026-11-01\nskills: [a, b]\n"},
		{"html", "<p class=\"x\">Tom &amp; Jerry's</p>\n<script>if (a < b) {}</script>\n"},
		{"json", "{\"a\": [1, 2.5, true, null], \"b\": \"\\u00e9\"}\n"},
		{"bash", "for f in *.md; do echo \"$f\" > /dev/null; done\n# done\n"},
		{"text", "plain text\r\nwith CRLF\r\n and a tab\t.\n"},
		{"markdown", "# Heading\n\n- item `code`\n\n```go\nx\n```\n"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			tokens := tokenise(t, tt.lang, tt.code)
			checkFormat(t, tokens, tt.code)
		})
	}
	raw := []struct {
		name   string
		values []string
	}{
		{"empty token alone", []string{""}},
		{"empty last line", []string{"a\n", ""}},
		{"two empty tokens on the last line", []string{"a\n", "", ""}},
		{"empty token mid-line", []string{"a", "", "b\n"}},
		{"empty token starting a line", []string{"a\n", "", "b"}},
		{"newlines only", []string{"\n", "\n\n", "\n"}},
		{"token across lines", []string{"a\nb\nc", "d\n", "e"}},
		{"no tokens", nil},
	}
	for _, tt := range raw {
		t.Run(tt.name, func(t *testing.T) {
			tokens := rawTokens(tt.values, 0)
			checkFormat(t, tokens, tt.values)
		})
	}
	t.Run("every token type", func(t *testing.T) {
		var tokens []chroma.Token
		for tt := range chroma.StandardTypes {
			tokens = append(tokens, chroma.Token{Type: tt, Value: tt.String() + " <&>\n"})
			tokens = append(tokens, chroma.Token{Type: tt + 1, Value: "sub "}) // a type chroma does not name
		}
		checkFormat(t, tokens, "every token type")
	})
}

// rawTokens makes tokens with these values, of types taken in turn from
// chroma's named types (starting at the first-th), with one type chroma
// does not name and plain text between.
func rawTokens(values []string, first int) []chroma.Token {
	types := []chroma.TokenType{chroma.Text, chroma.KeywordConstant + 99}
	types = append(types, slices.Sorted(maps.Keys(chroma.StandardTypes))...)
	var tokens []chroma.Token
	for i, v := range values {
		tokens = append(tokens, chroma.Token{Type: types[(first+i)%len(types)], Value: v})
	}
	return tokens
}

// FuzzFormat takes a string as tokens split at '|', so tokens can be empty
// (a lexer never makes one) and can hold several lines or end one, and
// format must write what chroma's formatter writes, byte for byte. Tokens
// come from raw strings rather than a lexer: chroma's regular expressions
// stop at a 250 ms timeout, and the fuzzer finds inputs that run into it
// again and again (100,000 runs took three minutes).
func FuzzFormat(f *testing.F) {
	f.Add("package main|\nfunc| main() { x := \"<&>\" }\n", uint8(0))
	f.Add("SELECT |'a''b'| FROM t; |-- x\n", uint8(2))
	f.Add("<a href=\"x\">|y</a>\r\n", uint8(4))
	f.Add("a\n||\n|b\nc|", uint8(7))
	f.Fuzz(func(t *testing.T, code string, first uint8) {
		values := strings.Split(code, "|")
		checkFormat(t, rawTokens(values, int(first)), values)
	})
}

// TestCSSDarkColours checks that every class the light style colours has
// a colour of its own in the dark rules, which are laid over the light
// ones: a class left plain would keep light-theme text on a dark page.
func TestCSSDarkColours(t *testing.T) {
	css := string(CSS())
	light, dark, _ := strings.Cut(css, "@media (prefers-color-scheme: dark) {")
	dark, _, _ = strings.Cut(dark, "\n}\n") // the end of the @media block
	darkColoured := map[string]bool{}
	for line := range strings.Lines(dark) {
		if sel, body, ok := cssRule(line); ok && hasColour(body) {
			darkColoured[strings.TrimPrefix(sel, `:root:not([data-theme="light"]) `)] = true
		}
	}
	for line := range strings.Lines(light) {
		if sel, body, ok := cssRule(line); ok && hasColour(body) && !darkColoured[sel] {
			t.Errorf("%s has a colour in the light style (%s) but none in the dark", sel, strings.TrimSpace(body))
		}
	}
}

package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"ppchandbook/generator/content"
	"reflect"

	"github.com/dlclark/regexp2/v2"
)

// knownStuck are the lexers that, in the chroma this module requires,
// match the empty string without moving on some input; their blocks are
// shown plain with a warning. A lexer that joins or leaves the list is
// news: a chroma upgrade broke or fixed it.
var knownStuck = map[string]bool{"JSONata": true, "Jungle": true}

// pathological are short inputs of the kinds that trip lexers: every
// character alone, and the openings of strings, comments and templates
// left unclosed.
func pathological() []string {
	var in []string
	for c := byte(0); c < 0x80; c++ {
		in = append(in, string(c))
	}
	in = append(in, "é", "\u00a0", "\ufeff", "\r\n", "\n\n", " \n", "\t\n",
		"$x | y", `""`, "\"\n", "'\n", "`\n", `\\`, "\\\n", "/*", "<!--", "-->", "(*", "{-", "--",
		"//", "#!", "a\n!", "!a", "{{", "}}", "{%", "<%", "<?", "?>", "<<EOF\n", `"""`, "'''",
		"${", "#{", "@{", "[[", "]]", "<a", "</", "0x", "1e", ".5", "a:", ":a", "a=", "=a")
	return in
}

func TestHighlightEveryLexer(t *testing.T) {
	if testing.Short() {
		t.Skip("every lexer over every input: seconds of chroma, run by go test ./... (CI's race step is -short)")
	}
	reg := guarded()
	if got, want := len(reg.Lexers), len(lexers.GlobalLexerRegistry.Lexers); got != want {
		t.Errorf("guarded registry holds %d lexers; want one for each of chroma's %d", got, want)
	}
	inputs := pathological()
	for _, lexer := range reg.Lexers {
		name := lexer.Config().Name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			compile(lexer) // as lexerCache does, outside the budget
			for _, code := range inputs {
				buf, err := highlightWithin(lexer, code, highlightBudget)
				switch {
				case err == nil:
					codeBuffers.Put(buf)
				case errors.Is(err, errStuck) && knownStuck[name]:
				default:
					t.Errorf("highlightWithin(%s, %q) error = %v; want it highlighted", name, code, err)
				}
			}
		})
	}
}

// spinner is a lexer that never yields a token, as a wrapper lexer the
// guard cannot reach might, until stop is closed.
type spinner struct {
	chroma.Lexer
	stop chan struct{}
}

func (s spinner) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	return func() chroma.Token {
		<-s.stop
		return chroma.EOF
	}, nil
}

func TestHighlightWithinBudget(t *testing.T) {
	s := spinner{Lexer: lexers.Get("go"), stop: make(chan struct{})}
	defer close(s.stop)
	if buf, err := highlightWithin(s, "x := 1\n", 10*time.Millisecond); !errors.Is(err, errSlow) {
		t.Errorf("highlightWithin(a lexer that never returns) = %v, %v; want errSlow at the budget", buf, err)
	}
}

// fuzzLanguages are the lexers FuzzHighlight uses: those an educator is
// likely to paste, and the two known to get stuck. TestHighlightEveryLexer
// covers all of chroma's; fuzzing all of them would spend a short fuzz
// run compiling their regular expressions under coverage instrumentation
// (about a minute on a busy CI machine) instead of running them.
var fuzzLanguages = []string{
	"text", "markdown", "yaml", "json", "html", "xml", "css", "javascript", "typescript",
	"python", "sql", "bash", "powershell", "go", "java", "csharp", "r", "ini", "toml",
	"diff", "docker", "makefile", "jsonata", "jungle",
}

// FuzzHighlight feeds source text through highlighting as a build does,
// with a lexer chosen by number, so that a lexer that a chroma upgrade
// leaves spinning, or one the guard cannot stop, fails here rather than in
// an educator's build. The seeds are this repository's own files, cut
// short, each with its language and with others.
func FuzzHighlight(f *testing.F) {
	var langs []chroma.Lexer
	for _, name := range fuzzLanguages {
		l := guarded().Get(name)
		if l == nil {
			f.Fatalf("no lexer for %q", name)
		}
		compile(l)
		langs = append(langs, l)
	}
	for _, seed := range []struct{ lang, glob string }{
		{"go", "*.go"},
		{"html", "../../layouts/*.html"},
		{"css", "../../layouts/assets/*.css"},
		{"javascript", "../../layouts/assets/*.js"},
		{"markdown", "../../content/*.md"},
		{"bash", "../../.ci/run"},
		{"yaml", "../../content/rules/*.md"}, // front matter, then prose: YAML meets the unexpected
		{"jsonata", "../../layouts/assets/search.js"},
		{"jungle", "../../go.mod"},
	} {
		names, _ := filepath.Glob(seed.glob)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				continue
			}
			f.Add(uint8(slices.Index(fuzzLanguages, seed.lang)), string(b[:min(len(b), 1<<10)]))
		}
	}
	f.Add(uint8(slices.Index(fuzzLanguages, "jsonata")), "$x | y")
	f.Add(uint8(slices.Index(fuzzLanguages, "jungle")), "base.excludeAnnotations = $(a)\n!")
	f.Fuzz(func(t *testing.T, which uint8, code string) {
		if len(code) > 2<<10 {
			return // a regular expression that backtracks can take its full 250 ms per match
		}
		lexer := langs[int(which)%len(langs)]
		name := lexer.Config().Name
		buf, err := highlightWithin(lexer, code, highlightBudget)
		switch {
		case err == nil:
			if !strings.HasPrefix(string(*buf), "<pre") || !strings.HasSuffix(string(*buf), "</pre>") {
				t.Errorf("highlightWithin(%s, %q) = %q; want a pre block", name, code, *buf)
			}
			codeBuffers.Put(buf)
		case errors.Is(err, errStuck) && knownStuck[name]:
		case errors.Is(err, errSlow):
			// The budget doing its job: the block is shown as plain text.
			// Under the fuzzer's coverage instrumentation on a busy machine
			// a backtracking expression can run into chroma's 250 ms
			// timeout many times over, so time alone is not a finding
			// here: a CI run at load 3 once failed on a 1,197-byte input
			// and then spent minutes minimizing it, 5 s a try, while a
			// rerun from the same corpus passed. Stuck lexers are caught
			// by their guard, which counts steps, not time.
		default:
			t.Errorf("highlightWithin(%s, %q) error = %v; want it highlighted", name, code, err)
		}
	})
}

// BenchmarkConvertCode converts a page of typical code blocks, the cost
// the budget's goroutine and guard must not noticeably add to.
func BenchmarkConvertCode(b *testing.B) {
	var page strings.Builder
	page.WriteString("## Examples\n\nSome text.\n\n")
	for _, block := range []struct{ lang, code string }{
		{"yaml", "title: Time management\ndescription: One sentence.\nkind: skill\nweight: 90\nreviewed: 2026-11-25\n"},
		{"sql", "SELECT nhs_number, referral_date\nFROM referrals\nWHERE clock_stops IS NULL AND weeks > 18;\n"},
		{"bash", "go run ./generator serve\ngo test ./...\n"},
		{"go", strings.Repeat("func main() {\n\tfmt.Println(\"hello\", 42) // a comment\n}\n", 20)},
		{"python", "def weeks(days):\n    return days // 7  # whole weeks\n"},
		{"json", `{"pathway": "cancer-62", "events": [{"date": "2026-01-05", "kind": "referral"}]}` + "\n"},
	} {
		page.WriteString("```" + block.lang + "\n" + block.code + "```\n\nMore text.\n\n")
	}
	p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 1, Body: []byte(page.String())}
	c := New(nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatchTimeout: every regular expression of a guarded lexer, its
// nested lexers' too, has the whole highlight budget for a match, not
// chroma's 250 ms, so a busy machine cannot change how code is classed.
func TestMatchTimeout(t *testing.T) {
	for _, name := range []string{"sql", "html", "go", "python"} {
		l := guarded().Get(name)
		compile(l)
		sl, ok := l.(*steadyLexer)
		if !ok {
			t.Fatalf("guarded lexer for %s is a %T; want *steadyLexer", name, l)
		}
		rules := reflect.ValueOf(sl.RegexLexer).Elem().FieldByName("rules")
		n := 0
		for it := rules.MapRange(); it.Next(); {
			for i := range it.Value().Len() {
				re := (*regexp2.Regexp)(it.Value().Index(i).Elem().FieldByName("Regexp").UnsafePointer())
				if re.MatchTimeout != highlightBudget {
					t.Errorf("%s: a rule's match timeout is %v; want %v", name, re.MatchTimeout, highlightBudget)
				}
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no compiled rules found", name)
		}
	}
	// HTML's <script> and <style> go to the JavaScript and CSS lexers
	// through the registry: highlighting prepares those too.
	if _, err := highlightWithin(guarded().Get("html"), "<style>p{color:red}</style><script>var x = 1;</script>\n", highlightBudget); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"javascript", "css"} {
		sl := guarded().Get(name).(*steadyLexer)
		rules := reflect.ValueOf(sl.RegexLexer).Elem().FieldByName("rules")
		for it := rules.MapRange(); it.Next(); {
			if re := (*regexp2.Regexp)(it.Value().Index(0).Elem().FieldByName("Regexp").UnsafePointer()); re != nil && re.MatchTimeout != highlightBudget {
				t.Errorf("%s nested in HTML: match timeout %v; want %v", name, re.MatchTimeout, highlightBudget)
			}
		}
	}
}

// TestRawRules: the guard reads a lexer's rules without compiling them,
// as chroma's Rules would, and gets the rules Rules gives.
func TestRawRules(t *testing.T) {
	l := chroma.MustNewLexer(&chroma.Config{Name: "test"}, func() chroma.Rules {
		return chroma.Rules{"root": {{Pattern: `\w+`, Type: chroma.Name}, {Pattern: `\s+`, Type: chroma.Text}}}
	})
	rules, err := rawRules(l)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rules["root"]); got != 2 {
		t.Fatalf("rawRules gave %d root rules; want 2", got)
	}
	if reflect.ValueOf(l).Elem().FieldByName("compiled").Bool() {
		t.Error("rawRules compiled the lexer's regular expressions (chroma may keep its rules function otherwise now: the guard compiles each language twice)")
	}
	for _, name := range []string{"go", "sql", "yaml"} {
		l := lexers.Get(name).(*chroma.RegexLexer)
		raw, err := rawRules(l)
		if err != nil {
			t.Fatal(err)
		}
		want, err := l.Rules()
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) != len(want) {
			t.Fatalf("%s: rawRules gave %d states; Rules %d", name, len(raw), len(want))
		}
		for state, rs := range want {
			got := raw[state]
			if len(got) != len(rs) {
				t.Fatalf("%s: state %s: rawRules gave %d rules; Rules %d", name, state, len(got), len(rs))
			}
			for i := range rs {
				if got[i].Pattern != rs[i].Pattern {
					t.Errorf("%s: state %s rule %d: rawRules pattern %q; Rules %q", name, state, i, got[i].Pattern, rs[i].Pattern)
				}
			}
		}
	}
}

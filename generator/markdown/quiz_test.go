package markdown

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"ppchandbook/generator/content"
)

// parseBlock runs parseQuiz over block as the body of a ```quiz fence, the
// way goldmark hands it over: one segment per line, offsets into src.
func parseBlock(block string) (src []byte, q *quiz, problems []quizProblem) {
	src = []byte("```quiz\n" + block + "```\n")
	segs := text.NewSegments()
	start := len("```quiz\n")
	for line := range strings.Lines(block) {
		segs.Append(text.NewSegment(start, start+len(line)))
		start += len(line)
	}
	q, problems = parseQuiz(src, segs, 3)
	return src, q, problems
}

// summary writes a parsed quiz compactly: "question [right* wrong] (explanation)".
func summary(src []byte, q *quiz) []string {
	var out []string
	for _, qn := range q.questions {
		var opts []string
		for _, o := range qn.options {
			s := o.text.plain(src)
			if o.right {
				s += "*"
			}
			opts = append(opts, s)
		}
		out = append(out, fmt.Sprintf("%s [%s] (%s)", qn.text.plain(src), strings.Join(opts, " | "), qn.explain.plain(src)))
	}
	return out
}

func TestParseQuiz(t *testing.T) {
	tests := []struct {
		name, block string
		want        []string
	}{
		{"one right answer",
			"? What stops the clock?\n- [ ] A letter\n- [x] Treatment\n> First definitive treatment stops it.\n",
			[]string{"What stops the clock? [A letter | Treatment*] (First definitive treatment stops it.)"}},
		{"several right answers, X and other bullets",
			"? Which stop a clock?\n* [X] Treatment\n+ [x] Active monitoring\n- [ ] A test\n> Both do.\n",
			[]string{"Which stop a clock? [Treatment* | Active monitoring* | A test] (Both do.)"}},
		{"two questions with blank lines between",
			"? One?\n- [x] a\n- [ ] b\n> Because.\n\n\n? Two?\n- [ ] c\n- [x] d\n> So.\n",
			[]string{"One? [a* | b] (Because.)", "Two? [c | d*] (So.)"}},
		{"indented lines continue the line above",
			"? A long question\n  that wraps.\n- [x] A long\n  option\n- [ ] b\n> An explanation\n  that wraps.\n",
			[]string{"A long question that wraps. [A long option* | b] (An explanation that wraps.)"}},
		{"indented options and explanation",
			"? Q?\n  - [x] a\n  - [ ] b\n  > Why.\n",
			[]string{"Q? [a* | b] (Why.)"}},
		{"explanation over several lines and paragraphs",
			"? Q?\n- [x] a\n- [ ] b\n> One.\n>\n> Two.\n\n> Three.\n",
			[]string{"Q? [a* | b] (One. Two. Three.)"}},
		{"no space after the markers",
			"?Q?\n-[x] a\n- [ ]b\n>Why.\n",
			nil, // "-[x]" is not a bullet: see the errors test
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, q, problems := parseBlock(tt.block)
			if tt.want == nil {
				if len(problems) == 0 {
					t.Errorf("parseQuiz(%q) problems = none; want some", tt.block)
				}
				return
			}
			if got := summary(src, q); !slices.Equal(got, tt.want) || len(problems) > 0 {
				t.Errorf("parseQuiz(%q) = %q, %v; want %q, no problems", tt.block, got, problems, tt.want)
			}
		})
	}
	t.Run("paragraph breaks are kept in explanations", func(t *testing.T) {
		block := "? Q?\n- [x] a\n- [ ] b\n> One.\n>\n> Two.\n"
		src, q, _ := parseBlock(block)
		var lines []string
		for _, s := range q.questions[0].explain.lines {
			lines = append(lines, string(s.Value(src)))
		}
		if want := []string{"One.\n", "\n", "Two.\n"}; !slices.Equal(lines, want) {
			t.Errorf("parseQuiz(%q) explanation lines = %q; want %q", block, lines, want)
		}
	})
}

// convertQuiz converts body as content/x.md with the body starting on file
// line first, and returns the errors and warnings as strings.
func convertQuiz(t *testing.T, body string, first int, raw bool) (doc *Doc, errs, warns []string) {
	t.Helper()
	p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: first, Body: []byte(body),
		Meta: content.Meta{Kind: content.KindPage, RawHTML: raw}}
	doc, err := New(nil).Convert(p)
	w, e := content.Warnings(err)
	for _, err := range e {
		errs = append(errs, err.Error())
	}
	for _, err := range w {
		warns = append(warns, err.Error())
	}
	return doc, errs, warns
}

func TestConvertQuizErrors(t *testing.T) {
	const (
		noExplanation = `question has no explanation: add a line starting with "> " below its options to say why the answer is right`
		ok            = "- [x] right\n- [ ] wrong\n> Why.\n"
	)
	tests := []struct {
		name, body  string
		first       int // file line where the body starts
		errs, warns []string
	}{
		{"no options", "```quiz\n? Q?\n> Why.\n```\n", 1,
			[]string{`content/x.md:2:1: quiz: question has no options: add at least two below it, like "- [ ] a wrong answer" and "- [x] the right answer"`}, nil},
		{"one option", "```quiz\n? Q?\n- [x] a\n> Why.\n```\n", 1,
			[]string{`content/x.md:2:1: quiz: question has only one option: add at least one more, like "- [ ] a wrong answer"`}, nil},
		{"no right option", "```quiz\n? Q?\n- [ ] a\n- [ ] b\n> Why.\n```\n", 1,
			[]string{`content/x.md:2:1: quiz: question has no right answer: mark each right option with [x], like "- [x] the right answer"`}, nil},
		{"duplicate options, ignoring case and spacing", "```quiz\n? Q?\n- [x] Treatment  starts\n- [ ] a\n- [ ] treatment starts\n> Why.\n```\n", 1,
			[]string{`content/x.md:5:1: quiz: option "treatment starts" is the same as option 1 of this question: give each option its own wording`}, nil},
		{"option before any question", "```quiz\n- [x] a\n" + "? Q?\n" + ok + "```\n", 1,
			[]string{`content/x.md:2:1: quiz: option before any question: start the question with "? " on a line above`}, nil},
		{"explanation before any question", "```quiz\n> Why.\n" + "? Q?\n" + ok + "```\n", 1,
			[]string{`content/x.md:2:1: quiz: explanation before any question: start the question with "? " on a line above`}, nil},
		{"no explanation is a warning", "```quiz\n? Q?\n- [x] a\n- [ ] b\n```\n", 1,
			nil, []string{"content/x.md:2:1: warning: quiz: " + noExplanation}},
		{"empty explanation is a warning", "```quiz\n? Q?\n- [x] a\n- [ ] b\n>\n```\n", 1,
			nil, []string{"content/x.md:2:1: warning: quiz: " + noExplanation}},
		{"unknown line", "```quiz\n? Q?\n" + ok + "1. Refer back\n```\n", 1,
			[]string{`content/x.md:6:1: quiz: line not understood: "1. Refer back": start a question with "? ", an option with "- [ ] " (or "- [x] " for a right one), an explanation with "> ", or indent the line to continue the one above`}, nil},
		{"unindented text after a question", "```quiz\n? Q?\nmore words\n" + ok + "```\n", 1,
			[]string{`content/x.md:3:1: quiz: line not understood: "more words": start a question with "? ", an option with "- [ ] " (or "- [x] " for a right one), an explanation with "> ", or indent the line to continue the one above`}, nil},
		{"option without a box", "```quiz\n? Q?\n" + ok + "- maybe\n```\n", 1,
			[]string{`content/x.md:6:1: quiz: option "maybe" has no box: write "- [ ] maybe" for a wrong answer or "- [x] maybe" for a right one`}, nil},
		{"option with a box typo", "```quiz\n? Q?\n" + ok + "- [v] maybe\n   more\n- []\n```\n", 1,
			[]string{
				`content/x.md:6:1: quiz: option box "[v]" not understood: write "- [ ] " for a wrong answer or "- [x] " for a right one`,
				`content/x.md:8:1: quiz: option box "[]" not understood: write "- [ ] " for a wrong answer or "- [x] " for a right one`,
			}, nil},
		{"option without a box that starts with a link", "```quiz\n? Q?\n" + ok + "- [the rules](rules.md)\n```\n", 1,
			[]string{`content/x.md:6:1: quiz: option "[the rules](rules.md)" has no box: write "- [ ] [the rules](rules.md)" for a wrong answer or "- [x] [the rules](rules.md)" for a right one`}, nil},
		{"inside a quote", "> ```quiz\n> ? Q?\n> - [x] a\n> - [ ] b\n> - [ ] B\n> > Why.\n> ```\n", 1,
			[]string{`content/x.md:5:3: quiz: option "B" is the same as option 2 of this question: give each option its own wording`}, nil},
		{"option after the explanation", "```quiz\n? Q?\n- [x] a\n> Why.\n- [ ] b\n- [ ] c\n```\n", 1,
			[]string{`content/x.md:5:1: quiz: option after the explanation: move the "> " lines below the question's last option`}, nil},
		{"empty question and option", "```quiz\n?\n- [x]\n- [ ] b\n> Why.\n```\n", 1,
			[]string{
				`content/x.md:2:1: quiz: question has no text: write it after the "?"`,
				`content/x.md:3:1: quiz: option has no text: write it after the box`,
			}, nil},
		{"no questions", "Text.\n\n```quiz\n\n```\n", 1,
			[]string{`content/x.md:3:4: quiz: the quiz has no questions: start each question with "? "`}, nil},
		{"every problem at once, at file lines", "```quiz\n? One?\n- [x] a\n\n? Two?\n- [ ] a\n- [ ] b\n> Why.\n```\n", 1,
			[]string{
				`content/x.md:2:1: quiz: question has only one option: add at least one more, like "- [ ] a wrong answer"`,
				`content/x.md:5:1: quiz: question has no right answer: mark each right option with [x], like "- [x] the right answer"`,
			}, []string{"content/x.md:2:1: warning: quiz: " + noExplanation}},
		{"quiz at body line 10 of a page whose body starts at file line 5",
			strings.Repeat("Text.\n", 9) + "```quiz\n? Fine?\n" + ok + "\n? Wrong?\n- [x] a\n- [x] A\n> Why.\n```\n", 5,
			[]string{`content/x.md:22:1: quiz: option "A" is the same as option 1 of this question: give each option its own wording`}, nil},
		{"inside a list item, with its column", "- Step one:\n\n  ```quiz\n  ? Q?\n  - [x] a\n  > Why.\n  ```\n", 3,
			[]string{`content/x.md:6:3: quiz: question has only one option: add at least one more, like "- [ ] a wrong answer"`}, nil},
		{"info string in capitals", "```Quiz\n? Q?\n- [x] a\n> Why.\n```\n", 1,
			[]string{`content/x.md:2:1: quiz: question has only one option: add at least one more, like "- [ ] a wrong answer"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, warns := convertQuiz(t, tt.body, tt.first, false)
			if !slices.Equal(errs, tt.errs) || !slices.Equal(warns, tt.warns) {
				t.Errorf("Convert(%q at line %d) errors =\n%s\nwarnings =\n%s\nwant errors =\n%s\nwarnings =\n%s",
					tt.body, tt.first, strings.Join(errs, "\n"), strings.Join(warns, "\n"), strings.Join(tt.errs, "\n"), strings.Join(tt.warns, "\n"))
			}
		})
	}
	t.Run("errors are content errors, with their place", func(t *testing.T) {
		p := &content.Page{Path: "x.md", File: "content/x.md", Line: 5, Body: []byte("```quiz\n? Q?\n```\n")}
		_, err := New(nil).Convert(p)
		var ce *content.Error
		if !errors.As(err, &ce) || ce.File != "content/x.md" || ce.Line != 6 || ce.Col != 1 || ce.Warn {
			t.Errorf("Convert(%q at line 5) error = %#v; want a *content.Error at content/x.md:6:1", p.Body, err)
		}
	})
}

const quizPage = "## RTT\n\n" +
	"```quiz\n" +
	"? A patient does not attend their **first** appointment. What happens to the `RTT` clock?\n" +
	"- [ ] It pauses until they rebook\n" +
	"- [x] It is stopped and *nullified*\n" +
	"- [ ] It carries on <script>alert(1)</script>\n" +
	"> Since 2015 there are no pauses. See [the rules](rules.md).\n" +
	">\n" +
	"> - Second paragraph as a list.\n" +
	"\n" +
	"? Which of these stop an RTT clock?\n" +
	"- [x] Treatment starts\n" +
	"- [x] Active monitoring\n" +
	"- [ ] # of weeks passes\n" +
	"> Both are clock stops.\n" +
	"```\n\n" +
	"Between.\n\n" +
	"```quiz\n" +
	"? Which stop a clock? (choose all that apply)\n" +
	"- [x] a\n- [x] b\n- [ ] c\n" +
	"> It's why.\n" +
	"```\n"

func TestConvertQuiz(t *testing.T) {
	p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: 3, Body: []byte(quizPage),
		Meta: content.Meta{Kind: content.KindPage}}
	resolve := func(_ *content.Page, dest string) (string, bool) {
		return "../" + strings.TrimSuffix(dest, ".md") + "/", true
	}
	doc, err := New(resolve).Convert(p)
	if err != nil {
		t.Fatalf("Convert(quizPage) error = %v; want none", err)
	}
	html := string(doc.HTML)

	for _, want := range []string{
		`<section class="quiz" id="quiz-5" aria-labelledby="quiz-5-title">`,
		`<p class="quiz-title" id="quiz-5-title">Knowledge check</p>`,
		`<p class="quiz-title" id="quiz-23-title">Knowledge check 2</p>`,
		`<fieldset class="quiz-question" id="quiz-5-q1" data-answers="one">`,
		`<legend><span class="quiz-number">1.</span> A patient does not attend their <strong>first</strong> appointment. What happens to the <code>RTT</code> clock?</legend>`,
		`<input type="radio" name="quiz-5-q1" id="quiz-5-q1-2" value="2" data-right><label for="quiz-5-q1-2">It is stopped and <em>nullified</em></label>`,
		`<label for="quiz-5-q1-3">It carries on &lt;script&gt;alert(1)&lt;/script&gt;</label>`,
		`<fieldset class="quiz-question" id="quiz-5-q2" data-answers="several">`,
		`Which of these stop an RTT clock? <span class="quiz-hint">(choose all that apply)</span></legend>`,
		`<input type="checkbox" name="quiz-5-q2" id="quiz-5-q2-1" value="1" data-right>`,
		`<label for="quiz-5-q2-3"># of weeks passes</label>`, // shown as typed, not a heading
		`<details class="quiz-answer">` + "\n<summary>Show the answer</summary>\n" +
			`<p class="quiz-right"><strong>Right answer:</strong> It is stopped and <em>nullified</em></p>`,
		"<p class=\"quiz-right\"><strong>Right answers:</strong></p>\n<ul>\n<li>Treatment starts</li>\n<li>Active monitoring</li>\n</ul>",
		`<a href="../rules/">the rules</a>`,
		"<li>Second paragraph as a list.</li>",
		`(choose all that apply)</legend>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("Convert(quizPage) HTML lacks\n%s\nin\n%s", want, html)
		}
	}
	if n := strings.Count(html, `(choose all that apply)`); n != 2 {
		t.Errorf("Convert(quizPage) HTML says \"(choose all that apply)\" %d times; want 2 (once added, once written)", n)
	}
	for _, bad := range []string{"<script", "<h1", "<h2 id=\"of", "<h3", "<pre"} {
		if strings.Contains(html, bad) {
			t.Errorf("Convert(quizPage) HTML contains %q; want none:\n%s", bad, html)
		}
	}
	if len(doc.Headings) != 1 {
		t.Errorf("Convert(quizPage) Headings = %+v; want only the page's own", doc.Headings)
	}

	t.Run("ids are unique and every label names an input", func(t *testing.T) {
		ids := map[string]int{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(html, -1) {
			ids[m[1]]++
		}
		for id, n := range ids {
			if n > 1 {
				t.Errorf("Convert(quizPage) id %q used %d times; want once", id, n)
			}
			if _, ok := doc.IDs[id]; !ok {
				t.Errorf("Convert(quizPage) Doc.IDs lacks %q", id)
			}
		}
		labels := regexp.MustCompile(`<label for="([^"]*)"`).FindAllStringSubmatch(html, -1)
		if len(labels) != 9 {
			t.Errorf("Convert(quizPage) has %d labels; want 9", len(labels))
		}
		for _, m := range labels {
			if !strings.Contains(html, `<input type="`) || !regexp.MustCompile(`<input [^>]*id="`+m[1]+`"`).MatchString(html) {
				t.Errorf("Convert(quizPage) label for=%q names no input", m[1])
			}
		}
	})

	t.Run("links are checked and question text is searchable", func(t *testing.T) {
		if want := (Link{Dest: "rules.md", Line: 10, Col: 39}); !slices.Contains(doc.Links, want) {
			t.Errorf("Convert(quizPage) Links = %+v; want %+v", doc.Links, want)
		}
		var words string
		for _, s := range doc.Text {
			words += s.Text + "\n"
		}
		for _, want := range []string{"What happens to the RTT clock?", "It is stopped and nullified", "Since 2015 there are no pauses.", "Which stop a clock?", "It’s why."} {
			if !strings.Contains(words, want) {
				t.Errorf("Convert(quizPage) Text = %q; want it to hold %q", words, want)
			}
		}
	})

	t.Run("raw HTML is escaped even on raw_html pages", func(t *testing.T) {
		doc, errs, _ := convertQuiz(t, quizPage, 1, true)
		if len(errs) > 0 || strings.Contains(string(doc.HTML), "<script") {
			t.Errorf("Convert(quizPage, raw_html) = %s, %q; want no <script and no errors", doc.HTML, errs)
		}
	})

	t.Run("a quiz with errors is shown as typed", func(t *testing.T) {
		doc, errs, _ := convertQuiz(t, "```quiz\n? <b>Q</b>\n```\n", 1, false)
		if len(errs) == 0 || !strings.Contains(string(doc.HTML), "<pre") || strings.Contains(string(doc.HTML), "<b>") {
			t.Errorf("Convert(bad quiz) = %s, %q; want an error and the escaped text in a <pre>", doc.HTML, errs)
		}
	})
}

// FuzzQuiz puts arbitrary text in a quiz block, fenced so that nothing in
// it can close the fence: parsing must not panic, every problem must have a
// line in the page, and no script may reach the page, even with raw_html.
func FuzzQuiz(f *testing.F) {
	for _, s := range []string{
		"? Q?\n- [ ] a\n- [x] b\n> Why.\n",
		"? Q?\n- [x] a\n- [x] b\n- [ ] c\n> Why.\n>\n> More.\n",
		"? Long\n  question\n  - [x] a\n  - [ ] b\n",
		"- [x] a\n? Q\n- [v] b\n- c\n> x\n- [ ] d\nzzz\n",
		"? <script>alert(1)</script>\n- [x] [a](javascript:alert(1))\n- [ ] `<script>`\n> <SCRIPT>x</SCRIPT>\n",
		"? # heading\n- [x] 1. list\n- [ ] > quote\n> # heading\n> ---\n",
		"\t? tab\n\t- [x]\ta\n\t- [ ]\tb\n\t>\twhy\n",
		"?\n-\n- [\n- [x\n>\n",
		"? Q\r\n- [x] a\r\n- [ ] b\r\n",
	} {
		f.Add(s, uint16(1))
	}
	c := New(nil)
	script := regexp.MustCompile(`(?i)<script|(href|src)\s*=\s*"\s*javascript:`)
	id := regexp.MustCompile(` id="([^"]*)"`)
	f.Fuzz(func(t *testing.T, block string, line uint16) {
		fence := "```" + strings.Repeat("`", longestRun(block, '`'))
		body := "Intro.\n\n" + fence + "quiz\n" + block + "\n" + fence + "\n"
		p := &content.Page{Path: "x.md", File: "content/x.md", URL: "x/", Line: int(line) + 1, Body: []byte(body),
			Meta: content.Meta{Kind: content.KindPage, RawHTML: true}}
		doc, err := c.Convert(p)
		last := p.Line + strings.Count(body, "\n")
		for _, e := range content.Errors(err) {
			var ce *content.Error
			if !errors.As(e, &ce) || ce.Line < p.Line || ce.Line > last || ce.Col < 1 {
				t.Errorf("Convert(%q) error %v; want a *content.Error at a line from %d to %d", body, e, p.Line, last)
			}
		}
		if m := script.FindString(doc.HTML); m != "" {
			t.Errorf("Convert(%q) HTML contains %q:\n%s", body, m, doc.HTML)
		}
		seen := map[string]bool{}
		for _, m := range id.FindAllStringSubmatch(string(doc.HTML), -1) {
			if seen[m[1]] {
				t.Errorf("Convert(%q) id %q used twice:\n%s", body, m[1], doc.HTML)
			}
			seen[m[1]] = true
		}
	})
}

// longestRun is the length of the longest run of b in s.
func longestRun(s string, b byte) int {
	longest, run := 0, 0
	for i := range len(s) {
		if s[i] == b {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// # Knowledge checks
//
// A fenced block whose info string is "quiz" is a knowledge check: a few
// multiple-choice questions a trainee answers on the page. It is written
// like a Markdown task list, one kind of line for each part:
//
//	```quiz
//	? A patient does not attend their first outpatient appointment. What happens to the RTT clock?
//	- [ ] It pauses until they rebook
//	- [x] It is stopped and nullified; a new clock starts if they rebook
//	- [ ] It carries on running
//	> Since October 2015 there are no pauses: a first "did not attend"
//	> nullifies the clock.
//
//	? Which of these stop an RTT clock?
//	- [x] Start of first definitive treatment
//	- [x] A decision to start active monitoring
//	- [ ] A diagnostic test before admission
//	> Diagnostics are part of the pathway, so the clock keeps running.
//	```
//
// The lines are:
//
//   - "? " starts a question.
//   - "- [ ] " is a wrong option and "- [x] " a right one ("*" or "+" may
//     stand for "-", and "X" for "x"). Each question needs at least two
//     options, worded differently, and at least one right one. One right
//     option gives round buttons; more than one gives tick boxes, and the
//     question is followed by "(choose all that apply)" unless its text
//     already says "that apply".
//   - "> " lines after the options are the explanation, shown with the
//     answer. A line of just ">" starts a new paragraph.
//   - An indented line that starts with none of these continues the line
//     above, so a long question can be wrapped.
//   - Blank lines are ignored: use them to separate questions.
//
// Questions, options and explanations may use inline Markdown (**bold**,
// *italics*, `code`, links to other pages), rendered by goldmark and checked
// like any other link; explanations may also hold lists. Raw HTML is always
// shown as the text typed, even on raw_html pages. Where the text of a
// question or option would turn into a heading or list ("- [ ] 1. Refer",
// "- [ ] # of weeks"), or an explanation into a heading, it is shown
// exactly as typed instead.
//
// A mistake in a quiz stops the build with the file, the line and what to
// change. A question without an explanation is only a warning.
//
// A quiz renders without script: a <section class="quiz"> labelled
// "Knowledge check" ("Knowledge check 2" and so on for later quizzes on the
// page; a paragraph, not a heading, so the page outline stays as written), a <fieldset> per question, and a "Show the answer"
// <details>. layouts/assets/quiz.js adds a "Check this answer" button to
// each question, "Check all answers" and a score. Element ids come from the line of the opening fence ("quiz-14",
// "quiz-14-q1", "quiz-14-q1-2"): unique on the page, but they change when
// lines are added above, so don't link to them.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown/dialect"
)

// quizAttr is the node attribute that carries a checked *quiz from the
// walker to the code renderer. No renderer prints a fenced block's
// attributes, so the Go value never reaches the page.
const quizAttr = "data-quiz"

// quiz is one ```quiz block, parsed and checked.
type quiz struct {
	id, titleID string // unique on the page, from the fence's line: "quiz-14"
	title       string // "Knowledge check", numbered from the page's second quiz
	questions   []*question
}

type question struct {
	id            string // of the fieldset, and the name of its inputs
	off           int    // body offset of the "?", for messages
	text          quizText
	options       []*option
	explain       quizText // no lines when the educator wrote none
	saysThatApply bool     // the text already says "(choose all) that apply"
}

type option struct {
	id    string
	off   int // body offset of the "-"
	text  quizText
	right bool
}

// quizText is one part of a quiz as Markdown: its lines as offsets into the
// page body, so links and messages keep their true place, and its HTML once
// the walker has rendered it.
type quizText struct {
	lines []text.Segment
	html  []byte
}

// plain is the text as typed, lines joined by spaces.
func (t quizText) plain(src []byte) string {
	var b strings.Builder
	for _, s := range t.lines {
		if v := bytes.TrimSpace(s.Value(src)); len(v) > 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.Write(v)
		}
	}
	return b.String()
}

func (q *question) rights() int {
	n := 0
	for _, o := range q.options {
		if o.right {
			n++
		}
	}
	return n
}

// quizProblem is a mistake in a quiz block, at a body offset.
type quizProblem struct {
	off  int
	msg  string
	warn bool
}

// isQuiz reports whether n is a ```quiz block. Case is ignored so that
// "```Quiz" does not silently appear as code.
func isQuiz(n ast.Node, src []byte) (*ast.FencedCodeBlock, bool) {
	f, ok := n.(*ast.FencedCodeBlock)
	if !ok || f.Info == nil {
		return nil, false
	}
	words := strings.Fields(string(f.Info.Segment.Value(src)))
	return f, len(words) > 0 && strings.EqualFold(words[0], "quiz")
}

// parseQuiz reads the lines of a quiz block from src. fence is the offset of
// the block's info string, where a problem with the whole block is reported.
// Every problem is returned, in order, so an educator can fix them in one go.
func parseQuiz(src []byte, lines *text.Segments, fence int) (*quiz, []quizProblem) {
	p := quizParser{src: src}
	for i := range lines.Len() {
		p.line(lines.At(i))
	}
	p.finish()
	if len(p.quiz.questions) == 0 && len(p.problems) == 0 {
		p.problem(fence, `the quiz has no questions: start each question with "? "`)
	}
	return &p.quiz, p.problems
}

// quizParser holds the state of parseQuiz between lines.
type quizParser struct {
	src      []byte
	quiz     quiz
	problems []quizProblem
	cur      *question     // the question being read
	last     *quizText     // what an indented line continues
	blank    *text.Segment // a blank line just read, for paragraphs in explanations
	late     bool          // cur already has an "option after explanation" problem
}

func (p *quizParser) problem(off int, format string, args ...any) {
	p.problems = append(p.problems, quizProblem{off: off, msg: fmt.Sprintf(format, args...)})
}

func (p *quizParser) line(seg text.Segment) {
	// The segment's Padding (a tab split by a list's indent) is left out:
	// offsets must point into the body for messages and links.
	raw := p.src[seg.Start:seg.Stop]
	trimmed := bytes.TrimLeft(raw, " \t")
	off := seg.Start + len(raw) - len(trimmed)
	body := bytes.TrimRight(trimmed, " \t\r\n")
	blank := p.blank
	p.blank = nil
	switch {
	case len(body) == 0:
		p.blank = &seg
	case body[0] == '?':
		p.question(off, rest(p.src, off+1, seg.Stop))
	case isBullet(body):
		p.option(off, body, seg.Stop)
	case body[0] == '>':
		p.explanation(off, seg.Stop, blank)
	case off > seg.Start && p.last != nil:
		p.last.lines = append(p.last.lines, text.NewSegment(off, seg.Stop))
	default:
		p.problem(off, `line not understood: %q: start a question with "? ", an option with "- [ ] " (or "- [x] " for a right one), an explanation with "> ", or indent the line to continue the one above`, clip(string(body)))
	}
}

func (p *quizParser) question(off int, txt text.Segment) {
	p.finish()
	p.cur = &question{off: off, text: quizText{lines: []text.Segment{txt}}}
	p.late = false
	p.last = &p.cur.text
	p.quiz.questions = append(p.quiz.questions, p.cur)
	if len(bytes.TrimSpace(txt.Value(p.src))) == 0 {
		p.problem(off, `question has no text: write it after the "?"`)
	}
}

// option reads "- [x] text" from body, the line from off to stop with its
// spaces trimmed. The box is checked before anything else, so a typo in it
// is reported as such.
func (p *quizParser) option(off int, body []byte, stop int) {
	after := bytes.TrimLeft(body[1:], " \t")
	box := off + len(body) - len(after) // offset of the "["
	var right bool
	switch {
	case bytes.HasPrefix(after, []byte("[ ]")):
	case bytes.HasPrefix(after, []byte("[x]")), bytes.HasPrefix(after, []byte("[X]")):
		right = true
	default:
		p.last = &quizText{} // swallows continuation lines: one message is enough
		// A box is "[" and "]" around at most two characters ("[]", "[v]",
		// "[✓]", "[ x]"); anything longer is the option's own text.
		if end := bytes.IndexByte(after, ']'); end > 0 && after[0] == '[' && utf8.RuneCount(after[1:end]) <= 2 {
			p.problem(off, `option box %q not understood: write "- [ ] " for a wrong answer or "- [x] " for a right one`, after[:end+1])
			return
		}
		words := clip(string(after))
		p.problem(off, `option %q has no box: write "- [ ] %s" for a wrong answer or "- [x] %s" for a right one`, words, words, words)
		return
	}
	if p.cur == nil {
		p.problem(off, `option before any question: start the question with "? " on a line above`)
		p.last = &quizText{}
		return
	}
	o := &option{off: off, right: right, text: quizText{lines: []text.Segment{rest(p.src, box+3, stop)}}}
	p.last = &o.text
	if len(p.cur.explain.lines) > 0 && !p.late {
		p.problem(off, `option after the explanation: move the "> " lines below the question's last option`)
		p.late = true
	}
	words := o.text.plain(p.src)
	if words == "" {
		p.problem(off, `option has no text: write it after the box`)
	}
	for i, prev := range p.cur.options {
		if words != "" && sameWords(words, prev.text.plain(p.src)) {
			p.problem(off, `option %q is the same as option %d of this question: give each option its own wording`, clip(words), i+1)
			break
		}
	}
	p.cur.options = append(p.cur.options, o)
}

// explanation reads a "> " line from off to stop. A blank line between two
// of them, like a line of just ">", starts a new paragraph.
func (p *quizParser) explanation(off, stop int, blank *text.Segment) {
	if p.cur == nil {
		p.problem(off, `explanation before any question: start the question with "? " on a line above`)
		p.last = &quizText{}
		return
	}
	e := &p.cur.explain
	if blank != nil && len(e.lines) > 0 && p.last == e {
		e.lines = append(e.lines, *blank)
	}
	// One space after ">" belongs to the marker, as in a Markdown quote;
	// any more is indentation for the explanation's own Markdown.
	start := off + 1
	if start < stop && p.src[start] == ' ' {
		start++
	}
	e.lines = append(e.lines, text.NewSegment(start, stop))
	p.last = e
}

// finish checks the question just read, now that all its lines are known.
func (p *quizParser) finish() {
	q := p.cur
	if q == nil {
		return
	}
	switch len(q.options) {
	case 0:
		p.problem(q.off, `question has no options: add at least two below it, like "- [ ] a wrong answer" and "- [x] the right answer"`)
	case 1:
		p.problem(q.off, `question has only one option: add at least one more, like "- [ ] a wrong answer"`)
	}
	if len(q.options) > 0 && q.rights() == 0 {
		p.problem(q.off, `question has no right answer: mark each right option with [x], like "- [x] the right answer"`)
	}
	if q.explain.plain(p.src) == "" {
		p.problems = append(p.problems, quizProblem{off: q.off, warn: true,
			msg: `question has no explanation: add a line starting with "> " below its options to say why the answer is right`})
	}
	q.saysThatApply = strings.Contains(strings.ToLower(q.text.plain(p.src)), "that apply")
	p.cur = nil
}

// rest is the text of a line from start to stop with the spaces after a
// marker dropped. It keeps the newline: goldmark reads text line by line.
func rest(src []byte, start, stop int) text.Segment {
	for start < stop && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	return text.NewSegment(min(start, stop), stop)
}

// isBullet reports whether body starts like a Markdown list item: "-", "*"
// or "+", then a space or nothing.
func isBullet(body []byte) bool {
	if body[0] != '-' && body[0] != '*' && body[0] != '+' {
		return false
	}
	return len(body) == 1 || body[1] == ' ' || body[1] == '\t'
}

// sameWords compares option texts as a reader would: ignoring case and
// spacing.
func sameWords(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// clip shortens s for quoting in a message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// quiz handles n if it is a ```quiz block: it reports the block's problems
// at their file lines, gives the quiz unique ids, renders its Markdown
// (rewriting and recording links as for the rest of the page), adds its
// words to the search text and hangs the result on n for renderQuiz. A quiz
// with errors is left as a code block: the build fails anyway, and the
// educator sees what they typed.
func (w *walker) quiz(n ast.Node) bool {
	f, ok := isQuiz(n, w.src)
	if !ok {
		return false
	}
	fence := f.Info.Segment.Start
	q, problems := parseQuiz(w.src, f.Lines(), fence)
	failed := false
	for _, p := range problems {
		line, col := w.lines.at(w.src, p.off)
		if p.warn {
			w.errs = append(w.errs, content.Warnf(w.page.File, line, col, "quiz: %s", p.msg))
		} else {
			w.errs = append(w.errs, content.Errorf(w.page.File, line, col, "quiz: %s", p.msg))
			failed = true
		}
	}
	if failed {
		return true
	}
	w.quizzes++
	q.title = "Knowledge check"
	if w.quizzes > 1 {
		// Several regions with one name can't be told apart in a screen
		// reader's list of landmarks.
		q.title += " " + strconv.Itoa(w.quizzes)
	}
	line, _ := w.lines.at(w.src, fence)
	q.id = w.quizID(fmt.Sprintf("quiz-%d", line), line)
	q.titleID = w.quizID(q.id+"-title", line)
	md := newQuizMarkdown()
	for i, qn := range q.questions {
		line, _ := w.lines.at(w.src, qn.off)
		qn.id = w.quizID(fmt.Sprintf("%s-q%d", q.id, i+1), line)
		w.quizText(md, &qn.text, false)
		for j, o := range qn.options {
			line, _ := w.lines.at(w.src, o.off)
			o.id = w.quizID(fmt.Sprintf("%s-%d", qn.id, j+1), line)
			w.quizText(md, &o.text, false)
		}
		w.quizText(md, &qn.explain, true)
	}
	f.SetAttributeString(quizAttr, q)
	return true
}

// quizID returns a page-unique id close to want, recording it for the
// #anchor check like any other id on the page.
func (w *walker) quizID(want string, line int) string {
	id := string(w.ids.Generate([]byte(want), ast.KindFencedCodeBlock))
	w.doc.IDs[id] = line
	return id
}

// newQuizMarkdown sets up goldmark for the text inside a quiz: the
// dialect's quiz subset, with raw HTML always escaped. goldmark has no public
// inline-only parse, so each part is parsed as a small document of its own.
// It is made per quiz, not kept in the package, and costs little.
func newQuizMarkdown() goldmark.Markdown {
	return goldmark.New(append(dialect.QuizOptions(),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&escapedHTMLRenderer{}, 100))),
	)...)
}

// quizText renders t to HTML. Questions and options become phrasing
// content for a <legend> or <label>, so they must parse as one paragraph;
// explanations may hold any block but a heading, which would change the
// page's outline. Anything else is shown as typed.
func (w *walker) quizText(md goldmark.Markdown, t *quizText, block bool) {
	if len(t.lines) == 0 {
		return
	}
	segs := text.NewSegments()
	for _, s := range t.lines {
		segs.Append(s)
	}
	doc := md.Parser().Parse(text.NewBlockReader(w.src, segs))
	var buf bytes.Buffer
	switch {
	case fitsQuiz(doc, block):
		w.quizWords(doc)
		_ = md.Renderer().Render(&buf, w.src, doc) // writes to memory: no error
		if !block {
			// One paragraph, as fitsQuiz checked: keep what is inside it.
			inner, _ := bytes.CutPrefix(buf.Bytes(), []byte("<p>"))
			inner, _ = bytes.CutSuffix(inner, []byte("</p>\n"))
			t.html = inner
			return
		}
	default:
		plain := t.plain(w.src)
		w.text.WriteString(plain + " ")
		if block {
			buf.WriteString("<p>")
		}
		buf.Write(util.EscapeHTML([]byte(plain)))
		if block {
			buf.WriteString("</p>\n")
		}
	}
	t.html = buf.Bytes()
}

func fitsQuiz(doc ast.Node, block bool) bool {
	if !block {
		_, ok := doc.FirstChild().(*ast.Paragraph)
		return ok && doc.ChildCount() == 1
	}
	heading := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Heading); ok {
			heading = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return !heading
}

// quizWords adds the words of a quiz part to the search text and rewrites
// and records its links.
func (w *walker) quizWords(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			w.link(n, string(n.Destination), false, func(d string) { n.Destination = []byte(d) })
		case *ast.Image:
			w.link(n, string(n.Destination), true, func(d string) { n.Destination = []byte(d) })
		case *ast.Text:
			w.text.Write(n.Value(w.src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.text.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes are entities ("&rsquo;").
			w.text.WriteString(html.UnescapeString(string(n.Value)))
		}
		if n.Type() == ast.TypeBlock {
			w.text.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	w.text.WriteByte(' ')
}

// renderQuiz writes the quiz the walker hung on n, if there is one.
func renderQuiz(w util.BufWriter, n ast.Node) bool {
	v, _ := n.AttributeString(quizAttr)
	q, ok := v.(*quiz)
	if !ok {
		return false
	}
	q.render(w)
	return true
}

// render writes the quiz as a form that works without script: the answers
// are in a <details> under each question. Every id was made by the walker
// from digits and ASCII, and every text was rendered or escaped by it.
func (q *quiz) render(w util.BufWriter) {
	fmt.Fprintf(w, "<section class=\"quiz\" id=\"%s\" aria-labelledby=\"%s\">\n", q.id, q.titleID)
	fmt.Fprintf(w, "<p class=\"quiz-title\" id=\"%s\">%s</p>\n", q.titleID, util.EscapeHTML([]byte(q.title)))
	for i, qn := range q.questions {
		number := ""
		if len(q.questions) > 1 {
			number = strconv.Itoa(i+1) + "."
		}
		qn.render(w, number)
	}
	w.WriteString("</section>\n")
}

func (q *question) render(w util.BufWriter, number string) {
	kind, answers := "radio", "one"
	if q.rights() > 1 {
		kind, answers = "checkbox", "several"
	}
	fmt.Fprintf(w, "<fieldset class=\"quiz-question\" id=\"%s\" data-answers=\"%s\">\n<legend>", q.id, answers)
	if number != "" {
		fmt.Fprintf(w, "<span class=\"quiz-number\">%s</span> ", number)
	}
	w.Write(q.text.html)
	if answers == "several" && !q.saysThatApply {
		// Tick boxes and round buttons look alike to many readers, and a
		// screen reader reads the legend with every option.
		w.WriteString(` <span class="quiz-hint">(choose all that apply)</span>`)
	}
	w.WriteString("</legend>\n<ul class=\"quiz-options\">\n")
	for i, o := range q.options {
		right := ""
		if o.right {
			right = " data-right"
		}
		fmt.Fprintf(w, "<li class=\"quiz-option\"><input type=\"%s\" name=\"%s\" id=\"%s\" value=\"%d\"%s><label for=\"%s\">%s</label></li>\n",
			kind, q.id, o.id, i+1, right, o.id, o.text.html)
	}
	w.WriteString("</ul>\n<details class=\"quiz-answer\">\n<summary>Show the answer</summary>\n")
	if answers == "one" {
		w.WriteString(`<p class="quiz-right"><strong>Right answer:</strong> `)
		for _, o := range q.options {
			if o.right {
				w.Write(o.text.html)
			}
		}
		w.WriteString("</p>\n")
	} else {
		w.WriteString("<p class=\"quiz-right\"><strong>Right answers:</strong></p>\n<ul>\n")
		for _, o := range q.options {
			if o.right {
				fmt.Fprintf(w, "<li>%s</li>\n", o.text.html)
			}
		}
		w.WriteString("</ul>\n")
	}
	if len(q.explain.html) > 0 {
		fmt.Fprintf(w, "<div class=\"quiz-explanation\">\n%s</div>\n", q.explain.html)
	}
	w.WriteString("</details>\n</fieldset>\n")
}

package scorm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// progressFile is the generated progress page. Its table is the list of
// pages a trainee marks as read, the same list the page itself counts.
const progressFile = "progress/index.html"

// course is what the adapter needs to know about the whole handbook,
// before the trainee has opened most of it. It is read from the built
// pages, so that it is exactly what the trainee sees.
type course struct {
	Fingerprint string         `json:"fp"`      // of the lists below: suspend data is read only by the package that wrote it
	Mastery     int            `json:"mastery"` // 1–100, or 0 for none
	Pages       []page         `json:"pages"`   // in the progress page's order
	Questions   []int          `json:"quizzes"` // number of questions in each knowledge check
	QuizAt      map[string]int `json:"quizAt"`  // "file#id" of a knowledge check → its index in Questions
}

// page is one row of the progress page.
type page struct {
	Key    string // data-page of the page: progress.js keys by it
	File   string // in the package, e.g. "skills/communication/index.html"
	Checks int    // self-check boxes on the page
}

func (p page) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{p.Key, p.File, p.Checks})
}

// The markup read here is made by the generator itself
// (layout.Progress and markdown's quiz blocks), not by layouts/.
var (
	progressRow = regexp.MustCompile(`<tr data-progress-page="([^"]*)" data-checks="([0-9]+)"[^>]*><th scope="row"><a href="([^"]*)">`)
	quizStart   = regexp.MustCompile(`<section class="quiz" id="([^"]+)"`)
)

// readCourse finds the pages and knowledge checks in the built site.
func readCourse(files map[string][]byte, mastery int) (*course, error) {
	prog, ok := files[progressFile]
	if !ok {
		return nil, errors.New("the built site has no progress page (" + progressFile + "), which lists the pages a trainee reads")
	}
	c := &course{Mastery: mastery, QuizAt: map[string]int{}}
	for _, m := range progressRow.FindAllSubmatch(prog, -1) {
		checks, _ := strconv.Atoi(string(m[2]))
		file := path.Join(path.Dir(progressFile), html.UnescapeString(string(m[3])))
		if _, ok := files[file]; !ok {
			return nil, fmt.Errorf("%s: the row for %q links to %s, which is not in the site", progressFile, m[1], file)
		}
		c.Pages = append(c.Pages, page{Key: html.UnescapeString(string(m[1])), File: file, Checks: checks})
	}
	if len(c.Pages) == 0 {
		return nil, errors.New(progressFile + ": no pages listed")
	}
	readQuizzes(c, files)
	sum := sha256.New()
	json.NewEncoder(sum).Encode([]any{c.Pages, c.Questions})
	c.Fingerprint = hex.EncodeToString(sum.Sum(nil))[:6]
	return c, nil
}

// readQuizzes numbers the knowledge checks of the pages in the progress
// list. The whole-handbook page repeats each of them under an id prefixed
// with its page ("page-rules-rtt--quiz-153", see layout/print.go); a check
// made there counts for the quiz on its own page.
func readQuizzes(c *course, files map[string][]byte) {
	type found struct {
		file, id  string
		questions int
	}
	var copies []found
	for _, p := range c.Pages {
		for _, q := range quizzesIn(files[p.File]) {
			if strings.Contains(q.id, "--") {
				copies = append(copies, found{p.File, q.id, q.questions})
				continue
			}
			c.QuizAt[p.File+"#"+q.id] = len(c.Questions)
			c.Questions = append(c.Questions, q.questions)
		}
	}
	for _, q := range copies {
		prefix, id, _ := strings.Cut(q.id, "--")
		for _, p := range c.Pages {
			if printPrefix(p.File) != prefix {
				continue
			}
			if i, ok := c.QuizAt[p.File+"#"+id]; ok && c.Questions[i] == q.questions {
				c.QuizAt[q.file+"#"+q.id] = i
			}
		}
	}
}

// printPrefix is the id prefix the whole-handbook page gives the
// elements of the page in file.
func printPrefix(file string) string {
	dir := path.Dir(file)
	if dir == "." {
		return "page-home"
	}
	return "page-" + strings.ReplaceAll(dir, "/", "-")
}

type quizFound struct {
	id        string
	questions int
}

// quizzesIn lists the knowledge checks in a page, with their questions.
func quizzesIn(b []byte) []quizFound {
	var out []quizFound
	locs := quizStart.FindAllSubmatchIndex(b, -1)
	for _, loc := range locs {
		rest := b[loc[1]:]
		if end := strings.Index(string(rest), "</section>"); end >= 0 {
			rest = rest[:end]
		}
		n := strings.Count(string(rest), `<fieldset class="quiz-question"`)
		if n > 0 {
			out = append(out, quizFound{id: string(b[loc[2]:loc[3]]), questions: n})
		}
	}
	return slices.Clip(out)
}

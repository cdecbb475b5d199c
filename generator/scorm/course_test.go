package scorm

import (
	"fmt"
	"strings"
	"testing"
)

func TestQuizzesIn(t *testing.T) {
	q := `<fieldset class="quiz-question" id="q">`
	tests := []struct{ name, in, want string }{
		{"none", `<p>No checks.</p>`, "[]"},
		{"one", `<section class="quiz" id="quiz-3">` + q + q + `</section>`, "[{quiz-3 2}]"},
		{"two", `<section class="quiz" id="quiz-3">` + q + `</section><p>x</p><section class="quiz" id="quiz-9">` + q + q + q + `</section>`, "[{quiz-3 1} {quiz-9 3}]"},
		{"questions after its end are not its own", `<section class="quiz" id="quiz-3">` + q + `</section>` + q, "[{quiz-3 1}]"},
		{"no questions", `<section class="quiz" id="quiz-3"></section>`, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmt.Sprint(quizzesIn([]byte(tt.in)))
			if got != tt.want {
				t.Errorf("quizzesIn(%q) = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadCourse(t *testing.T) {
	c, err := readCourse(site(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Pages) != 4 || c.Pages[2] != (page{"skills/listen.md", "skills/listen/index.html", 3}) {
		t.Errorf("pages %v; want four, the third skills/listen.md with 3 checks", c.Pages)
	}
	// The whole-handbook page's copy of quiz-7 counts for it; its
	// quiz-99 has no original and does not count.
	if fmt.Sprint(c.Questions) != "[2]" || len(c.QuizAt) != 2 {
		t.Errorf("questions %v, quizAt %v; want [2] and two places for it", c.Questions, c.QuizAt)
	}
	files := site()
	files[progressFile] = []byte(`<tr data-progress-page="gone.md" data-checks="0"><th scope="row"><a href="../gone/index.html">Gone</a>`)
	if _, err := readCourse(files, 0); err == nil || !strings.Contains(err.Error(), "gone/index.html, which is not in the site") {
		t.Errorf("readCourse with a row for a missing page = %v; want it named", err)
	}
}

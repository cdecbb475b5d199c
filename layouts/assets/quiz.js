// Knowledge checks (```quiz blocks; generator/markdown/quiz.go writes the
// HTML). Without script each question's answer is in its "Show the answer"
// box. With it, each question gets a "Check this answer" button, and the
// quiz a "Check all answers" button at the end. A question is marked, in
// words and never by colour alone, and its answer opened, only once it has
// been answered: checking never gives away a question not yet tried. Once
// every question has been checked the score is announced, and the best
// score is handed to progress.js (a "ppc-quiz-score" event on the quiz)
// for the progress page, and to a learning system's adapter. "Try again" clears everything. Plain DOM, no fetch:
// works from a file share.
(function () {
  "use strict";

  var quizzes = document.querySelectorAll("section.quiz");
  for (var i = 0; i < quizzes.length; i++) setUp(quizzes[i], i + 1);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function button(className, text) {
    var b = el("button", className, text);
    b.type = "button";
    return b;
  }

  // setUp adds the buttons to quiz, the number-th on its page.
  function setUp(quiz, number) {
    var questions = quiz.querySelectorAll("fieldset.quiz-question");
    if (!questions.length) return;
    var feedback = [];
    var results = []; // by question: its result in words once checked, else ""
    for (var i = 0; i < questions.length; i++) {
      (function (q, i) {
        // Described by its feedback, a question announces the result when
        // a screen reader user moves back into it.
        var fb = el("p", "quiz-feedback");
        fb.id = q.id + "-feedback";
        fb.hidden = true;
        var one = button("quiz-check-one", "Check this answer");
        var answer = q.querySelector(".quiz-answer");
        q.insertBefore(one, answer);
        q.insertBefore(fb, answer);
        q.setAttribute("aria-describedby", fb.id);
        feedback.push(fb);
        results.push("");
        one.addEventListener("click", function () {
          results[i] = mark(q, fb);
          scoreIfDone();
        });
      })(questions[i], i);
    }

    var actions = el("div", "quiz-actions");
    var check = button("quiz-check", "Check all answers");
    var reset = button("quiz-reset", "Try again");
    reset.hidden = true;
    actions.appendChild(check);
    actions.appendChild(reset);
    // role="status" is a polite live region: the score is read out after
    // the click without moving focus. It must be in the page before it
    // changes, so it is added now, empty.
    var score = el("p", "quiz-score");
    score.setAttribute("role", "status");
    quiz.appendChild(actions);
    quiz.appendChild(score);

    check.addEventListener("click", function () {
      var open = 0;
      for (var i = 0; i < questions.length; i++) {
        results[i] = mark(questions[i], feedback[i]);
        if (results[i] === "Not answered") open++;
      }
      if (!scoreIfDone()) {
        score.textContent = count() + " " + (open === 1 ? "1 question is" : open + " questions are") +
          " not answered yet: answer " + (open === 1 ? "it" : "them") + " and check again for your score.";
        reset.hidden = false;
      }
    });

    // count says how many of the checked questions are right.
    function count() {
      var right = 0, checked = 0;
      for (var i = 0; i < results.length; i++) {
        if (results[i] && results[i] !== "Not answered") checked++;
        if (results[i] === "Correct") right++;
      }
      return right + " of " + checked + " checked so far correct.";
    }

    // scoreIfDone announces the score once every question is answered and
    // checked, and reports it for the progress page.
    function scoreIfDone() {
      var right = 0, details = [];
      for (var i = 0; i < results.length; i++) {
        if (!results[i] || results[i] === "Not answered") {
          score.textContent = count();
          reset.hidden = false;
          return false;
        }
        if (results[i] === "Correct") right++;
        details.push("Question " + (i + 1) + ": " + results[i].toLowerCase() + ".");
      }
      score.textContent = right + " of " + questions.length + " correct.";
      if (questions.length > 1) {
        score.appendChild(el("span", "visually-hidden", " " + details.join(" ")));
      }
      reset.hidden = false;
      quiz.dispatchEvent(new CustomEvent("ppc-quiz-score", {
        bubbles: true, detail: { quiz: number, right: right, of: questions.length }
      }));
      return true;
    }

    reset.addEventListener("click", function () {
      var inputs = quiz.querySelectorAll("input");
      for (var i = 0; i < inputs.length; i++) inputs[i].checked = false;
      for (i = 0; i < questions.length; i++) {
        clear(questions[i], feedback[i]);
        results[i] = "";
        var d = questions[i].querySelector("details.quiz-answer");
        if (d) d.open = false;
      }
      score.textContent = "";
      reset.hidden = true;
      if (inputs.length) inputs[0].focus(); // the button just hid itself
    });

    // A changed answer makes its marks and the score out of date.
    quiz.addEventListener("change", function (e) {
      for (var i = 0; i < questions.length; i++) {
        if (questions[i].contains(e.target) && !feedback[i].hidden) {
          clear(questions[i], feedback[i]);
          results[i] = "";
          score.textContent = "";
        }
      }
    });
  }

  // mark shows whether question q was answered rightly, in fb and beside
  // each option, opens its answer, and returns the result in words. An
  // unanswered question is only told so: its answer stays hidden.
  function mark(q, fb) {
    clear(q, fb);
    var inputs = q.querySelectorAll("input");
    var answered = false, correct = true;
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) answered = true;
      if (inputs[i].checked !== inputs[i].hasAttribute("data-right")) correct = false;
    }
    fb.hidden = false;
    if (!answered) {
      fb.textContent = "Not answered yet. Choose an answer, then check it.";
      fb.className = "quiz-feedback";
      return "Not answered";
    }
    for (i = 0; i < inputs.length; i++) {
      var input = inputs[i], right = input.hasAttribute("data-right");
      var label = q.querySelector('label[for="' + input.id + '"]');
      if (!label) continue;
      // Inside the label, so the words are part of the option's name.
      if (right) label.appendChild(markText("quiz-mark quiz-mark-right", "\u2713", "right answer"));
      else if (input.checked) label.appendChild(markText("quiz-mark quiz-mark-wrong", "\u2717", "not right"));
    }
    var result = correct ? "Correct" : "Not quite";
    fb.textContent = result + (correct ? "." : ". The right answer is shown below.");
    fb.className = "quiz-feedback " + (correct ? "quiz-feedback-right" : "quiz-feedback-wrong");
    var d = q.querySelector("details.quiz-answer");
    if (d) d.open = true;
    return result;
  }

  function markText(className, symbol, words) {
    var m = el("span", className);
    m.appendChild(document.createTextNode(" "));
    m.appendChild(el("span", "quiz-mark-symbol", symbol)).setAttribute("aria-hidden", "true");
    m.appendChild(document.createTextNode(" " + words));
    return m;
  }

  function clear(q, fb) {
    var marks = q.querySelectorAll(".quiz-mark");
    for (var i = 0; i < marks.length; i++) marks[i].parentNode.removeChild(marks[i]);
    fb.textContent = "";
    fb.hidden = true;
  }
})();

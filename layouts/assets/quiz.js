// Knowledge checks (```quiz blocks; generator/markdown/quiz.go writes the
// HTML). Without script each question's answer is in its "Show the answer"
// box. With it, "Check answers" marks every question and option in words,
// never by colour alone, opens the answers and announces the score;
// "Try again" clears everything. Plain DOM, no fetch: works from a file share.
(function () {
  "use strict";

  var quizzes = document.querySelectorAll("section.quiz");
  for (var i = 0; i < quizzes.length; i++) setUp(quizzes[i]);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function setUp(quiz) {
    var questions = quiz.querySelectorAll("fieldset.quiz-question");
    if (!questions.length) return;
    var feedback = [];
    for (var i = 0; i < questions.length; i++) {
      // Described by its feedback, a question announces the result when
      // a screen reader user moves back into it.
      var fb = el("p", "quiz-feedback");
      fb.id = questions[i].id + "-feedback";
      fb.hidden = true;
      questions[i].insertBefore(fb, questions[i].querySelector(".quiz-answer"));
      questions[i].setAttribute("aria-describedby", fb.id);
      feedback.push(fb);
    }

    var actions = el("div", "quiz-actions");
    var check = el("button", "quiz-check", "Check answers");
    var reset = el("button", "quiz-reset", "Try again");
    check.type = reset.type = "button";
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
      var right = 0, details = [];
      for (var i = 0; i < questions.length; i++) {
        var result = mark(questions[i], feedback[i]);
        if (result === "Correct") right++;
        details.push("Question " + (i + 1) + ": " + result.toLowerCase() + ".");
      }
      score.textContent = right + " of " + questions.length + " correct.";
      if (questions.length > 1) {
        score.appendChild(el("span", "visually-hidden", " " + details.join(" ")));
      }
      reset.hidden = false;
    });

    reset.addEventListener("click", function () {
      var inputs = quiz.querySelectorAll("input");
      for (var i = 0; i < inputs.length; i++) inputs[i].checked = false;
      for (i = 0; i < questions.length; i++) {
        clear(questions[i], feedback[i]);
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
          score.textContent = "";
        }
      }
    });
  }

  // mark shows whether question q was answered rightly, in fb and beside
  // each option, opens its answer, and returns the result in words.
  function mark(q, fb) {
    clear(q, fb);
    var inputs = q.querySelectorAll("input");
    var answered = false, correct = true;
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i], right = input.hasAttribute("data-right");
      if (input.checked) answered = true;
      if (input.checked !== right) correct = false;
      var label = q.querySelector('label[for="' + input.id + '"]');
      if (!label) continue;
      // Inside the label, so the words are part of the option's name.
      if (right) label.appendChild(markText("quiz-mark quiz-mark-right", "\u2713", "right answer"));
      else if (input.checked) label.appendChild(markText("quiz-mark quiz-mark-wrong", "\u2717", "not right"));
    }
    var result = !answered ? "Not answered" : correct ? "Correct" : "Not quite";
    fb.textContent = result + (correct && answered ? "." : ". The right answer is shown below.");
    fb.className = "quiz-feedback " + (correct && answered ? "quiz-feedback-right" : "quiz-feedback-wrong");
    fb.hidden = false;
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

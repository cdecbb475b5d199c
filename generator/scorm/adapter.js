// The SCORM 1.2 adapter, added to the handbook only when it is exported as
// a package (generator/scorm). It has two parts, in one file:
//
// The session runs in scorm/launch.html, the SCO's launch page. It finds
// the LMS's API by the ADL algorithm (up the parent frames, then the
// opener's), calls LMSInitialize once, puts the trainee's saved progress
// (cmi.suspend_data) where the handbook's progress.js keeps it, and opens
// the page to return to (cmi.core.lesson_location) in a frame. It reports
// progress, status and score as they change, and session time and
// LMSFinish when the launch page goes. Without an LMS it steps aside: the
// handbook opens on its own and works as it always does.
//
// The page part runs in every page of the package. Inside the session's
// frame it tells the session which page is open, what was marked or
// ticked, and each knowledge check's result, and keeps every link on
// index.html: an LMS's file server may not turn a folder address into its
// index.html, as a web server does.
(function () {
  "use strict";
  var KEY = "ppc-handbook-progress"; // progress.js's localStorage key
  var LIMIT = 4096; // SCORM 1.2's cmi.suspend_data, in characters
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var EPOCH = Date.UTC(2020, 0, 1); // day 0 of the dates kept in suspend data

  if (document.documentElement.hasAttribute("data-scorm-launch")) session();
  else page();

  // ---- Suspend data ----
  //
  // "2" and the course's fingerprint, then four fields separated by ".":
  // the pages read (a bit each, six to a character, in the progress
  // page's order); the day each read page was read (three characters,
  // days since 2020); the self-check items ticked, page by page (the
  // page's place in the order in three characters, how many in one, then
  // each item's six-character id from progress.js, or "~" and its
  // position in five for a tick kept by position); and each knowledge
  // check's last result (one character: A for not checked, else the
  // number right plus one). The handbook of 54 pages needs under 1,500
  // characters. Past 4,096 the dates go first (the pages then count as
  // read today), then the ticks.

  function bits(list) {
    var s = "";
    for (var i = 0; i < list.length; i += 6) {
      var v = 0;
      for (var j = 0; j < 6 && i + j < list.length; j++) if (list[i + j]) v |= 1 << j;
      s += B64.charAt(v);
    }
    return s;
  }
  function bit(s, i) {
    var v = B64.indexOf(s.charAt(Math.floor(i / 6)));
    return v > 0 && (v >> (i % 6)) & 1;
  }
  function num(n, width) {
    var s = "";
    for (var i = 0; i < width; i++) { s = B64.charAt(n % 64) + s; n = Math.floor(n / 64); }
    return s;
  }
  function unnum(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) n = n * 64 + Math.max(0, B64.indexOf(s.charAt(i)));
    return n;
  }
  function day(date) {
    var t = Date.parse(date);
    if (isNaN(t)) return 0;
    return Math.max(0, Math.min(262143, Math.round((t - EPOCH) / 864e5)));
  }
  function date(d) { return new Date(EPOCH + d * 864e5).toISOString().slice(0, 10); }
  function today() { return new Date().toISOString().slice(0, 10); }

  // encode packs progress (progress.js's object) and quiz results (an
  // array of the number right, or -1, per knowledge check) for course,
  // within limit characters.
  function encode(course, progress, quizzes, limit) {
    var read = [], dates = "", ticks = "", q = "";
    course.pages.forEach(function (p, n) {
      var when = progress.read[p[0]];
      read.push(!!when);
      if (when) dates += num(day(when), 3);
      var kept = progress.checks[p[0]];
      var items = Array.isArray(kept) ? kept.map(function (i) { return "~" + num(i, 5); }) :
        Object.keys(kept || {}).filter(function (id) { return /^[A-Za-z0-9_-]{6}$/.test(id); });
      items = items.slice(0, 63);
      if (items.length) ticks += num(n, 3) + num(items.length, 1) + items.join("");
    });
    course.quizzes.forEach(function (n, i) {
      var r = quizzes[i];
      q += r >= 0 ? B64.charAt(Math.min(63, Math.min(r, n) + 1)) : "A";
    });
    var fields = ["2" + course.fp, bits(read), dates, ticks, q];
    if (fields.join(".").length > limit) fields[2] = "";
    if (fields.join(".").length > limit) fields[3] = "";
    return fields.join(".");
  }

  // decode unpacks suspend data written by encode for the same course, or
  // returns null.
  function decode(course, s) {
    var f = String(s || "").split(".");
    if (f.length !== 5 || f[0] !== "2" + course.fp) return null;
    var progress = { version: 2, read: {}, checks: {}, quizzes: {} }, quizzes = [];
    var r = 0, now = today();
    course.pages.forEach(function (p, i) {
      if (bit(f[1], i)) {
        progress.read[p[0]] = f[2] ? date(unnum(f[2].substr(3 * r, 3))) : now;
        r++;
      }
    });
    for (var at = 0; at + 4 <= f[3].length;) {
      var p = course.pages[unnum(f[3].substr(at, 3))], count = unnum(f[3].charAt(at + 3));
      at += 4;
      var items = [];
      for (var k = 0; k < count; k++, at += 6) items.push(f[3].substr(at, 6));
      if (!p) continue;
      if (items[0] && items[0].charAt(0) === "~") {
        progress.checks[p[0]] = items.map(function (x) { return unnum(x.slice(1)); });
      } else {
        var ticked = {};
        items.forEach(function (id) { ticked[id] = { text: "", at: now }; });
        progress.checks[p[0]] = ticked;
      }
    }
    course.quizzes.forEach(function (n, i) {
      var v = B64.indexOf(f[4].charAt(i));
      quizzes.push(v > 0 ? Math.min(v - 1, n) : -1);
    });
    return { progress: progress, quizzes: quizzes };
  }

  // ---- The session, in the launch page ----

  function session() {
    var course = JSON.parse(document.getElementById("ppc-scorm-course").textContent);
    var frame = document.getElementById("ppc-scorm-frame");
    var root = new URL("../", location.href).href; // the package's root
    var api = findAPI(window) || (window.opener && findAPI(window.opener));
    var helper = { encode: encode, decode: decode, course: course, limit: LIMIT };
    window.__ppcScorm = helper; // for the pages in the frame, and the tests
    if (!api || String(api.LMSInitialize("")) !== "true") {
      location.replace(root + "index.html"); // no LMS: the handbook as it always is
      return;
    }
    var started = Date.now(), finished = false;
    var sent = {}; // element → value last set
    var quizzes = course.quizzes.map(function () { return -1; });
    var firstStatus = get("cmi.core.lesson_status");
    var mastery = parseFloat(get("cmi.student_data.mastery_score"));
    if (!(mastery >= 0 && mastery <= 100)) mastery = course.mastery;

    var saved = decode(course, get("cmi.suspend_data"));
    if (saved) quizzes = saved.quizzes;
    // The LMS's record is the trainee's progress: it replaces whatever
    // this browser holds for the LMS's site, which may be someone else's.
    store(saved ? saved.progress : { version: 2, read: {}, checks: {}, quizzes: {} });

    var resume = get("cmi.core.lesson_location");
    var start = /^[A-Za-z0-9_][A-Za-z0-9._\/-]*\.html$/.test(resume) && resume.indexOf("..") < 0 ? resume : "index.html";
    helper.visit = visit;
    helper.changed = sync;
    helper.quiz = quiz;
    sync();
    // Where the page part can't keep a folder address from being opened
    // (a browser without the Navigation API, or a page without the
    // adapter), the LMS may answer "not found": open its index.html.
    frame.addEventListener("load", function () {
      try {
        var l = frame.contentWindow.location;
        if (l.href.indexOf(root) === 0 && /\/$/.test(l.pathname)) l.replace(l.pathname + "index.html" + l.search + l.hash);
      } catch (e) { /* a page from another site */ }
    });
    frame.src = root + start;

    window.addEventListener("pagehide", finish);

    function get(name) {
      var v = api.LMSGetValue(name);
      return v == null ? "" : String(v);
    }
    function set(name, value) {
      value = String(value);
      if (sent[name] === value) return false;
      sent[name] = value;
      api.LMSSetValue(name, value);
      return true;
    }
    function load() {
      try {
        var p = JSON.parse(localStorage.getItem(KEY) || "{}");
        return { version: 2, read: p && p.read || {}, checks: p && p.checks || {}, quizzes: p && p.quizzes || {} };
      } catch (e) {
        return { version: 2, read: {}, checks: {}, quizzes: {} };
      }
    }
    function store(p) {
      try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* storage blocked: no local progress */ }
    }

    // visit notes the page open in the frame, as a file in the package.
    function visit(href) {
      if (finished || href.indexOf(root) !== 0) return;
      var file = href.slice(root.length).replace(/[?#].*$/, "");
      if (/(^|\/)$/.test(file)) file += "index.html";
      if (set("cmi.core.lesson_location", file)) api.LMSCommit("");
    }

    // quiz records a knowledge check's result, checked in file.
    function quiz(file, id, right) {
      var i = course.quizAt[file + "#" + id];
      if (i === undefined || finished) return;
      quizzes[i] = right;
      sync();
    }

    // sync sends what changed since the last commit, and commits.
    function sync() {
      if (finished) return;
      var p = load(), all = true, right = 0, total = 0;
      course.pages.forEach(function (pg) { if (!p.read[pg[0]]) all = false; });
      course.quizzes.forEach(function (n, i) { total += n; if (quizzes[i] > 0) right += quizzes[i]; });
      var score = total ? Math.round(100 * right / total) : 0;
      var status = "incomplete";
      if (all) status = mastery > 0 && total ? (score >= mastery ? "passed" : "failed") : "completed";
      // A finished record is not undone by unmarking a page later.
      if (status === "incomplete" && /^(completed|passed|failed)$/.test(firstStatus)) status = firstStatus;
      var changed = set("cmi.suspend_data", encode(course, p, quizzes, LIMIT));
      // The score goes with the final status: LMSs such as Moodle turn any
      // score into passed or failed at once, against the mastery score.
      if (all && total) {
        changed = set("cmi.core.score.min", "0") || changed;
        changed = set("cmi.core.score.max", "100") || changed;
        changed = set("cmi.core.score.raw", score) || changed;
      }
      changed = set("cmi.core.lesson_status", status) || changed;
      if (changed) api.LMSCommit("");
    }

    function finish() {
      if (finished) return;
      sync();
      finished = true;
      set("cmi.core.exit", "suspend"); // keep the progress for next time
      set("cmi.core.session_time", timespan(Date.now() - started));
      api.LMSCommit("");
      api.LMSFinish("");
    }
  }

  // findAPI looks for the SCORM 1.2 API object in win and its parents,
  // as ADL's API-finding algorithm does.
  function findAPI(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) { /* another site's frame: look past it */ }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  // timespan writes ms as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS.
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.min(9999, Math.floor(cs / 360000)), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  // ---- The page part, in every page ----

  function page() {
    var s = null;
    try {
      if (window.parent !== window && window.parent.__ppcScorm && window.parent.__ppcScorm.visit) s = window.parent.__ppcScorm;
    } catch (e) { /* a frame from another site: not our session */ }
    if (!s) return; // not in an LMS: the handbook as it always is
    var here = location.href.replace(/[?#].*$/, "");
    var base = new URL(document.documentElement.getAttribute("data-root") || "./", here).href;
    var file = here.indexOf(base) === 0 ? here.slice(base.length) : "";
    if (/(^|\/)$/.test(file)) file += "index.html";

    // Links: folder addresses back to index.html (handbook.js shortens
    // them on a web server), now and as they are followed.
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) fixLink(links[i]);
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href]");
      if (a) fixLink(a);
    }, true);
    if (window.navigation && navigation.addEventListener) {
      // Search opens its results by setting location.
      navigation.addEventListener("navigate", function (e) {
        var to = new URL(e.destination.url);
        if (!e.cancelable || e.hashChange || e.downloadRequest || e.formData || e.navigationType === "traverse") return;
        if (to.origin !== location.origin || !/\/$/.test(to.pathname)) return;
        e.preventDefault();
        location.assign(to.pathname + "index.html" + to.search + to.hash);
      });
    }

    s.visit(location.href);
    tellProgressPage();

    // Marks and ticks: progress.js saves them as the event reaches its
    // own handler, before it bubbles here.
    document.addEventListener("click", changed);
    document.addEventListener("change", changed);
    window.addEventListener("pagehide", function () { s.changed(); });
    function changed(e) {
      var t = e.target;
      if (t.closest && (t.closest(".mark-read") || t.closest(".page-progress") || t.closest(".prose") || t.closest(".progress-tools"))) {
        setTimeout(function () { s.changed(); }, 0);
      }
    }

    // A knowledge check's result, as quiz.js reports it once every
    // question has been answered and checked.
    document.addEventListener("ppc-quiz-score", function (e) {
      if (e.target && e.target.id) s.quiz(file, e.target.id, e.detail.right);
    });
  }

  // tellProgressPage changes what the progress page says about where
  // progress is kept: in an LMS, it is sent to the LMS too.
  function tellProgressPage() {
    var total = document.querySelector(".progress-total");
    if (!total) return;
    var said = "Your learning system keeps your progress too: the pages you mark as read, the self-check boxes you tick and your knowledge check results, so it follows you to any computer. ";
    var walk = document.createTreeWalker(total.parentNode, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      var i = n.nodeValue.indexOf("Nothing is sent anywhere.");
      if (i >= 0) {
        n.nodeValue = said + n.nodeValue.slice(i + "Nothing is sent anywhere.".length).replace(/^\s+/, "");
        return;
      }
    }
    var p = document.createElement("p");
    p.textContent = said;
    total.parentNode.insertBefore(p, total);
  }

  function fixLink(a) {
    var h = a.getAttribute("href");
    if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(h)) return; // another site, the server's root, or this page
    var m = /^([^?#]*)(.*)$/.exec(h);
    if (m[1] === "" || m[1] === "." || m[1] === "..") m[1] += m[1] ? "/" : "";
    if (/(^|\/)$/.test(m[1]) && m[1] !== "") a.setAttribute("href", m[1] + "index.html" + m[2]);
  }
})();

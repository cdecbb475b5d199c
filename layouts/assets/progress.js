// Progress: which pages a trainee has read, which self-check items they
// have ticked and their best score in each knowledge check. Kept in this
// browser only (localStorage), never sent anywhere; it can be exported to
// a file and imported again, for an appraisal or a portfolio, or to move
// to another computer. generator/scorm/adapter.js reads and writes the
// same object inside a learning system.
//
// The object, version 2:
//
//   read:    page → the day it was marked read ("2026-12-03")
//   checks:  page → item id → { text, at }: a ticked self-check item, by an
//            id made from its words (itemID), so an editor reordering a
//            list moves no ticks; text lets a tick follow a small edit
//   quizzes: page#n (the n-th check on the page) → { best, of, at }
//
// A version 1 object kept ticks by position ([0, 2]); they stay so until
// the page is next opened, when they become ids.
(function () {
  "use strict";
  var KEY = "ppc-handbook-progress";
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var page = document.body.getAttribute("data-page") || "";

  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }

  function load() {
    try {
      var p = JSON.parse(localStorage.getItem(KEY) || "{}");
      if (isObject(p)) return normalise(p);
    } catch (e) { /* unreadable: start again */ }
    return normalise({});
  }
  // normalise keeps what is well formed in p, as version 2.
  function normalise(p) {
    var out = { version: 2, read: {}, checks: {}, quizzes: {} };
    each(p.read, function (k, v) { if (typeof v === "string") out.read[k] = v.slice(0, 10); });
    each(p.checks, function (k, v) {
      if (Array.isArray(v)) {
        v = v.filter(function (n) { return typeof n === "number"; });
        if (v.length) out.checks[k] = v; // version 1: by position, until the page is opened
      } else if (isObject(v)) {
        var items = {};
        each(v, function (id, item) {
          if (isObject(item)) items[id] = { text: String(item.text || ""), at: String(item.at || "") };
        });
        if (Object.keys(items).length) out.checks[k] = items;
      }
    });
    each(p.quizzes, function (k, v) {
      if (isObject(v) && v.best >= 0 && v.of > 0) out.quizzes[k] = { best: +v.best, of: +v.of, at: String(v.at || "") };
    });
    return out;
  }
  function each(o, f) {
    if (!isObject(o)) return;
    Object.keys(o).forEach(function (k) { f(k, o[k]); });
  }
  function save(p) {
    try { localStorage.setItem(KEY, JSON.stringify(p)); return true; } catch (e) { return false; }
  }
  function today() { return new Date().toISOString().slice(0, 10); }

  // words is an item's text as its id is made from: lower case, letters
  // and digits only, one space between words.
  function words(s) {
    return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  // itemID is six characters from the FNV-1a hash of an item's words.
  function itemID(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    var s = "";
    for (var j = 0; j < 6; j++) { s += B64.charAt(h & 63); h = Math.floor(h / 64); }
    return s;
  }
  // likeness is how alike two texts are, 0 to 1: the share of their pairs
  // of letters in common (the Dice coefficient).
  function likeness(a, b) {
    function pairs(s) {
      var m = new Map();
      for (var i = 0; i + 1 < s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) || 0) + 1);
      return m;
    }
    var pa = pairs(a), pb = pairs(b), common = 0, total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
    pa.forEach(function (n, k) { common += Math.min(n, pb.get(k) || 0); });
    return total ? 2 * common / total : 0;
  }
  var ALIKE = 0.75; // how alike an edited item must be to keep its tick

  var progress = load();

  // Self-check lists: the task-list boxes on a page become tickable.
  var boxes = document.querySelectorAll('.prose li > input[type="checkbox"][disabled], .prose li > p > input[type="checkbox"][disabled]');
  var items = []; // by box: { box, id, text }
  for (var i = 0; i < boxes.length; i++) {
    var box = boxes[i];
    box.disabled = false;
    box.id = box.id || "selfcheck-" + i;
    // Wrap the item's text in a label, so the box has a name and a
    // larger target.
    var label = document.createElement("label");
    label.htmlFor = box.id;
    while (box.nextSibling) label.appendChild(box.nextSibling);
    box.parentNode.appendChild(label);
    var text = words(label.textContent);
    items.push({ box: box, id: itemID(text), text: text });
  }
  if (items.length) settle();

  // settle matches the ticks kept for this page to its items as they are
  // now: by id; else, for a tick whose item was edited, the most alike
  // item left; else the tick is dropped, its item gone. Ticks kept by
  // position (version 1) are taken in the page's order.
  function settle() {
    var kept = progress.checks[page];
    if (!kept) return;
    var now = {};
    if (Array.isArray(kept)) {
      kept.forEach(function (n) {
        if (items[n]) now[items[n].id] = { text: items[n].text, at: today() };
      });
    } else {
      var lost = [];
      each(kept, function (id, t) {
        if (items.some(function (it) { return it.id === id; })) now[id] = t;
        else lost.push(t);
      });
      var pairs = [];
      lost.forEach(function (t) {
        items.forEach(function (it) {
          if (!kept[it.id]) pairs.push({ t: t, it: it, like: likeness(t.text, it.text) });
        });
      });
      pairs.sort(function (a, b) { return b.like - a.like; });
      var used = new Set();
      pairs.forEach(function (p) {
        if (p.like < ALIKE || used.has(p.t) || now[p.it.id]) return;
        used.add(p.t);
        now[p.it.id] = { text: p.it.text, at: p.t.at };
      });
    }
    if (Object.keys(now).length) progress.checks[page] = now; else delete progress.checks[page];
    save(progress);
  }

  items.forEach(function (it) {
    var kept = progress.checks[page];
    it.box.checked = !!(kept && kept[it.id]);
    it.box.addEventListener("change", function () {
      var list = progress.checks[page] || {};
      if (it.box.checked) list[it.id] = { text: it.text, at: today() };
      else delete list[it.id];
      if (Object.keys(list).length) progress.checks[page] = list; else delete progress.checks[page];
      save(progress);
      status();
    });
  });

  // Knowledge checks: quiz.js reports a score once every question is
  // checked; the best is kept.
  document.addEventListener("ppc-quiz-score", function (e) {
    var d = e.detail || {};
    var k = page + "#" + d.quiz;
    var was = progress.quizzes[k];
    if (!was || d.right > was.best || d.of !== was.of) {
      progress.quizzes[k] = { best: d.right, of: d.of, at: today() };
      save(progress);
    }
  });

  // ticked counts the ticks kept for a page.
  function ticked(key) {
    var kept = progress.checks[key];
    if (!kept) return 0;
    return Array.isArray(kept) ? kept.length : Object.keys(kept).length;
  }

  // "Mark as read" on every page.
  var mark = document.querySelector(".mark-read");
  var holderBox = document.querySelector(".page-progress");
  function status() {
    if (mark) {
      var read = !!progress.read[page];
      mark.setAttribute("aria-pressed", read ? "true" : "false");
      mark.textContent = read ? "Read ✓ (select to mark as unread)" : "Mark this page as read";
    }
    var note = document.querySelector(".page-progress-note");
    if (note && items.length) {
      note.textContent = ticked(page) + " of " + items.length + " self-check items ticked on this page.";
    }
    sidebar();
    summary();
  }
  if (mark && holderBox) {
    holderBox.hidden = false;
    mark.addEventListener("click", function () {
      if (progress.read[page]) delete progress.read[page]; else progress.read[page] = today();
      save(progress);
      status();
    });
  }

  // The contents show a tick against pages already read.
  function sidebar() {
    var links = document.querySelectorAll(".sidebar a[data-page]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var read = !!progress.read[a.getAttribute("data-page")];
      var tick = a.querySelector(".read-tick");
      if (read && !tick) {
        tick = document.createElement("span");
        tick.className = "read-tick";
        tick.innerHTML = '<span aria-hidden="true"> ✓</span><span class="visually-hidden"> (read)</span>';
        a.appendChild(tick);
      } else if (!read && tick) {
        tick.parentNode.removeChild(tick);
      }
    }
  }

  // quizScores lists a page's best knowledge check scores, in words.
  function quizScores(key, count) {
    var out = [];
    for (var n = 1; n <= count; n++) {
      var q = progress.quizzes[key + "#" + n];
      out.push(q ? q.best + " of " + q.of : "not done");
    }
    return out;
  }

  // The progress page: a table of every page, a dated summary to print,
  // and export and import.
  function summary() {
    var rows = document.querySelectorAll("[data-progress-page]");
    if (!rows.length) return;
    var readCount = 0, tickCount = 0, tickTotal = 0, quizDone = 0, quizTotal = 0;
    for (var i = 0; i < rows.length; i++) {
      var key = rows[i].getAttribute("data-progress-page");
      var total = +rows[i].getAttribute("data-checks") || 0;
      var quizzes = +rows[i].getAttribute("data-quizzes") || 0;
      var when = progress.read[key];
      if (when) readCount++;
      var n = Math.min(ticked(key), total);
      tickCount += n;
      tickTotal += total;
      rows[i].querySelector(".progress-read").textContent = when ? "Read " + when : "Not yet";
      var checks = rows[i].querySelector(".progress-checks");
      if (checks) checks.textContent = total ? n + " of " + total : "–";
      var scores = rows[i].querySelector(".progress-quizzes");
      if (scores) {
        var s = quizScores(key, quizzes);
        quizTotal += quizzes;
        s.forEach(function (x) { if (x !== "not done") quizDone++; });
        scores.textContent = quizzes ? (quizzes > 1 ? s.join("; ") : s[0]).replace(/^n/, "N") : "–";
      }
    }
    var totalLine = document.querySelector(".progress-total");
    if (totalLine) totalLine.textContent = "You have read " + readCount + " of " + rows.length + " pages.";
    var dated = document.querySelector(".progress-dated");
    if (dated) {
      dated.textContent = "Progress summary on " + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) +
        ": " + readCount + " of " + rows.length + " pages read, " + tickCount + " of " + tickTotal + " self-check items ticked, " +
        quizDone + " of " + quizTotal + " knowledge checks done.";
    }
  }

  // titles maps each page key to its title, from the progress table.
  function titles() {
    var out = {};
    var rows = document.querySelectorAll("[data-progress-page]");
    for (var i = 0; i < rows.length; i++) out[rows[i].getAttribute("data-progress-page")] = rows[i].querySelector("th").textContent;
    return out;
  }

  // merge adds to mine what theirs has that is newer, item by item (a
  // page read, an item ticked, a best score), and returns the result
  // with a list of the changes in words. Nothing in mine is removed.
  function merge(mine, theirs) {
    var out = JSON.parse(JSON.stringify(mine));
    var names = titles();
    var byPage = {};
    function note(key, what) {
      (byPage[key] = byPage[key] || []).push(what);
    }
    each(theirs.read, function (key, day) {
      if (!out.read[key]) note(key, "marked as read on " + day);
      if (!out.read[key] || day > out.read[key]) out.read[key] = day;
    });
    each(theirs.checks, function (key, kept) {
      var have = out.checks[key];
      if (Array.isArray(kept)) {
        // By position, from an older file: taken only where nothing is
        // ticked here, as positions cannot be matched to ids.
        if (!have) {
          out.checks[key] = kept.slice();
          note(key, kept.length + (kept.length === 1 ? " self-check item ticked" : " self-check items ticked"));
        }
        return;
      }
      if (Array.isArray(have)) return;
      have = out.checks[key] = have || {};
      var added = 0;
      each(kept, function (id, t) {
        if (!have[id]) added++;
        if (!have[id] || t.at > have[id].at) have[id] = t;
      });
      if (added) note(key, added + (added === 1 ? " self-check item ticked" : " self-check items ticked"));
    });
    each(theirs.quizzes, function (k, q) {
      var have = out.quizzes[k];
      if (!have || q.best > have.best || q.of !== have.of && q.at > have.at) {
        out.quizzes[k] = q;
        var at = k.lastIndexOf("#");
        note(k.slice(0, at), "best knowledge check score " + q.best + " of " + q.of + (have ? " (was " + have.best + " of " + have.of + ")" : ""));
      }
    });
    var changes = Object.keys(byPage).map(function (key) {
      return (names[key] || key) + ": " + byPage[key].join("; ");
    });
    return { progress: out, changes: changes };
  }

  var exportButton = document.querySelector(".progress-export");
  if (exportButton) {
    exportButton.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(progress, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "ppc-handbook-progress-" + today() + ".json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 0);
      say("Your progress was saved to a file called " + a.download + ".");
    });
  }
  var printButton = document.querySelector(".progress-print");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });

  // Import: the file is merged with what is here, never put in its place.
  // What would change is shown first, to confirm or cancel.
  var importInput = document.querySelector(".progress-import");
  var review = document.querySelector(".progress-review");
  var pending = null;
  if (importInput && review) {
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        importInput.value = "";
        var data;
        try {
          data = JSON.parse(reader.result);
          if (!isObject(data) || (data.version !== 1 && data.version !== 2)) throw new Error("not a progress file");
        } catch (e) {
          say("That file is not a progress file exported from this handbook, so nothing was changed.");
          return;
        }
        var m = merge(progress, normalise(data));
        if (m.changes.length === 0) {
          say(file.name + " has nothing that is not already here, so nothing was changed.");
          return;
        }
        pending = m.progress;
        showReview(file.name, m.changes);
      };
      reader.readAsText(file);
    });
    review.querySelector(".progress-review-yes").addEventListener("click", function () {
      if (!pending) return;
      progress = pending;
      pending = null;
      save(progress);
      review.hidden = true;
      status();
      say("Progress imported. Your progress now includes what was in the file.");
      importInput.focus();
    });
    review.querySelector(".progress-review-no").addEventListener("click", function () {
      pending = null;
      review.hidden = true;
      say("Import cancelled, so nothing was changed.");
      importInput.focus();
    });
  }
  function showReview(name, changes) {
    review.querySelector(".progress-review-title").textContent = "Import from " + name + "?";
    var list = review.querySelector(".progress-review-list");
    list.textContent = "";
    changes.forEach(function (c) {
      var li = document.createElement("li");
      li.textContent = c;
      list.appendChild(li);
    });
    review.hidden = false;
    say("");
    review.querySelector(".progress-review-title").focus();
  }
  function say(text) {
    var live = document.querySelector(".progress-message");
    if (live) live.textContent = text;
  }
  var tools = document.querySelector(".progress-tools");
  if (tools) tools.hidden = false;

  status();
})();

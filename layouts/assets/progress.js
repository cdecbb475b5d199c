// Progress: which pages a trainee has read and which self-check items they
// have ticked. Kept in this browser only (localStorage), never sent
// anywhere; it can be exported to a file and imported again, for an
// appraisal or a portfolio, or to move to another computer.
(function () {
  "use strict";
  var KEY = "ppc-handbook-progress";
  var page = document.body.getAttribute("data-page") || "";

  function load() {
    try {
      var p = JSON.parse(localStorage.getItem(KEY) || "{}");
      if (p && typeof p === "object") return normalise(p);
    } catch (e) { /* unreadable: start again */ }
    return normalise({});
  }
  function normalise(p) {
    return {
      version: 1,
      read: p.read && typeof p.read === "object" ? p.read : {},
      checks: p.checks && typeof p.checks === "object" ? p.checks : {}
    };
  }
  function save(p) {
    try { localStorage.setItem(KEY, JSON.stringify(p)); return true; } catch (e) { return false; }
  }
  function today() { return new Date().toISOString().slice(0, 10); }

  var progress = load();

  // Self-check lists: the task-list boxes on a page become tickable.
  var boxes = document.querySelectorAll('.prose li > input[type="checkbox"][disabled], .prose li > p > input[type="checkbox"][disabled]');
  for (var i = 0; i < boxes.length; i++) {
    (function (box, index) {
      box.disabled = false;
      box.id = box.id || "selfcheck-" + index;
      // Wrap the item's text in a label, so the box has a name and a
      // larger target.
      var holder = box.parentNode;
      var label = document.createElement("label");
      label.htmlFor = box.id;
      while (box.nextSibling) label.appendChild(box.nextSibling);
      holder.appendChild(label);
      var ticked = progress.checks[page] || [];
      box.checked = ticked.indexOf(index) >= 0;
      box.addEventListener("change", function () {
        var list = (progress.checks[page] || []).filter(function (n) { return n !== index; });
        if (box.checked) list.push(index);
        list.sort(function (a, b) { return a - b; });
        if (list.length) progress.checks[page] = list; else delete progress.checks[page];
        save(progress);
        status();
      });
    })(boxes[i], i);
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
    if (note && boxes.length) {
      var n = (progress.checks[page] || []).length;
      note.textContent = n + " of " + boxes.length + " self-check items ticked on this page.";
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

  // The progress page: a table of every page, and export and import.
  function summary() {
    var rows = document.querySelectorAll("[data-progress-page]");
    if (!rows.length) return;
    var readCount = 0;
    for (var i = 0; i < rows.length; i++) {
      var key = rows[i].getAttribute("data-progress-page");
      var total = +rows[i].getAttribute("data-checks") || 0;
      var when = progress.read[key];
      if (when) readCount++;
      rows[i].querySelector(".progress-read").textContent = when ? "Read " + when : "Not yet";
      var checks = rows[i].querySelector(".progress-checks");
      if (checks) checks.textContent = total ? (progress.checks[key] || []).length + " of " + total : "–";
    }
    var total = document.querySelector(".progress-total");
    if (total) total.textContent = "You have read " + readCount + " of " + rows.length + " pages.";
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
  var importInput = document.querySelector(".progress-import");
  if (importInput) {
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var data = JSON.parse(reader.result);
          if (!data || data.version !== 1) throw new Error("not a progress file");
          progress = normalise(data);
          save(progress);
          status();
          say("Progress imported from " + file.name + ".");
        } catch (e) {
          say("That file is not a progress file exported from this handbook, so nothing was changed.");
        }
        importInput.value = "";
      };
      reader.readAsText(file);
    });
  }
  function say(text) {
    var live = document.querySelector(".progress-message");
    if (live) live.textContent = text;
  }
  var tools = document.querySelector(".progress-tools");
  if (tools) tools.hidden = false;

  status();
})();

// Handbook behaviour that needs script: the theme toggle, the contents
// panel on small screens, and clean addresses when served over HTTP.
// Everything works without it; this only makes it nicer.
(function () {
  "use strict";
  var root = document.documentElement;

  // Theme: follow the system until the reader chooses, then remember.
  var toggle = document.querySelector(".theme-toggle");
  function dark() {
    var t = root.getAttribute("data-theme");
    if (t) return t === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function label() {
    if (!toggle) return;
    var d = dark();
    toggle.setAttribute("aria-pressed", d ? "true" : "false");
    toggle.textContent = "Dark theme";
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("ppc-theme", next); } catch (e) { /* private mode */ }
      label();
    });
    label();
  }

  // Contents panel on small screens.
  var navToggle = document.querySelector(".nav-toggle");
  if (navToggle) {
    navToggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var current = document.querySelector('.sidebar [aria-current="page"]') || document.querySelector(".sidebar a");
        if (current) current.focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && document.body.classList.contains("nav-open")) {
        document.body.classList.remove("nav-open");
        navToggle.setAttribute("aria-expanded", "false");
        navToggle.focus();
      }
    });
  }

  // Glossary tooltips: Escape hides an open one (it stays hidden until the
  // pointer or focus leaves); on touch screens the first tap on a term shows
  // its definition and a second tap follows the link.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelectorAll(".term:hover, .term:focus, .term-tip.is-open");
    for (var i = 0; i < open.length; i++) {
      var term = open[i].classList.contains("term") ? open[i] : open[i].previousElementSibling;
      if (term) term.classList.add("is-dismissed");
      open[i].classList.remove("is-open");
    }
  });
  function undismiss(e) { if (e.target.classList && e.target.classList.contains("term")) e.target.classList.remove("is-dismissed"); }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);
  var touched = null;
  document.addEventListener("touchstart", function (e) {
    var t = e.target.closest && e.target.closest(".term");
    if (t) touched = t;
  }, { passive: true });
  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest(".term");
    if (!t || t !== touched) return;
    var tip = t.nextElementSibling;
    if (tip && !tip.classList.contains("is-open")) {
      e.preventDefault();
      var others = document.querySelectorAll(".term-tip.is-open");
      for (var i = 0; i < others.length; i++) others[i].classList.remove("is-open");
      tip.classList.add("is-open");
    }
  });

  // Links name index.html so they work from a file share; on a web server
  // show the clean address instead.
  if (location.protocol === "http:" || location.protocol === "https:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var h = links[i].getAttribute("href");
      if (/^[^:]*index\.html(#|$)/.test(h)) {
        links[i].setAttribute("href", h.replace(/index\.html(#|$)/, "$1") || "./");
      }
    }
  }
})();

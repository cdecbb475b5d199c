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

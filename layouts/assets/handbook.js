// Handbook behaviour that needs script: the theme choice, the header that
// comes back on scrolling up, the contents drawer and the search screen on
// phones, the folding contents, the on-page contents that follow the
// reader, glossary definitions kept on screen, the Print button and clean
// addresses when served over HTTP. Everything works without it; this only
// makes it nicer. The controls that need it are shown only once the page
// has marked <html> with class "js".
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var $ = function (s) { return document.querySelector(s); };
  var all = function (s) { return document.querySelectorAll(s); };
  var narrow = window.matchMedia("(max-width: 56rem)");

  // Theme: system, light or dark. "System" follows the computer's setting
  // and forgets any choice made before.
  var theme = $(".theme-choice");
  if (theme) {
    theme.value = root.getAttribute("data-theme") || "";
    theme.addEventListener("change", function () {
      var t = theme.value;
      if (t) root.setAttribute("data-theme", t); else root.removeAttribute("data-theme");
      try { if (t) localStorage.setItem("ppc-theme", t); else localStorage.removeItem("ppc-theme"); } catch (e) { /* private mode */ }
    });
  }

  // One dialog at a time: the contents drawer or, on a phone, the search
  // screen. While one is open Tab stays inside it, Escape closes it, and
  // closing it returns focus to the button that opened it.
  var open = null; // {el, button, cls}
  function focusables(el) {
    return Array.prototype.filter.call(el.querySelectorAll("a[href], button, input, select"), function (x) {
      return x.offsetWidth || x.offsetHeight;
    });
  }
  function close() {
    if (!open) return;
    body.classList.remove(open.cls);
    open.button.setAttribute("aria-expanded", "false");
    open.button.focus();
    open = null;
  }
  function show(el, button, cls, focus) {
    close();
    open = { el: el, button: button, cls: cls };
    body.classList.add(cls);
    button.setAttribute("aria-expanded", "true");
    focus.focus();
  }
  document.addEventListener("keydown", function (e) {
    if (!open) return;
    if (e.key === "Escape") {
      close();
    } else if (e.key === "Tab") {
      var f = focusables(open.el), first = f[0], last = f[f.length - 1], at = document.activeElement;
      if (!open.el.contains(at) || (e.shiftKey ? at === first : at === last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }
  });
  document.addEventListener("click", function (e) {
    if (open && !open.el.contains(e.target) && !open.button.contains(e.target)) close();
  });

  // Contents: a drawer over the page on small screens, with the current
  // page in view; on wide screens a column that scrolls by itself. Only
  // the reader's own section is unfolded; a button beside each other
  // section unfolds it.
  var nav = $(".sidebar");
  var navToggle = $(".nav-toggle");
  var current = $('.sidebar [aria-current="page"]');
  function reveal() {
    if (current) nav.scrollTop = current.offsetTop - nav.clientHeight / 3;
  }
  if (nav && navToggle) {
    navToggle.addEventListener("click", function () {
      if (open && open.el === nav) return close();
      show(nav, navToggle, "nav-open", current || nav.querySelector("a"));
      reveal();
    });
    $(".nav-close").addEventListener("click", close);
    narrow.addEventListener("change", function () { if (open && open.el === nav) close(); });
  }
  var sections = all(".sidebar .has-children");
  for (var i = 0; i < sections.length; i++) {
    var li = sections[i], a = li.querySelector("a"), b = document.createElement("button");
    if (!li.querySelector("ul")) continue; // a large site's contents hold only the reader's branch
    b.type = "button";
    b.className = "fold";
    b.setAttribute("aria-expanded", li.classList.contains("open") ? "true" : "false");
    b.innerHTML = '<span class="visually-hidden">Pages in ' + a.textContent.replace(/[<&]/g, "") + "</span>";
    b.addEventListener("click", function () {
      var item = this.parentNode;
      this.setAttribute("aria-expanded", item.classList.toggle("open") ? "true" : "false");
    });
    li.insertBefore(b, a.nextSibling);
  }
  if (nav && !narrow.matches) reveal();

  // Search: this script loads search.js when the reader first comes to
  // the box, so a page that is only read loads none of it. On a phone a
  // button in the header opens the box over the page.
  var search = $(".search"), searchToggle = $(".search-toggle"), input = $("#search-input");
  function load() {
    if (search.loaded) return;
    search.loaded = true;
    var s = document.createElement("script");
    s.src = (root.getAttribute("data-root") || "") + "assets/search.js";
    body.appendChild(s);
  }
  function openSearch() { show(search, searchToggle, "search-open", input); load(); }
  // A page opened from a search result marks the words searched for.
  if (search && /[?&]h=/.test(location.search)) load();
  if (search && input) {
    // A focus event may not come when the window itself lacks focus.
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    searchToggle.addEventListener("click", openSearch);
    search.querySelector(".search-close").addEventListener("click", close);
    // "/" anywhere but in a field jumps to search, as on many sites.
    var slashDown = false; // the "/" that moved focus there must not be typed
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || open && open.el !== search) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      slashDown = true;
      if (searchToggle.offsetWidth) openSearch();
      input.focus();
      input.select();
      load();
    });
    document.addEventListener("keyup", function (e) { if (e.key === "/") slashDown = false; });
    // Browsers drop the character of a keydown whose default is prevented,
    // but synthetic key events (automation, some assistive tools) may
    // still deliver it.
    input.addEventListener("beforeinput", function (e) {
      if (slashDown && e.data === "/") e.preventDefault();
    });
  }

  // The header leaves as the reader scrolls down a small screen and comes
  // back as soon as they scroll up (the stylesheet moves it only on small
  // screens). Scrolling also closes a glossary definition opened by a tap.
  var header = $(".site-header"), lastY = window.scrollY, ticking = false;
  window.addEventListener("scroll", function () {
    closeTips(true);
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(function () {
      ticking = false;
      var y = window.scrollY;
      if (Math.abs(y - lastY) < 6) return;
      header.classList.toggle("header-away", y > lastY && y > header.offsetHeight && !open);
      lastY = y;
      spy();
    });
  }, { passive: true });

  // On this page: open beside the text on wide screens, folded above it on
  // narrow ones, and on wide screens marking the section being read.
  var toc = $(".toc-details"), wide = window.matchMedia("(min-width: 75rem)");
  var tocLinks = all(".toc a");
  function fit() { if (toc) toc.open = wide.matches; }
  function spy() {
    var at = null;
    for (var i = 0; i < tocLinks.length; i++) {
      var h = document.getElementById(decodeURIComponent(tocLinks[i].hash.slice(1)));
      if (h && h.getBoundingClientRect().top < innerHeight / 3) at = tocLinks[i];
    }
    for (var j = 0; j < tocLinks.length; j++) {
      if (tocLinks[j] === at) tocLinks[j].setAttribute("aria-current", "location");
      else tocLinks[j].removeAttribute("aria-current");
    }
  }
  fit();
  spy();
  wide.addEventListener("change", fit);

  // Glossary definitions: each is placed inside the window when shown,
  // below its term or above it near the bottom, never past an edge.
  // Escape hides an open one (it stays hidden until the pointer or focus
  // leaves); on touch screens the first tap on a term shows its definition
  // and a second tap follows the link; a tap elsewhere or scrolling hides
  // it again.
  function place(t) {
    var tip = t.nextElementSibling;
    if (!tip || !tip.classList.contains("term-tip")) return;
    var r = t.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight, m = 8;
    var vw = root.clientWidth, y = r.bottom + 6;
    if (y + h > innerHeight - m) y = Math.max(m, r.top - h - 6);
    tip.style.left = Math.max(m, Math.min(r.left, vw - w - m)) + "px";
    tip.style.top = y + "px";
  }
  function closeTips(scrolled) {
    var tips = all(".term-tip.is-open, .term:hover + .term-tip, .term:focus + .term-tip");
    for (var i = 0; i < tips.length; i++) {
      tips[i].classList.remove("is-open");
      if (scrolled && tips[i].previousElementSibling) tips[i].previousElementSibling.classList.add("is-dismissed");
    }
  }
  function onTerm(e) {
    var t = e.target.closest && e.target.closest(".term");
    if (t) place(t);
  }
  document.addEventListener("mouseover", onTerm);
  document.addEventListener("focusin", onTerm);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeTips(true);
  });
  function undismiss(e) { if (e.target.classList && e.target.classList.contains("term")) e.target.classList.remove("is-dismissed"); }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);
  var touched = null;
  document.addEventListener("touchstart", function (e) {
    touched = e.target.closest && e.target.closest(".term");
  }, { passive: true });
  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest(".term, .term-tip");
    if (!t) return closeTips(false);
    if (t !== touched) return;
    var tip = t.nextElementSibling;
    if (tip && !tip.classList.contains("is-open")) {
      e.preventDefault();
      closeTips(false);
      t.classList.remove("is-dismissed");
      tip.classList.add("is-open");
      place(t);
    }
  });

  // The whole-handbook page's Print button.
  var print = $(".print-button");
  if (print) {
    print.parentNode.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // Links name index.html so they work from a file share; on a web server
  // show the clean address instead.
  if (location.protocol === "http:" || location.protocol === "https:") {
    var links = all("a[href]");
    for (var k = 0; k < links.length; k++) {
      var h = links[k].getAttribute("href");
      if (/^[^:]*index\.html(#|$)/.test(h)) {
        links[k].setAttribute("href", h.replace(/index\.html(#|$)/, "$1") || "./");
      }
    }
  }
})();

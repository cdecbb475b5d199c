// Live reload for "generator serve". The dev server adds this script to
// every HTML page it serves (never to the files on disk), with data-file
// naming the page's file in the output directory, e.g. "a/b/index.html".
// Messages and rules are described in the devserver package comment.
(function () {
  "use strict";

  var script = document.currentScript;
  var file = (script && script.getAttribute("data-file")) || "";
  var version = (script && script.getAttribute("data-version")) || "";
  var here = decodeURIComponent(location.pathname);
  var scrollKey = "devserver-scroll:" + location.pathname;
  var overlayId = "devserver-overlay";
  var everOpen = false;
  var delay = 250;
  // base is the page as the server sent it, parsed, once the server has
  // said what that was: what a new version is compared with to swap it in.
  var base = null;

  restoreScroll();
  connect();

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var query = file ? "?file=" + encodeURIComponent(file) : "";
    var ws = new WebSocket(scheme + location.host + "/__devserver/events" + query);
    var first = true;
    ws.onopen = function () {
      // Back after a drop: the server may have restarted and rebuilt.
      if (everOpen) reloadKeepingScroll();
      everOpen = true;
      delay = 250;
    };
    ws.onmessage = function (e) {
      var m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      if (first) {
        first = false;
        if (!hello(m)) return;
      }
      if (m.type === "error") {
        showError(m.message || "");
      } else if (m.type === "ok") {
        removeOverlay();
        if (m.message) showNote(m.message);
      } else if (m.type === "reload") {
        removeOverlay();
        if (m.message) showNote(m.message);
        reload(m);
      }
    };
    ws.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }

  // hello takes the page as the server has it now from the first message.
  // A page changed between loading and connecting is out of date, and
  // reloads; it reports false then.
  function hello(m) {
    if (typeof m.page !== "string") return true;
    if (version && m.version !== version) {
      reloadKeepingScroll();
      return false;
    }
    base = parse(m.page);
    // For tests and tools: the page now swaps new versions in.
    if (script) script.setAttribute("data-connected", "");
    return true;
  }

  function parse(html) {
    try { return new DOMParser().parseFromString(html, "text/html"); } catch (err) { return null; }
  }

  function reload(m) {
    var changed = m.changed || [];
    if (changed.length === 0) return;
    var css = changed.filter(isCSS);
    if (css.length === changed.length) {
      swapStylesheets();
      return;
    }
    if (file !== ownFile() && changed.indexOf(ownFile()) >= 0) {
      reloadKeepingScroll(); // the missing page has appeared
      return;
    }
    if (!base) {
      // Without the page as sent, whether this page uses a changed
      // script, image or search index cannot be told.
      if (changed.some(function (p) { return !isCSS(p) && !isHTML(p); })) {
        reloadKeepingScroll();
        return;
      }
    } else if (changed.some(usedHere)) {
      reloadKeepingScroll();
      return;
    }
    if (changed.indexOf(file) >= 0) {
      if (m.gone) {
        showDeleted();
        return;
      }
      if (typeof m.page !== "string") {
        reloadUnlessDeleted();
        return;
      }
      if (!swapIn(m.page, m.version)) {
        reloadKeepingScroll();
        return;
      }
    }
    if (css.length > 0) swapStylesheets();
  }

  // swapIn shows the page's new version in place, and reports whether it
  // could: not when the page's scripts or style sheets changed, nor when
  // the page cannot be matched with what it was loaded from.
  function swapIn(html, newVersion) {
    var next = parse(html);
    if (!base || !next) return false;
    try {
      if (!devserverSwap(document, base, next)) return false;
    } catch (err) {
      if (window.console) console.warn("devserver: reloading, as the new version could not be swapped in:", err);
      return false;
    }
    base = next;
    version = newVersion;
    return true;
  }

  // usedHere reports whether the page as sent loads the file p: a script,
  // image, icon or the like, other than a style sheet, which is swapped.
  // Files that scripts load later, such as the search index, are not
  // counted: the page keeps working with the ones it has.
  function usedHere(p) {
    if (isCSS(p) || isHTML(p)) return false;
    var els = base.querySelectorAll("[src], link[href], object[data], video[poster]");
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      var refs = [e.getAttribute("src"), e.tagName === "LINK" ? e.getAttribute("href") : null,
        e.getAttribute("data"), e.getAttribute("poster")];
      for (var j = 0; j < refs.length; j++) {
        if (refs[j] === null) continue;
        try {
          var u = new URL(refs[j], location.href);
          if (u.origin === location.origin && decodeURIComponent(u.pathname) === "/" + p) return true;
        } catch (err) {}
      }
    }
    return false;
  }

  // ownFile is the file this address maps to, which differs from data-file
  // when the server answered with 404.html: a listed ownFile means the
  // missing page has appeared.
  function ownFile() {
    var p = here.slice(1);
    return p === "" || p.slice(-1) === "/" ? p + "index.html" : p;
  }

  function reloadUnlessDeleted() {
    if (file === "404.html") {
      reloadKeepingScroll();
      return;
    }
    fetch(location.href, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.status === 404) showDeleted();
      else reloadKeepingScroll();
    }, function () {
      // Server gone: the reconnect will reload.
    });
  }

  function reloadKeepingScroll() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (err) {}
    location.reload();
  }

  function restoreScroll() {
    var y = null;
    try {
      y = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (err) {}
    if (y === null) return;
    var go = function () { window.scrollTo(0, Number(y)); };
    // Images may not have their height yet; scroll again once they do.
    go();
    if (document.readyState !== "complete") window.addEventListener("load", go);
  }

  // swapStylesheets loads each same-origin stylesheet again under a new
  // query, removing the old one only when the new one has loaded, so the
  // page never shows unstyled.
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("devserver", String(Date.now()));
      var next = old.cloneNode();
      next.href = url.href;
      next.onload = next.onerror = function () { old.remove(); };
      old.after(next);
    });
  }

  function isCSS(p) { return /\.css$/i.test(p); }
  function isHTML(p) { return /\.html?$/i.test(p); }

  // The overlay is styled element by element from script, which a page's
  // Content-Security-Policy allows where a <style> element might not be.
  function palette() {
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    return dark
      ? { bg: "#121212", fg: "#f5f5f5", accent: "#ff9e9e", code: "#000000" }
      : { bg: "#ffffff", fg: "#111111", accent: "#a00000", code: "#f3f3f3" };
  }

  function overlay(kind, role, title) {
    removeOverlay();
    var c = palette();
    var box = el("div", "position:fixed;top:0;left:0;right:0;max-height:100vh;overflow:auto;" +
      "z-index:2147483647;box-sizing:border-box;margin:0;padding:1.25rem 1.5rem;" +
      "background:" + c.bg + ";color:" + c.fg + ";border-bottom:4px solid " + c.accent + ";" +
      "box-shadow:0 2px 12px rgba(0,0,0,.5);font:16px/1.5 system-ui,sans-serif;text-align:left;");
    box.id = overlayId;
    box.setAttribute("data-kind", kind);
    box.setAttribute("role", role);
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("aria-labelledby", overlayId + "-title");
    var h = el("h2", "margin:0 0 .5rem;font:bold 1.25rem/1.3 system-ui,sans-serif;color:" + c.accent + ";");
    h.id = overlayId + "-title";
    h.textContent = title;
    box.appendChild(h);
    var close = el("button", "margin-top:.75rem;padding:.4rem 1rem;font:inherit;cursor:pointer;" +
      "background:" + c.bg + ";color:" + c.fg + ";border:2px solid " + c.fg + ";border-radius:4px;");
    close.type = "button";
    close.textContent = "Close";
    close.onclick = removeOverlay;
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") removeOverlay(); });
    box.devserverClose = close;
    box.devserverPalette = c;
    return box;
  }

  // problemsTitle says how many problems the terminal's text lists: one a
  // line that starts with a place, "file:line:" or "file:line:col:".
  function problemsTitle(text) {
    var n = (text.match(/^[^\s:][^\n]*?:\d+(?::\d+)?: /gm) || []).length;
    if (n === 0) return "The handbook could not be rebuilt";
    return "The handbook could not be rebuilt: " + n + (n === 1 ? " problem to fix" : " problems to fix");
  }

  function showError(text) {
    var box = document.getElementById(overlayId);
    if (box && box.getAttribute("data-kind") === "error") {
      // Update in place: the live region announces the new text.
      box.querySelector("pre").textContent = text;
      document.getElementById(overlayId + "-title").textContent = problemsTitle(text);
      return;
    }
    box = overlay("error", "alertdialog", problemsTitle(text));
    var c = box.devserverPalette;
    var p = el("p", "margin:0 0 .5rem;");
    // data-file is empty only on the server's own page for a site that
    // has never built.
    p.textContent = file === ""
      ? "Fix the problem below and save. The handbook appears here by itself once it builds."
      : "Fix the problem below and save. This page still shows the last version that built, and updates by itself once the problem is fixed.";
    var pre = el("pre", "margin:0;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;" +
      "font:14px/1.5 ui-monospace,monospace;background:" + c.code + ";color:" + c.fg + ";border:1px solid " + c.fg + ";");
    pre.id = overlayId + "-message";
    pre.textContent = text;
    box.setAttribute("aria-describedby", pre.id);
    box.appendChild(p);
    box.appendChild(pre);
    show(box);
  }

  // showNote tells of something that went wrong and was put right, such
  // as the output folder being deleted while the preview ran.
  // Once closed, the same note is not shown again in this tab.
  function showNote(text) {
    try { if (sessionStorage.getItem("devserver-note") === text) return; } catch (err) {}
    var box = overlay("note", "status", "The preview put something right");
    box.devserverClose.addEventListener("click", function () {
      try { sessionStorage.setItem("devserver-note", text); } catch (err) {}
    });
    var p = el("p", "margin:0;");
    p.textContent = text;
    box.appendChild(p);
    show(box);
  }

  function showDeleted() {
    var box = overlay("deleted", "alert", "This page is gone");
    var c = box.devserverPalette;
    var p = el("p", "margin:0;");
    p.appendChild(document.createTextNode("This page was deleted or renamed: " + here + ". "));
    var a = el("a", "color:" + c.accent + ";text-decoration:underline;");
    a.href = "/";
    a.textContent = "Go to the home page.";
    p.appendChild(a);
    box.appendChild(p);
    show(box);
  }

  function show(box) {
    box.appendChild(box.devserverClose);
    box.devserverFocus = document.activeElement;
    (document.body || document.documentElement).appendChild(box);
    box.devserverClose.focus();
  }

  function removeOverlay() {
    var box = document.getElementById(overlayId);
    if (!box) return;
    var back = box.devserverFocus;
    box.remove();
    if (back && back.focus && document.contains(back)) back.focus();
  }

  function el(tag, css) {
    var e = document.createElement(tag);
    e.style.cssText = css;
    return e;
  }
})();

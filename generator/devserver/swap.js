// Swap in place for "generator serve". devserverSwap(doc, base, next)
// makes the page the reader has open, doc, show a new version of itself
// without reloading, so that the scroll position, focus, open <details>,
// ticked answers and typed text all stay as they are.
//
// base is the page's HTML as the server sent it and next is its new HTML,
// both parsed with DOMParser. The page's own scripts have changed doc
// since it loaded: they add buttons to quizzes, wrap self-check items in
// labels and shorten links. Making doc equal to next, as a two-way morph
// (idiomorph, morphdom) does, would undo all of that; so this applies to
// doc only what differs between base and next, a three-way merge like a
// version control system's, and leaves every other node, attribute and
// property of doc alone.
//
// It compares the children of base and next, skips the equal ones at
// either end, and finds the live nodes that stand for the rest by walking
// doc's children in order, passing over nodes that scripts added. Nodes
// changed one for one are patched in place, going down into elements of
// the same name, so an edited paragraph in a quiz keeps the quiz's
// buttons; a run of nodes added or removed is replaced as a whole.
//
// It returns false without changing anything when the page's scripts or
// stylesheets differ, which the caller answers with a full reload; it
// throws when doc cannot be matched to base, for the same answer.
var devserverSwap = (function () {
  "use strict";

  function swap(doc, base, next) {
    if (assets(base) !== assets(next)) return false;
    // Match before changing anything: a failure must leave the page whole.
    var plan = [];
    attributes(base.documentElement, next.documentElement, doc.documentElement, plan);
    attributes(base.body, next.body, doc.body, plan);
    children(base.body, next.body, doc.body, plan);
    var focused = doc.activeElement;
    if (base.title !== next.title) doc.title = next.title;
    for (var i = 0; i < plan.length; i++) plan[i]();
    // A focused element that was replaced gives focus to its successor.
    if (focused && focused.id && !doc.contains(focused)) {
      var again = doc.getElementById(focused.id);
      if (again) again.focus({ preventScroll: true });
    }
    return true;
  }

  // assets lists what a page loads and runs: scripts, style sheets, links
  // in the head and inline styles, in order, as one string.
  function assets(d) {
    var parts = [];
    var els = d.querySelectorAll("script, style, link, base");
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      parts.push(e.tagName + " " + (e.getAttribute("src") || "") + " " + (e.getAttribute("href") || "") +
        " " + (e.getAttribute("rel") || "") + " " + (e.getAttribute("type") || "") + " " +
        (e.tagName === "LINK" ? "" : e.textContent));
    }
    return parts.join("\n");
  }

  // attributes plans the attribute changes from b to n, on l.
  function attributes(b, n, l, plan) {
    var i, a;
    for (i = 0; i < n.attributes.length; i++) {
      a = n.attributes[i];
      if (b.getAttribute(a.name) !== a.value) plan.push(setAttr(l, a.name, a.value));
    }
    for (i = 0; i < b.attributes.length; i++) {
      a = b.attributes[i];
      if (!n.hasAttribute(a.name)) plan.push(removeAttr(l, a.name));
    }
  }

  function setAttr(l, name, value) { return function () { l.setAttribute(name, value); }; }
  function removeAttr(l, name) { return function () { l.removeAttribute(name); }; }

  // Elements whose children the live page holds differently from a parsed
  // copy, so they are replaced whole: DOMParser parses without scripting,
  // so a <noscript> holds elements there and text in the page, and a
  // <template>'s children are in its content.
  var whole = { NOSCRIPT: true, TEMPLATE: true };

  // children plans turning l's children, which stand for b's, into n's.
  function children(b, n, l, plan) {
    var bs = b.childNodes, ns = n.childNodes;
    var p = 0;
    while (p < bs.length && p < ns.length && bs[p].isEqualNode(ns[p])) p++;
    if (p === bs.length && p === ns.length) return;
    var s = 0;
    while (s < bs.length - p && s < ns.length - p && bs[bs.length - 1 - s].isEqualNode(ns[ns.length - 1 - s])) s++;
    var live = match(bs, l.childNodes);
    var doc = l.ownerDocument;
    var bEnd = bs.length - s, nEnd = ns.length - s;
    if (bEnd - p === nEnd - p) {
      // One for one: patch each changed node where it is.
      for (var i = p; i < bEnd; i++) {
        var bo = bs[i], no = ns[i], lo = live[i];
        if (bo.isEqualNode(no)) continue;
        if (!lo) throw new Error("the page has no counterpart of " + describe(bo));
        if (bo.nodeType === 1 && no.nodeType === 1 && bo.nodeName === no.nodeName && !whole[bo.nodeName]) {
          attributes(bo, no, lo, plan);
          children(bo, no, lo, plan);
        } else if (bo.nodeType === 3 && no.nodeType === 3 && lo.nodeType === 3) {
          plan.push(setText(lo, no.data));
        } else {
          plan.push(replace(l, lo, doc.importNode(no, true)));
        }
      }
      return;
    }
    // A run added or removed: replace the run, and whatever scripts added
    // among its nodes, as a whole.
    var first = null, last = null, before;
    for (var k = p; k < bEnd; k++) {
      if (!live[k]) throw new Error("the page has no counterpart of " + describe(bs[k]));
      if (!first) first = live[k];
      last = live[k];
    }
    if (last) {
      before = last.nextSibling;
    } else if (s > 0) {
      before = live[bEnd];
      if (!before) throw new Error("the page has no counterpart of " + describe(bs[bEnd]));
    } else if (p > 0) {
      if (!live[p - 1]) throw new Error("the page has no counterpart of " + describe(bs[p - 1]));
      before = live[p - 1].nextSibling;
    } else {
      before = l.firstChild;
    }
    var added = [];
    for (var j = p; j < nEnd; j++) added.push(doc.importNode(ns[j], true));
    plan.push(function () {
      if (first) {
        for (var e = first; ;) {
          var following = e.nextSibling;
          l.removeChild(e);
          if (e === last) break;
          e = following;
        }
      }
      for (var q = 0; q < added.length; q++) l.insertBefore(added[q], before);
    });
  }

  function setText(node, data) { return function () { node.data = data; }; }
  function replace(parent, old, node) { return function () { parent.replaceChild(node, old); }; }

  // match returns, for each of base's nodes bs, the node of the live list
  // ls that stands for it, or null: in order, passing over live nodes
  // that scripts added, which are of another kind, name or id.
  function match(bs, ls) {
    var out = new Array(bs.length);
    var j = 0;
    for (var i = 0; i < bs.length; i++) {
      out[i] = null;
      for (var k = j; k < ls.length; k++) {
        if (same(bs[i], ls[k])) {
          out[i] = ls[k];
          j = k + 1;
          break;
        }
      }
    }
    return out;
  }

  function same(b, l) {
    if (b.nodeType !== l.nodeType || b.nodeName !== l.nodeName) return false;
    if (b.nodeType !== 1) return true;
    var id = b.getAttribute("id");
    return id === null || id === l.getAttribute("id");
  }

  function describe(node) {
    return node.nodeType === 1 ? "<" + node.nodeName.toLowerCase() + ">" : node.nodeName;
  }

  return swap;
})();

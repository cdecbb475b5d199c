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
// of the same kind (name and class) are paired in order, as many as can
// be, and patched in place, going down into elements, so an edited
// paragraph in a quiz keeps the quiz's buttons; the others are removed or
// added. (A run too long to pair is patched position by position, or
// replaced whole.)
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
    var m = bs.length - s - p, n = ns.length - s - p;
    if (m * n <= 250000) {
      patchRun(bs, ns, live, p, s, l, plan);
    } else if (m === n) {
      patchEach(bs, ns, live, p, bs.length - s, l, plan);
    } else {
      replaceRun(bs, ns, live, p, s, l, plan);
    }
  }

  // patchRun plans turning the nodes of bs between the first p and the
  // last s into those of ns, which may be more or fewer: it pairs nodes of
  // the same kind (name and class) in order, as many as it can (a longest
  // common subsequence), patches each pair as patchEach does, removes the
  // nodes of bs left over and adds those of ns. So a paragraph added above
  // a quiz, which changes the quiz's ids, still keeps the quiz's buttons
  // and answers.
  function patchRun(bs, ns, live, p, s, l, plan) {
    var m = bs.length - s - p, n = ns.length - s - p, w = n + 1;
    var kb = [], kn = [], i, j;
    for (i = 0; i < m; i++) {
      kb.push(kind(bs[p + i]));
      if (!live[p + i]) throw new Error("the page has no counterpart of " + describe(bs[p + i]));
    }
    for (j = 0; j < n; j++) kn.push(kind(ns[p + j]));
    // lcs[i*w+j] is the length of the longest common run of kinds of
    // kb[i:] and kn[j:].
    var lcs = new Int32Array((m + 1) * w);
    for (i = m - 1; i >= 0; i--) {
      for (j = n - 1; j >= 0; j--) {
        lcs[i * w + j] = kb[i] === kn[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    if (p > 0 && !live[p - 1]) throw new Error("the page has no counterpart of " + describe(bs[p - 1]));
    var after = p > 0 ? live[p - 1] : null; // new nodes go after this one; null: first
    i = 0;
    j = 0;
    while (i < m || j < n) {
      if (i < m && j < n && kb[i] === kn[j] && lcs[i * w + j] === lcs[(i + 1) * w + j + 1] + 1) {
        patchPair(bs[p + i], ns[p + j], live[p + i], l, plan);
        after = live[p + i];
        i++;
        j++;
      } else if (i < m && (j === n || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
        plan.push(remove(l, live[p + i]));
        i++;
      } else {
        var node = l.ownerDocument.importNode(ns[p + j], true);
        plan.push(insertAfter(l, after, node));
        after = node;
        j++;
      }
    }
  }

  // kind is what a node must share with another to be patched into it.
  function kind(node) {
    if (node.nodeType !== 1) return node.nodeName;
    return node.nodeName + "." + (node.getAttribute("class") || "");
  }

  function remove(parent, node) { return function () { parent.removeChild(node); }; }
  function insertAfter(parent, after, node) {
    return function () { parent.insertBefore(node, after ? after.nextSibling : parent.firstChild); };
  }

  // patchEach plans changing, one for one, each of the nodes from..to of
  // bs that differs from its counterpart in ns, where it is: going down
  // into an element of the same name, otherwise replacing the node.
  function patchEach(bs, ns, live, from, to, l, plan) {
    for (var i = from; i < to; i++) patchPair(bs[i], ns[i], live[i], l, plan);
  }

  // patchPair plans changing lo, the live counterpart of bo in l, as bo
  // changed into no.
  function patchPair(bo, no, lo, l, plan) {
    if (bo.isEqualNode(no)) return;
    if (!lo) throw new Error("the page has no counterpart of " + describe(bo));
    if (bo.nodeType === 1 && no.nodeType === 1 && bo.nodeName === no.nodeName && !whole[bo.nodeName]) {
      attributes(bo, no, lo, plan);
      children(bo, no, lo, plan);
    } else if (bo.nodeType === 3 && no.nodeType === 3 && lo.nodeType === 3) {
      plan.push(setText(lo, no.data));
    } else {
      plan.push(replace(l, lo, l.ownerDocument.importNode(no, true)));
    }
  }

  // replaceRun plans replacing the nodes of bs between the first p and
  // the last s, which differ in number from those of ns, with ns's, along
  // with whatever scripts added among them: for runs too long to pair.
  function replaceRun(bs, ns, live, p, s, l, plan) {
    var bEnd = bs.length - s, nEnd = ns.length - s;
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
    for (var j = p; j < nEnd; j++) added.push(l.ownerDocument.importNode(ns[j], true));
    plan.push(function () {
      for (var e = first; e;) {
        var following = e.nextSibling;
        l.removeChild(e);
        e = e === last ? null : following;
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

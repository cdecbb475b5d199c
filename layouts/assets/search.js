// Handbook search, offline. The index is a set of scripts the generator
// writes under search/ (see generator/search/doc.go for the format): each
// hands its data to window.__ppcSearch.add, so search works from a file
// share, where browsers refuse fetch(). Nothing loads until the reader
// focuses the search box or presses "/": handbook.js loads this script
// then, and the script loads the index.
//
// A query is cut into words exactly as the generator cut the pages:
// folded (lower case, no accents), stop words dropped, stemmed with the
// same Porter2 stemmer, acronyms kept whole. Every word must match (AND);
// the word still being typed also matches as a prefix. Results are ranked
// by where their words are: page title, then heading, then text.
//
// The words, folding and stemming below are a copy of token.go and stem.go
// in generator/search; TestScriptAgrees runs this file under Node and
// checks the two agree, so change them together.
(function () {
  "use strict";

  var MAX_PAGES = 8; // pages shown at first, and more each time they are asked for
  var MAX_SECTIONS = 3; // sections shown under each page
  var MAX_PREFIX_TERMS = 30; // terms one typed prefix may stand for
  var MAX_PREFIX_SHARDS = 3; // terms files one typed prefix may load

  // ---- Words, as in token.go ----

  var WORD = /[\p{L}\p{Nd}\p{Mn}]+(?:['’][\p{L}\p{Nd}\p{Mn}]+)*/gu;
  var MARK = /\p{Mn}/u;
  var MARKS = /\p{Mn}/gu;
  var ENDS_IN_WORD = /[\p{L}\p{Nd}\p{Mn}]$/u;
  var LIGATURES = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l",
    "þ": "th", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t", "ſ": "s", "ĳ": "ij"
  };

  function words(s) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s)) !== null) out.push({ word: m[0], at: m.index });
    return out;
  }

  function foldChar(c) {
    if (c === "'" || c === "’" || MARK.test(c)) return "";
    var lower = c.toLowerCase();
    var cp = c.codePointAt(0);
    if ((cp >= 0xc0 && cp < 0x250) || (cp >= 0x1e00 && cp < 0x1f00)) {
      var f = lower.normalize("NFD").replace(MARKS, "");
      f = LIGATURES[f] || f;
      if (/^[a-z]+$/.test(f)) return f;
    }
    return lower;
  }

  function fold(w) {
    if (/^[a-z0-9]*$/.test(w)) return w;
    var possessive = /^(.+)['’][sS]$/.exec(w);
    if (possessive) w = possessive[1];
    var out = "";
    for (var c of w) out += foldChar(c);
    return out;
  }

  function isAcronym(w) {
    return /^[A-Z0-9]{2,5}$/.test(w) && /[A-Z].*[A-Z]/.test(w);
  }

  function acronym(w) {
    var suffixes = ["'s", "’s", "s"];
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (w.length > s.length && w.slice(-s.length) === s && isAcronym(w.slice(0, -s.length))) {
        return w.slice(0, -s.length);
      }
    }
    return isAcronym(w) ? w : "";
  }

  // key is the term a word of a page is indexed under, or "" for a stop word.
  function key(w, stop) {
    var a = acronym(w);
    if (a) return a;
    var f = fold(w);
    return stop.has(f) ? "" : stem(f);
  }

  // ---- Porter2 stemmer with undoubling, as in stem.go ----

  var STEM_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli",
    singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var AFTER_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];

  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }

  function regionAfter(w, from) {
    for (var i = from + 1; i < w.length; i++) {
      if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    }
    return w.length;
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (isVowel(w[i])) return true;
    return false;
  }

  function endsShort(w) {
    var n = w.length;
    if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (n >= 3) {
      var c = w[n - 1];
      return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== "w" && c !== "x" && c !== "Y";
    }
    return false;
  }

  function isDouble(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && "bdfgmnprt".indexOf(w[n - 1]) >= 0;
  }

  function longest(w, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length <= w.length && w.slice(w.length - s.length) === s) return s;
    }
    return "";
  }

  function cut(w, s) { return w.slice(0, w.length - s.length); }

  function step1a(w) {
    var n = w.length;
    switch (longest(w, ["sses", "ied", "ies", "us", "ss", "s"])) {
      case "sses": return w.slice(0, n - 2);
      case "ied": case "ies": return n > 4 ? w.slice(0, n - 2) : w.slice(0, n - 1);
      case "s": return hasVowel(w.slice(0, n - 2)) ? w.slice(0, n - 1) : w;
    }
    return w;
  }

  function step1b(w, r1) {
    var s = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    if (s === "") return w;
    if (s === "eed" || s === "eedly") return w.length - s.length >= r1 ? cut(w, s) + "ee" : w;
    var t = cut(w, s);
    if (!hasVowel(t)) return w;
    if (longest(t, ["at", "bl", "iz"]) !== "") return t + "e";
    if (isDouble(t)) return t.slice(0, -1);
    if (r1 >= t.length && endsShort(t)) return t + "e";
    return t;
  }

  function step1c(w) {
    var n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isVowel(w[n - 2])) return w.slice(0, n - 1) + "i";
    return w;
  }

  var STEP2 = {
    ization: "ize", ational: "ate", fulness: "ful", ousness: "ous", iveness: "ive",
    tional: "tion", biliti: "ble", lessli: "less",
    entli: "ent", ation: "ate", alism: "al", aliti: "al", ousli: "ous", iviti: "ive", fulli: "ful",
    enci: "ence", anci: "ance", abli: "able", izer: "ize", ator: "ate", alli: "al",
    bli: "ble", ogi: "og", li: ""
  };
  var STEP2_ORDER = ["ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli",
    "entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli", "izer", "ator", "alli",
    "bli", "ogi", "li"];

  function step2(w, r1) {
    var s = longest(w, STEP2_ORDER);
    if (s === "" || w.length - s.length < r1) return w;
    var t = cut(w, s);
    if (s === "ogi") return t.slice(-1) === "l" ? t + "og" : w;
    if (s === "li") return t.length > 0 && "cdeghkmnrt".indexOf(t[t.length - 1]) >= 0 ? t : w;
    return t + STEP2[s];
  }

  function step3(w, r1, r2) {
    var s = longest(w, ["ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful"]);
    if (s === "" || w.length - s.length < r1) return w;
    var t = cut(w, s);
    switch (s) {
      case "tional": return t + "tion";
      case "ational": return t + "ate";
      case "alize": return t + "al";
      case "icate": case "iciti": case "ical": return t + "ic";
      case "ful": case "ness": return t;
      case "ative": return t.length >= r2 ? t : w;
    }
    return w;
  }

  function step4(w, r2) {
    var s = longest(w, ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
      "ous", "ive", "ize", "ion", "al", "er", "ic"]);
    if (s === "" || w.length - s.length < r2) return w;
    var t = cut(w, s);
    if (s === "ion" && (t.length === 0 || (t[t.length - 1] !== "s" && t[t.length - 1] !== "t"))) return w;
    return t;
  }

  function step5(w, r1, r2) {
    var n = w.length;
    if (n > 0 && w[n - 1] === "e") {
      if (n - 1 >= r2 || (n - 1 >= r1 && !endsShort(w.slice(0, n - 1)))) return w.slice(0, n - 1);
    } else if (n > 1 && w[n - 1] === "l") {
      if (n - 1 >= r2 && w[n - 2] === "l") return w.slice(0, n - 1);
    }
    return w;
  }

  function stem(w) {
    if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
    if (Object.prototype.hasOwnProperty.call(STEM_EXCEPTIONS, w)) return STEM_EXCEPTIONS[w];
    var b = "";
    for (var i = 0; i < w.length; i++) {
      b += w[i] === "y" && (i === 0 || isVowel(w[i - 1])) ? "Y" : w[i];
    }
    var r1 = b.length;
    var prefixes = ["gener", "commun", "arsen"];
    for (var j = 0; j < prefixes.length; j++) {
      if (b.indexOf(prefixes[j]) === 0) { r1 = prefixes[j].length; break; }
    }
    if (r1 === b.length) r1 = regionAfter(b, 0);
    var r2 = regionAfter(b, r1);
    b = step1a(b);
    if (AFTER_1A.indexOf(b) >= 0) return b;
    b = step1b(b, r1);
    b = step1c(b);
    b = step2(b, r1);
    b = step3(b, r1, r2);
    b = step4(b, r2);
    b = step5(b, r1, r2);
    b = b.replace(/Y/g, "y");
    var n = b.length;
    if (n >= 4 && b[n - 1] === b[n - 2] && !isVowel(b[n - 1])) b = b.slice(0, n - 1);
    return b;
  }

  // ---- Postings, as written by files.go ----

  var LAST_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
  var MORE_DIGITS = "ghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 32; d++) {
    DIGIT[LAST_DIGITS.charCodeAt(d)] = d;
    DIGIT[MORE_DIGITS.charCodeAt(d)] = 32 + d;
  }
  // Score of a posting's field level: text only, page title elsewhere on
  // the page, heading, title of the page's top. Text adds one.
  var LEVEL_SCORE = [0, 4, 8, 16];

  // eachNumber calls use with each number of s, written as files.go
  // writes them: base-32 digits, the last of each number from LAST_DIGITS.
  // The three lists below share it, so the format is read in one place.
  function eachNumber(s, use) {
    var v = 0;
    for (var i = 0; i < s.length; i++) {
      var digit = DIGIT[s.charCodeAt(i)];
      if (digit >= 32) {
        v = v * 32 + digit - 32;
        continue;
      }
      use(v * 32 + digit);
      v = 0;
    }
  }

  // decode reads a term's postings: each number is the gap from the
  // entry before, times 8, plus the entry's field flags.
  function decode(s) {
    var ids = [];
    var flags = [];
    var prev = -1;
    eachNumber(s, function (v) {
      prev = prev + 1 + Math.floor(v / 8);
      ids.push(prev);
      flags.push(v % 8);
    });
    return { ids: ids, flags: flags };
  }

  // pagesOf reads index.js "pages", the number of entries on each page
  // in reading order, into the page of each entry.
  function pagesOf(s, entries) {
    var pageOf = new Int32Array(entries);
    var at = 0, page = 0;
    eachNumber(s, function (v) {
      pageOf.fill(page, at, at + v);
      at += v;
      page++;
    });
    return pageOf;
  }

  // startsOf reads index.js "text", the number of entries in each text
  // file, into the first entry of each.
  function startsOf(s) {
    var starts = [];
    var at = 0;
    eachNumber(s, function (v) {
      starts.push(at);
      at += v;
    });
    return starts;
  }

  function lowerBound(sorted, s) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // lastAtOrBefore is the index of the last element <= s, or 0.
  function lastAtOrBefore(sorted, s) {
    var i = lowerBound(sorted, s);
    if (i < sorted.length && sorted[i] === s) return i;
    return Math.max(0, i - 1);
  }

  // ---- The engine: loads what a query needs, then answers it ----

  // fileName is the path within search/ of terms or text file n. Text
  // files are kept a hundred to a folder, as a large site has thousands
  // (generator/search/files.go).
  function fileName(kind, n) {
    return kind === "text" ? "t" + Math.floor(n / 100) + "/text-" + n + ".js" : kind + "-" + n + ".js";
  }

  // Engine answers queries. load(name) returns a promise of the data that
  // the file search/<name> hands to __ppcSearch.add.
  function Engine(load) {
    this.load = load;
    this.ready = null;
    this.ix = null;
    this.stop = null;
    this.termFiles = [];
    this.textFiles = [];
    this.decoded = new Map();
  }

  Engine.prototype.open = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.load("index.js").then(function (ix) {
        if (!ix || ix.version !== 3) throw new Error("search/index.js is from another version of the generator");
        self.ix = ix;
        self.stop = new Set(ix.stop);
        self.pageOf = pagesOf(ix.pages, ix.entries);
        self.textStarts = startsOf(ix.text);
        return self;
      });
      this.ready.catch(function () { self.ready = null; }); // let a later try load it again
    }
    return this.ready;
  };

  Engine.prototype.shardOf = function (term) {
    return lastAtOrBefore(this.ix.shards, term);
  };

  Engine.prototype.loadTerms = function (shards) {
    var self = this;
    return Promise.all(shards.map(function (n) {
      if (self.termFiles[n]) return self.termFiles[n];
      return self.load(fileName("terms", n)).then(function (data) { self.termFiles[n] = data; return data; });
    }));
  };

  // tables lists the term tables to look in: index.js's own, or the
  // terms files with these numbers (which must be loaded).
  Engine.prototype.tables = function (shards) {
    if (this.ix.terms) return [this.ix];
    var self = this;
    return shards.map(function (n) { return self.termFiles[n]; });
  };

  // prefixShards lists the terms files holding terms that start with p.
  Engine.prototype.prefixShards = function (p) {
    var shards = this.ix.shards;
    var first = this.shardOf(p);
    var out = [first];
    for (var n = first + 1; n < shards.length && out.length < MAX_PREFIX_SHARDS; n++) {
      if (shards[n].slice(0, p.length) !== p) break;
      out.push(n);
    }
    return out;
  };

  Engine.prototype.postings = function (term) {
    var hit = this.decoded.get(term);
    if (hit) return hit;
    var shards = this.ix.terms ? [] : [this.shardOf(term)];
    var table = this.tables(shards)[0];
    var i = lowerBound(table.terms, term);
    if (i >= table.terms.length || table.terms[i] !== term) return null;
    hit = decode(table.postings[i]);
    this.decoded.set(term, hit);
    return hit;
  };

  // withPrefix lists up to MAX_PREFIX_TERMS terms starting with p, those
  // in most entries first.
  Engine.prototype.withPrefix = function (p) {
    var found = [];
    var tables = this.tables(this.ix.terms ? [] : this.prefixShards(p));
    tables.forEach(function (t) {
      for (var i = lowerBound(t.terms, p); i < t.terms.length && t.terms[i].slice(0, p.length) === p; i++) {
        found.push({ term: t.terms[i], size: t.postings[i].length });
      }
    });
    found.sort(function (a, b) { return b.size - a.size || (a.term < b.term ? -1 : 1); });
    return found.slice(0, MAX_PREFIX_TERMS).map(function (f) { return f.term; });
  };

  // parse turns a query into clauses, one per word that counts: the terms
  // it matches exactly, and the prefix it may match as it is being typed.
  // A run of words that is one of the names in a synonym group becomes
  // one clause that matches any name of the group.
  Engine.prototype.parse = function (query) {
    var stop = this.stop;
    var found = words(query);
    var typing = ENDS_IN_WORD.test(query);
    var clauses = [];
    found.forEach(function (w, i) {
      var a = acronym(w.word);
      if (a) {
        clauses.push({ exact: [a], prefix: "", word: w.word });
        return;
      }
      var f = fold(w.word);
      if (stop.has(f)) return;
      var exact = [stem(f)];
      // An acronym typed in lower case: "dna" is DNA, "dnas" too.
      [f, f.slice(0, -1)].forEach(function (g, j) {
        var upper = g.toUpperCase();
        if ((j === 0 || f.slice(-1) === "s") && isAcronym(upper) && exact.indexOf(upper) < 0) exact.push(upper);
      });
      var last = i === found.length - 1 && typing;
      clauses.push({ exact: exact, prefix: last && f.length >= 2 ? f : "", word: f });
    });
    return this.synonyms(clauses);
  };

  // synonyms replaces each run of clauses that spells a name of a synonym
  // group (index.js "synonyms", from the glossary) with one clause for
  // the whole group: "ERS" finds e-RS, "did not attend" finds DNA.
  Engine.prototype.synonyms = function (clauses) {
    var groups = this.ix.synonyms;
    var out = [];
    for (var i = 0; i < clauses.length; i++) {
      var hit = null;
      for (var g = 0; g < groups.length && !hit; g++) {
        for (var n = 0; n < groups[g].length && !hit; n++) {
          var name = groups[g][n];
          var fits = i + name.length <= clauses.length;
          for (var j = 0; fits && j < name.length; j++) fits = clauses[i + j].exact.indexOf(name[j]) >= 0;
          if (fits) hit = { names: groups[g], typed: n };
        }
      }
      if (hit) {
        out.push(hit);
        i += hit.names[hit.typed].length - 1;
      } else {
        out.push(clauses[i]);
      }
    }
    return out;
  };

  // fallbacks lists shorter prefixes to try when a typed word matches no
  // term: one cut short in the middle of a suffix ("appointm") matches no
  // stem as a prefix, but "appoint" does. At most four letters go, and at
  // least three stay.
  function fallbacks(p) {
    var out = [];
    if (!/^[a-z]+$/.test(p)) return out;
    for (var k = 1; k <= 4 && p.length - k >= 3; k++) out.push(p.slice(0, -k));
    return out;
  }

  // needs lists the terms files a clause may look in.
  Engine.prototype.needs = function (c) {
    if (this.ix.terms) return [];
    var self = this;
    if (c.names) {
      var all = [];
      c.names.forEach(function (name) { all = all.concat(name.map(function (t) { return self.shardOf(t); })); });
      return all;
    }
    var out = c.exact.map(function (t) { return self.shardOf(t); });
    if (c.prefix) {
      out = out.concat(this.prefixShards(c.prefix));
      fallbacks(c.prefix).forEach(function (p) { out = out.concat(self.prefixShards(p)); });
    }
    return out;
  };

  // Weights of the ways a word matches, so that a whole word outranks the
  // word being typed, which outranks a correction of a typo, one letter
  // out before two. A synonym group's other names count a little less
  // than the name typed.
  var EXACT = 8, SYNONYM = 6, PREFIX = 4, TYPO = [0, 2, 1];

  // typoDistance is how many letters a word of n letters may have wrong
  // and still match: one from four letters, two from eight.
  function typoDistance(n) { return n >= 8 ? 2 : n >= 4 ? 1 : 0; }

  // distance is the number of single-letter insertions, deletions,
  // substitutions and swaps of neighbours that make a into b (optimal
  // string alignment), or max+1 once it is more than max. Its three rows
  // are kept between calls, as typos calls it for every term of a file.
  var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    if (b.length + 1 > rows[0].length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
    var prev2 = rows[0], prev = rows[1], row = rows[2];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      row[0] = i;
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2] + 1);
        row[j] = d;
        if (d < least) least = d;
      }
      if (least > max) return max + 1;
      var t = prev2;
      prev2 = prev;
      prev = row;
      row = t;
    }
    return prev[b.length];
  }

  // typos lists up to MAX_PREFIX_TERMS terms, with their distance d,
  // nearest to the word w or its stem s, within typo distance, commonest
  // first: "recieved" is "received", not also "review". On a site with
  // terms files, only the file the stem falls in is searched: a typo
  // seldom changes a word's first letters.
  Engine.prototype.typos = function (w, s) {
    var max = typoDistance(w.length);
    if (max === 0 || !/^[a-z]+$/.test(w)) return [];
    var found = [];
    this.tables(this.ix.terms ? [] : [this.shardOf(s)]).forEach(function (t) {
      for (var i = 0; i < t.terms.length; i++) {
        var term = t.terms[i];
        if (Math.abs(term.length - s.length) > max && Math.abs(term.length - w.length) > max) continue;
        var d = distance(s, term, max);
        if (d > 0 && w !== s) d = Math.min(d, distance(w, term, max));
        if (d <= max) found.push({ term: term, d: d, size: t.postings[i].length });
      }
    });
    found.sort(function (a, b) { return a.d - b.d || b.size - a.size || (a.term < b.term ? -1 : 1); });
    var nearest = found.length ? found[0].d : 0;
    return found.filter(function (f) { return f.d === nearest; }).slice(0, MAX_PREFIX_TERMS);
  };

  // match scores every entry a clause matches. The first exact term is
  // the stem; any others are acronyms. Scores sit in an array by entry,
  // with the list of entries that have one, which is quicker than a Map
  // for the tens of thousands a common word has.
  Engine.prototype.match = function (c, hits) {
    var self = this;
    var m = { ids: [], scores: new Int32Array(this.ix.entries) };
    if (c.names) return this.matchNames(c, hits, m);
    var seen = new Set();
    function add(term, weight) {
      if (seen.has(term)) return false;
      var p = self.postings(term);
      if (!p) return false;
      seen.add(term);
      hits.add(term);
      for (var i = 0; i < p.ids.length; i++) {
        var id = p.ids[i];
        var f = p.flags[i];
        var s = weight * (LEVEL_SCORE[f >> 1] + (f & 1));
        var old = m.scores[id];
        if (old === 0) m.ids.push(id);
        if (s > old) m.scores[id] = s;
      }
      return true;
    }
    var stemFound = false, acronymFound = false;
    c.exact.forEach(function (t, i) {
      if (add(t, EXACT)) {
        if (i > 0) acronymFound = true; else stemFound = true;
      }
    });
    // A typed word that is a known acronym ("dna") is that acronym, whole.
    if (acronymFound) return m;
    var any = stemFound;
    if (c.prefix) {
      this.withPrefix(c.prefix).forEach(function (t) { any = add(t, PREFIX) || any; });
    }
    if (!stemFound) {
      this.typos(c.word, c.exact[0]).forEach(function (t) { any = add(t.term, TYPO[t.d]) || any; });
    }
    if (c.prefix) {
      var shorter = fallbacks(c.prefix);
      for (var k = 0; !any && k < shorter.length; k++) {
        this.withPrefix(shorter[k]).forEach(function (t) { any = add(t, PREFIX) || any; });
      }
    }
    return m;
  };

  // matchNames scores the entries that have every term of some name of a
  // synonym group, by the best name they have.
  Engine.prototype.matchNames = function (c, hits, m) {
    var self = this;
    c.names.forEach(function (name, n) {
      var weight = n === c.typed ? EXACT : SYNONYM;
      var lists = name.map(function (t) { return self.postings(t); });
      if (lists.some(function (p) { return !p; })) return;
      var sum = new Map();
      lists.forEach(function (p, j) {
        for (var i = 0; i < p.ids.length; i++) {
          var id = p.ids[i];
          var f = p.flags[i];
          var had = sum.get(id);
          if (j === 0) sum.set(id, { n: 1, s: LEVEL_SCORE[f >> 1] + (f & 1) });
          else if (had && had.n === j) { had.n++; had.s += LEVEL_SCORE[f >> 1] + (f & 1); }
        }
      });
      var any = false;
      sum.forEach(function (v, id) {
        if (v.n !== name.length) return;
        any = true;
        var s = weight * v.s;
        var old = m.scores[id];
        if (old === 0) m.ids.push(id);
        if (s > old) m.scores[id] = s;
      });
      if (any) name.forEach(function (t) { hits.add(t); });
    });
    m.ids.sort(function (a, b) { return a - b; });
    return m;
  };

  // rank ANDs the clauses' matches, adding up their scores, and returns
  // every entry that matches with its score, in no particular order.
  function rank(matches) {
    var out = { ids: [], scores: [] };
    if (matches.length === 0) return out;
    matches.sort(function (a, b) { return a.ids.length - b.ids.length; });
    var ids = matches[0].ids;
    next: for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      var score = matches[0].scores[id];
      for (var j = 1; j < matches.length; j++) {
        var s = matches[j].scores[id];
        if (s === 0) continue next;
        score += s;
      }
      out.ids.push(id);
      out.scores.push(score);
    }
    return out;
  }

  // before says whether entry (or page whose best entry is) a, scoring sa,
  // ranks before b, scoring sb: by score, then reading order.
  function before(sa, a, sb, b) { return sa > sb || (sa === sb && a < b); }

  // group gathers ranked entries by page and returns how many pages there
  // are and the best limit of them, in the order of their best entry,
  // each with its entries best first. Only those pages are sorted, and
  // only their entries kept: a common word on a large site has tens of
  // thousands of matches, so the rest are counted in typed arrays.
  Engine.prototype.group = function (ranked, limit) {
    var pageOf = this.pageOf;
    var pages = pageOf.length ? pageOf[pageOf.length - 1] + 1 : 0;
    var bestScore = new Int32Array(pages);
    var bestId = new Int32Array(pages);
    var seen = [];
    var i, id, score, p;
    for (i = 0; i < ranked.ids.length; i++) {
      id = ranked.ids[i];
      score = ranked.scores[i];
      p = pageOf[id];
      if (bestScore[p] === 0) seen.push(p);
      if (bestScore[p] === 0 || before(score, id, bestScore[p], bestId[p])) {
        bestScore[p] = score;
        bestId[p] = id;
      }
    }
    var top = [];
    for (i = 0; i < seen.length; i++) {
      p = seen[i];
      var at = top.length;
      while (at > 0 && before(bestScore[p], bestId[p], bestScore[top[at - 1]], bestId[top[at - 1]])) at--;
      if (at < limit) {
        top.splice(at, 0, p);
        if (top.length > limit) top.pop();
      }
    }
    var slot = new Map();
    var groups = top.map(function (p, n) {
      slot.set(p, n);
      return { page: p, score: bestScore[p], entries: [] };
    });
    for (i = 0; i < ranked.ids.length; i++) {
      var n = slot.get(pageOf[ranked.ids[i]]);
      if (n !== undefined) groups[n].entries.push({ id: ranked.ids[i], score: ranked.scores[i] });
    }
    groups.forEach(function (g) {
      g.entries.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    });
    return { pages: seen.length, top: groups };
  };

  Engine.prototype.textFile = function (id) {
    return lastAtOrBefore(this.textStarts, id);
  };

  // search answers a query with a promise of { total, pages, groups,
  // hits }: how many entries match, on how many pages, and the best pages
  // (limit of them, MAX_PAGES if not given), each with its best
  // MAX_SECTIONS entries (page title, file, heading, anchor and text) and
  // how many more it has; hits is the set of terms that matched, for
  // marking words in the text. It is null when the query has no words
  // that count.
  Engine.prototype.search = function (query, limit) {
    var self = this;
    limit = limit || MAX_PAGES;
    return this.open().then(function () {
      var clauses = self.parse(query);
      if (clauses.length === 0) return null;
      var shards = [];
      clauses.forEach(function (c) { shards = shards.concat(self.needs(c)); });
      return self.loadTerms(shards.filter(function (n, i) { return shards.indexOf(n) === i; })).then(function () {
        var hits = new Set();
        var ranked = rank(clauses.map(function (c) { return self.match(c, hits); }));
        var groups = self.group(ranked, limit);
        var shown = groups.top.map(function (g) {
          return { page: g.page, score: g.score, more: Math.max(0, g.entries.length - MAX_SECTIONS), entries: g.entries.slice(0, MAX_SECTIONS) };
        });
        var best = [];
        shown.forEach(function (g) { best = best.concat(g.entries); });
        return self.describe(best).then(function (results) {
          var at = 0;
          shown.forEach(function (g) { g.results = results.slice(at, at + g.entries.length); at += g.entries.length; delete g.entries; });
          return { total: ranked.ids.length, pages: groups.pages, groups: shown, hits: hits };
        });
      });
    });
  };

  // describe loads the text of the best entries.
  Engine.prototype.describe = function (best) {
    var self = this;
    var files = [];
    best.forEach(function (r) {
      var n = self.textFile(r.id);
      if (files.indexOf(n) < 0) files.push(n);
    });
    return Promise.all(files.map(function (n) {
      if (self.textFiles[n]) return self.textFiles[n];
      return self.load(fileName("text", n)).then(function (data) { self.textFiles[n] = data; return data; });
    })).then(function () {
      return best.map(function (r) {
        var n = self.textFile(r.id);
        var e = self.textFiles[n].entries[r.id - self.textStarts[n]];
        var page = self.textFiles[n].pages[e[0]];
        return { id: r.id, score: r.score, title: page[0], file: page[1], heading: e[1], anchor: e[2], text: e[3] };
      });
    });
  };

  // ---- Snippets ----

  // marked lists the [start, end) spans of the words of s whose terms are
  // in hits.
  function marked(s, hits, stop) {
    var out = [];
    words(s).forEach(function (w) {
      if (hits.has(key(w.word, stop))) out.push([w.at, w.at + w.word.length]);
    });
    return out;
  }

  // snippet cuts s to about size characters around its first marked word
  // and returns it as parts: { text, mark } with mark true for a match.
  function snippet(s, hits, stop, size) {
    size = size || 180;
    var spans = marked(s, hits, stop);
    var start = 0;
    var end = s.length;
    if (s.length > size) {
      if (spans.length > 0) start = Math.max(0, spans[0][0] - Math.floor(size / 3));
      if (start > 0) {
        var space = s.indexOf(" ", start);
        if (space >= 0 && space < spans[0][0]) start = space + 1;
      }
      end = Math.min(s.length, start + size);
      if (end < s.length) {
        var back = s.lastIndexOf(" ", end);
        if (back > start) end = back;
      }
    }
    var parts = [];
    if (start > 0) parts.push({ text: "… ", mark: false });
    var at = start;
    spans.forEach(function (sp) {
      if (sp[0] < at || sp[1] > end) return;
      if (sp[0] > at) parts.push({ text: s.slice(at, sp[0]), mark: false });
      parts.push({ text: s.slice(sp[0], sp[1]), mark: true });
      at = sp[1];
    });
    if (at < end) parts.push({ text: s.slice(at, end), mark: false });
    if (end < s.length) parts.push({ text: " …", mark: false });
    return parts;
  }

  var api = {
    words: words, fold: fold, acronym: acronym, key: key, stem: stem, decode: decode, distance: distance,
    Engine: Engine, snippet: snippet, foldChar: foldChar
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api; // under Node, for the generator's tests
    return;
  }

  // ---- The page the reader lands on ----

  // A result's link carries the terms that matched in ?h= (as Material
  // for MkDocs does), so the page can mark them: every word of the page's
  // text whose term is one of them, without loading the index. The
  // browser has already scrolled to the section; a page's top has none,
  // so the first mark is brought into view instead.
  function highlight() {
    var m = /[?&]h=([^&#]*)/.exec(location.search);
    var text = document.querySelector(".prose");
    if (!m || !text) return;
    var terms;
    try { terms = new Set(decodeURIComponent(m[1].replace(/\+/g, " ")).split(" ").filter(Boolean)); } catch (e) { return; }
    if (terms.size === 0) return;
    var none = new Set();
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest("script, style, mark, .term-tip") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var s = node.nodeValue;
      var spans = marked(s, terms, none);
      if (spans.length === 0) return;
      var frag = document.createDocumentFragment();
      var at = 0;
      spans.forEach(function (sp) {
        if (sp[0] > at) frag.appendChild(document.createTextNode(s.slice(at, sp[0])));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = s.slice(sp[0], sp[1]);
        frag.appendChild(mark);
        first = first || mark;
        at = sp[1];
      });
      if (at < s.length) frag.appendChild(document.createTextNode(s.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
    else if (first) first.scrollIntoView({ block: "center" });
  }
  highlight();

  // ---- The search box ----

  var form = document.querySelector(".search");
  var input = document.getElementById("search-input");
  if (!form || !input) return;
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var panel = form.querySelector(".search-panel");
  var message = form.querySelector(".search-message");
  var status = form.querySelector(".search-status");
  var root = document.documentElement.dataset.root || "";
  var clean = location.protocol === "http:" || location.protocol === "https:";
  var engine = new Engine(scriptLoader(root + "search/"));
  window.__ppcSearch.engine = engine; // for timing queries from the console, and for tests
  var options = []; // the options in the list, in order: result links, then "more"
  var active = -1;
  var asked = 0; // number of the latest query, so late answers are dropped
  var limit = MAX_PAGES; // pages asked for: more each time "Show more" is chosen

  // scriptLoader loads search/<name> by adding a <script>, which calls
  // __ppcSearch.add with its data.
  function scriptLoader(base) {
    var waiting = {};
    window.__ppcSearch = {
      add: function (data) {
        var name = data.kind === "index" ? "index.js" : fileName(data.kind, data.n);
        if (waiting[name]) waiting[name].resolve(data);
      }
    };
    return function (name) {
      if (waiting[name]) return waiting[name].promise;
      var w = {};
      w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject; });
      waiting[name] = w;
      var s = document.createElement("script");
      s.src = base + name;
      s.onerror = function () {
        delete waiting[name];
        s.remove();
        w.reject(new Error("could not load search/" + name));
      };
      document.head.appendChild(s);
      return w.promise;
    };
  }

  // href is a result's address, with the matched terms for the page to
  // mark (highlight, above).
  function href(r, hits) {
    var h = root + r.file;
    if (clean) h = h.replace(/index\.html$/, "") || "./";
    var terms = [];
    hits.forEach(function (t) { terms.push(t); });
    if (terms.length) h += "?h=" + encodeURIComponent(terms.join(" ")).replace(/%20/g, "+");
    return h + (r.anchor ? "#" + r.anchor : "");
  }

  function setOpen(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open && options.length > 0 ? "true" : "false");
    if (!open) setActive(-1);
  }

  function setActive(i) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  // append adds the parts of a snippet to el as text, with matched words
  // in <mark>. Index text only ever becomes text nodes, never HTML.
  function append(el, parts) {
    parts.forEach(function (p) {
      if (!p.mark) {
        el.appendChild(document.createTextNode(p.text));
        return;
      }
      var m = document.createElement("mark");
      m.textContent = p.text;
      el.appendChild(m);
    });
  }

  function span(className, text) {
    var s = document.createElement("span");
    s.className = className;
    if (text) s.textContent = text;
    return s;
  }

  // option is one result: a real link, so it can be opened in a new tab,
  // copied, or seen on hover, that is also an option of the listbox.
  function option(r, hits) {
    var a = document.createElement("a");
    a.id = "search-result-" + options.length;
    a.className = "search-result";
    a.href = href(r, hits);
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1; // the box keeps focus; arrows move through the list
    var where = span("search-result-where");
    append(where, snippet(r.heading || "Introduction", hits, engine.stop, 1e9));
    a.appendChild(where);
    a.appendChild(document.createTextNode(" ")); // between heading and text in the option's name
    if (r.text) {
      var text = span("search-result-text");
      append(text, snippet(r.text, hits, engine.stop));
      a.appendChild(text);
    }
    options.push(a);
    return a;
  }

  // group is one page of results, named by the page's title.
  function group(g, i, hits) {
    var div = document.createElement("div");
    div.className = "search-group";
    div.setAttribute("role", "group");
    var title = span("search-group-title");
    title.id = "search-group-" + i;
    append(title, snippet(g.results[0].title, hits, engine.stop, 1e9));
    div.setAttribute("aria-labelledby", title.id);
    div.appendChild(title);
    g.results.forEach(function (r) { div.appendChild(option(r, hits)); });
    if (g.more) {
      div.appendChild(span("search-group-more", g.more === 1 ? "1 more section on this page" : g.more + " more sections on this page"));
    }
    return div;
  }

  // busy marks the list while an answer is on its way, for assistive
  // technology and for anything that must wait for the final answer.
  function busy(on) {
    if (on) list.setAttribute("aria-busy", "true");
    else list.removeAttribute("aria-busy");
  }

  function show(answer, query, focus) {
    // An arrow press on the previous answer stays on the same result
    // when the newer answer still has it, rather than jumping back.
    var kept = active >= 0 && options[active] ? options[active].getAttribute("href") : "";
    busy(false);
    list.textContent = "";
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!answer) {
      message.textContent = "";
      say("");
      setOpen(false);
      return;
    }
    var firstOf = [];
    answer.groups.forEach(function (g, i) {
      firstOf.push(options.length);
      list.appendChild(group(g, i, answer.hits));
    });
    var n = answer.total;
    var count = (n === 1 ? "1 result" : n + " results") + (answer.pages > 1 ? " on " + answer.pages + " pages" : "");
    if (answer.pages > answer.groups.length) {
      var more = document.createElement("div");
      more.id = "search-more";
      more.className = "search-more";
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      var left = answer.pages - answer.groups.length;
      more.textContent = "Show more results (" + (left === 1 ? "1 more page" : left + " more pages") + ")";
      list.appendChild(more);
      options.push(more);
    }
    if (n === 0) {
      message.textContent = "No results for “" + query.trim() + "”. Check the spelling or try fewer words.";
      say("No results");
    } else if (answer.pages > answer.groups.length) {
      message.textContent = "";
      say(count + ", the best " + answer.groups.length + " pages shown");
    } else {
      message.textContent = "";
      say(count);
    }
    message.hidden = message.textContent === "";
    list.hidden = options.length === 0;
    setOpen(true);
    var at = -1;
    options.forEach(function (o, i) { if (kept && o.getAttribute("href") === kept) at = i; });
    if (focus !== undefined) at = Math.min(firstOf[focus] === undefined ? options.length - 1 : firstOf[focus], options.length - 1);
    if (at >= 0) setActive(at);
  }

  // run searches for what is in the box. focus, when "Show more" asked
  // for it, is the group to move to once the longer list is shown.
  function run(focus) {
    var query = input.value;
    var mine = ++asked;
    if (query.trim().length < 2) {
      show(null, query);
      return;
    }
    busy(true);
    engine.search(query, limit).then(function (answer) {
      if (mine !== asked) return;
      if (document.activeElement === input) show(answer, query, focus);
      else busy(false);
    }, function (err) {
      if (mine !== asked) return;
      busy(false);
      list.textContent = "";
      options = [];
      message.hidden = false;
      list.hidden = true;
      message.textContent = "Search could not be loaded. Reload the page to try again.";
      say("Search could not be loaded");
      setOpen(true);
      if (window.console) console.error(err);
    });
  }

  function showMore() {
    var from = list.querySelectorAll(".search-group").length;
    limit += MAX_PAGES;
    run(from);
  }

  function go(i, newTab) {
    var o = options[i];
    if (!o) return;
    if (o.id === "search-more") {
      showMore();
      return;
    }
    var h = o.getAttribute("href");
    if (newTab) {
      window.open(h, "_blank");
      return;
    }
    setOpen(false);
    location.href = h;
  }

  function start() {
    engine.open().catch(function () { /* reported when a query needs it */ });
  }

  input.addEventListener("focus", function () {
    start();
    if (input.value.trim().length >= 2) run();
  });
  input.addEventListener("input", function () {
    limit = MAX_PAGES;
    run();
  });
  // A click or tap in the box brings back results closed with Escape.
  input.addEventListener("click", function () {
    if (panel.hidden && input.value.trim().length >= 2) run();
  });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    var open = !panel.hidden && options.length > 0;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        e.preventDefault();
        if (!open) {
          if (input.value.trim().length >= 2) run();
          return;
        }
        var step = e.key === "ArrowDown" ? 1 : -1;
        var next = active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
        setActive(next);
        break;
      case "Enter":
        e.preventDefault();
        if (open) go(active >= 0 ? active : 0, e.ctrlKey || e.metaKey);
        else if (input.value.trim().length >= 2) run();
        break;
      case "Escape":
        if (!panel.hidden) {
          e.preventDefault();
          asked++; // drop an answer still on its way
          busy(false);
          setOpen(false);
        } else if (input.value !== "") {
          e.preventDefault();
          input.value = "";
          show(null, "");
        }
        break;
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) {
      asked++;
      busy(false);
      setOpen(false);
    }
  });
  // Keep focus in the box while a result is pressed, so the list stays.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  // A result is a link: the browser follows it, in a new tab when asked
  // (ctrl-click, middle click, the context menu). "Show more" is not.
  list.addEventListener("click", function (e) {
    var o = e.target.closest && e.target.closest("[role=option]");
    if (!o) return;
    if (o.id === "search-more") {
      e.preventDefault();
      showMore();
    } else if (!(e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0)) {
      setOpen(false);
    }
  });

  // The page loads this script when the reader first focuses the box
  // (handbook.js, which also handles "/"): answer what is there already.
  if (document.activeElement === input) {
    start();
    if (input.value.trim().length >= 2) run();
  }
})();

// Package search makes the handbook's offline search index: scripts that
// layouts/assets/search.js loads on first use, so search works from a
// file share as well as from a web server, with no server code.
//
// # Model
//
// An entry is what a result links to: the top of a page (its description
// and any text before the first heading), one heading section, or, on the
// glossary page, one term. Each entry has its page's title and output
// file, its heading and anchor, and its plain text, from which the
// snippet is cut.
//
// A term is what a word is indexed under. Words are runs of letters and
// digits (an apostrophe inside a word joins it). Short all-capital words
// (DNA, PTL, RTT, 2WW, and plurals like DNAs) are acronyms, kept in
// capitals and matched only whole. Other words are folded (lower case,
// accents dropped: Café is cafe), common words (the, and, of) are dropped,
// and the rest are stemmed, so referral, referrals, referred and referring
// are one term. For each term the index holds its postings: the entries it
// occurs in, each with where it occurs (page title, heading, text), which
// is all ranking needs.
//
// # Contract with search.js
//
// search.js repeats the word, fold, acronym and stem rules of this package
// (TestScriptAgrees checks that they agree word for word, under Node). A
// query's words are ANDed. Each word matches its own term (weight 8); the
// word being typed also matches every term it begins (4); a word of four
// letters or more that matches neither is corrected to the nearest terms
// within one letter, or two from eight letters (swaps of neighbours count
// one), weighted 2 for one letter out and 1 for two. A run of words that
// is a name in one of the glossary's synonym groups (synonymsOf) matches
// any name of the group instead: the name typed at 8, the others at 6. In
// each field a match scores 16 for the title of a page's top, 8 for its
// heading, 4 for the title of its page, plus 1 in its text, times the
// weight. Results are grouped by page, pages in the order of their best
// entry, each with its best three entries; ties keep reading order.
//
// # Files
//
// Every file is a script calling window.__ppcSearch.add with one JSON
// object, whose "kind" names the file. JSON escapes <, > and &, so no
// page text can end the script.
//
//   - search/index.js, kind "index": "version" (3), "entries" (how many),
//     "stop" (the dropped words), "pages" (how many entries each page has,
//     in reading order, one number a page written as postings are),
//     "synonyms" (groups of names, each name its terms), "text" (how many
//     entries each text file has, written as "pages" is), and either "terms" and "postings" (all terms, sorted in
//     UTF-16 order, and their postings) or, for a large site, "shards"
//     (the first term of each terms file).
//   - search/terms-N.js, kind "terms": "n", "terms" and "postings" for a
//     run of 40 to 64 KB of terms.
//   - search/tK/text-N.js, where K is N/100, kind "text": "n", "pages"
//     ([title, file]) and "entries" ([page in pages, heading, anchor,
//     text]) for a run of entries of 12 to 24 KB.
//
// Where a run ends depends on the run's size and on the term or entry that
// follows it, not on the site before it, so an edit to one page changes
// the files near that page's entries and terms and leaves the others byte
// for byte as they were: a preview rewrites a few files, not thousands.
//
// A postings string lists entries in order. Each is one number, the gap
// from the entry before less one, times 8, plus the field flags: 1 for
// the text, plus 2 for the page's title, 4 for the heading, or 6 for the
// title on the page's top entry. Numbers are written in base 32, most
// significant digit first, with "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" for the
// last digit and "ghijklmnopqrstuvwxyz0123456789-_" for the others.
//
// A query loads index.js, then the terms files its words fall in (the
// word being typed may span up to three), then the text files of the
// results it shows. For the handbook the terms fit in index.js.
package search

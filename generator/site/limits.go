package site

// The sizes at which the build changes what it makes or how it makes it,
// each with its reason. The search index's own size limits (the terms
// that go in search/index.js itself, up to 192 KB, and the size of each
// terms and text file) are file-format choices of package search, and
// live there, in files.go.

// printLimit is the largest site that gets a whole-handbook page: a
// printed handbook runs to a few hundred pages at most, and past that one
// web page holding them all is too big to open, let alone print.
//
// It also chooses the one-shot build's strategy: the whole-handbook page
// needs every page's HTML at once, so a site that has one is built
// whole, then written; a larger site is streamed (stream.go), each page
// written as soon as it is converted, since at 10,000 pages the HTML of
// every page is most of what the build would otherwise hold.
//
// A variable only so that tests can build a streamed site of a few dozen
// pages (withPrintLimit): under the race detector, two builds of 350 pages
// took minutes of CI's time.
var printLimit = 300

// fullSidebar is the most pages whose contents sidebar lists them all in
// every page (layout.Plan.FullSidebar), written into the page so it works
// without JavaScript. Past it, a page shows the top sections and its own branch, each branch a
// script shared by its pages, as mdBook does for large books: written
// into each page, the 10,000-page corpus's sidebars were 26 KB a page,
// half of everything the build wrote.
const fullSidebar = 400

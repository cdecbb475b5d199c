// Package site is the generator's pipeline: Build turns the content and
// layouts folders into every file of the site, and hands each to a Sink.
// Only the commands use it; it is the one package that knows every stage.
//
// # Stages
//
// Build runs these in order, each a call into the package that owns it:
//
//  1. load: content.Load reads every Markdown file into a page (front
//     matter, path, URL, body) and every other file of the content folder,
//     to copy, while layout.Load parses the templates on the other core.
//     Drafts are dropped, unless previewing.
//  2. generated pages: the skills map (when there are skill pages), the
//     whole-handbook page (up to printLimit pages) and the progress page
//     join the others, so the tree gives them a place like any page.
//  3. tree: nav.Build orders the pages into sections and indexes their
//     URLs; pathway.Compute draws each scenario's timeline from its front
//     matter.
//  4. convert: markdown turns each page into a Doc (HTML, headings, links,
//     text), in parallel, the glossary first so other pages' links to its
//     terms can carry the definition.
//  5. check: links.Check reports every broken link, anchor, skills: name
//     and alias at once. Any error stops the build here, with nothing
//     made public; warnings are returned with the result.
//  6. index: search builds the offline search index from every page's
//     text.
//  7. render: layout lays every page out through the templates; the
//     pieces of base.html that pages of one depth share run once per
//     build for each depth and are copied into the rest (layout's split).
//  8. extras: the layouts' assets, code colours, the sitemap (with a base
//     URL), redirects from old addresses, and the content folder's own
//     files, none of which may replace a file the build made.
//
// # Invariants
//
//   - Problems are collected, never stopped at: every one in the sources
//     comes back at once, each as content.Error with file and line.
//   - Nothing reaches the sink's reader early. Build may Put files before
//     it knows the site is good (a streaming build writes pages as they
//     are converted), so a sink writes into a staging folder
//     (output.Stage) that is thrown away on error, or keeps its changes
//     until Build returns (output.Live).
//   - The same sources make the same bytes, whichever strategy built
//     them: TestBuildMatchesPreview compares a one-shot build with a
//     preview's, file by file.
//   - Once ctx is done Build stops between pages and returns ctx's error;
//     a Memo keeps only whole results, so the next build carries on.
//
// # Execution strategies
//
// The stages above are the plain strategy: each runs over the whole site
// before the next begins. Two others make it faster or smaller without
// changing a byte of output, each behind one seam:
//
//   - The preview's Memo (memo.go), given in Options by serve and kept
//     from one build to the next: only the files the watcher named are
//     read again, only changed pages converted, only links that could
//     have broken checked, only pages whose inputs changed (their own, or
//     the tree's shape as layout.Shape hashes it) laid out, and the
//     search index and progress page updated in place. Every file the
//     output folder already holds as it is (most pages, most search
//     files) is handed to the sink as nil, which output.Live notes by
//     name alone. An edit seldom moves a page, so the per-page memos
//     (renderings, search entries, link results, progress rows) are kept
//     in reading order and each page is compared with the one in its
//     place last time, falling back to lookups by key when pages moved.
//     It applies to every preview build, and makes one edit on a large
//     site cost about one page, plus a pass over the pages that only
//     compares.
//   - The stream (stream.go): a one-shot build (no Memo) of a site past
//     printLimit writes each page as soon as it is converted and indexes
//     it for search, rather than hold every page's HTML until all are
//     checked, and makes the progress page and closes the index on the
//     other core while the links are checked and the last pages laid
//     out. A site with a whole-handbook page cannot stream: that page
//     needs every other page's HTML.
//
// A one-shot build also lets each value go as soon as nothing reads it
// again (memory.go), and its command sets the collector's pace with
// TuneGC. The sizes at which any of this changes are in limits.go, with
// their reasons.
//
// Check runs Build for its problems, then the editorial checks of package
// check.
package site

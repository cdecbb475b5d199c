// Package check reviews a handbook for the problems a build lets through:
// things that do not stop the site being published but that an educator
// should fix before a trainee meets them.
//
// Site runs every check on a handbook that has already been loaded,
// converted and linked the way build does it, and returns the problems
// found, each a *content.Error at the file, line and column to change:
//
//   - review dates: a next_review date that has passed is an error; one
//     due within 30 days, or a page with no reviewed date, no next_review
//     date or no sources, is a warning;
//   - orphans: a page that no other page links to (the home page is
//     exempt, and a scenario or route naming a skill in skills: links to
//     it, because its page shows that link);
//   - images with no alt text, and links with no text (each page parsed in
//     the dialect conversion uses, package markdown/dialect, so a link in
//     a table, footnote or definition is found as the build finds it);
//   - headings that skip a level: the page title is the only level-1
//     heading, so a page's sections start at ## and go down one level at
//     a time;
//   - two pages with the same title;
//   - glossary terms that no page outside the glossary links to;
//   - tags and attributes the sanitiser took out of a page's raw HTML;
//   - paste damage: a non-breaking space after "##" or "1." that makes a
//     heading or list item plain text, and a link shown as typed because
//     its address has a space.
//
// A glossary link to a term that is not defined, and two files that would
// become the same page, are already errors in a build, so check reports them
// with the build's other problems rather than again.
//
// Every problem comes with a fix: a one-line piece of advice in plain
// English. Findings turns the problems (the build's and these) into
// Finding values, and Text and JSON print them.
//
// Web checks the handbook's web addresses, which a build never does: it asks
// each distinct address once, a few at a time, and remembers the answers
// for a day in a cache file, so running it again is quick and polite to the
// sites the handbook cites. Its HTTP client is a field, so tests use local
// servers and never the network.
package check

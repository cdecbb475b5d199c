// Package scorm turns a built handbook into a SCORM 1.2 content package,
// the zip that ESR's learning management (Oracle Learning), Moodle,
// Totara and the NHS Learning Hub all take, so that a trust can assign the
// handbook as training and see in its records who has read it.
//
// # The package
//
// Write takes the built site's files and writes a zip holding:
//
//   - imsmanifest.xml at the root: IMS Content Packaging 1.1.2 with ADL's
//     adlcp extension, schema "ADL SCORM", schemaversion 1.2, one
//     organisation with one item, and one resource that lists every file
//     in the package;
//   - the site exactly as built, except that each page gains one <script>
//     at the end of its body, loading scorm/adapter.js;
//   - scorm/launch.html, the SCO's launch page, and scorm/adapter.js.
//
// The zip is reproducible: the manifest first, then every file in name
// order, each with the same fixed time, so the same site and options give
// the same bytes. File names must be letters, digits, '-', '_' and '.'
// (Oracle Learning refuses spaces), and a site file where the package puts
// its own (imsmanifest.xml, scorm/) is an error rather than overwritten.
// Check tests a package against the content packaging rules of SCORM
// 1.2's Content Aggregation Model; the export command runs it on every
// package it writes.
//
// # One SCO, not one per section
//
// The whole handbook is one SCO. In SCORM each launchable item is a
// separate learning object with its own tracking record, and how an LMS
// rolls several into one result is its own choice. Moodle grades a
// multi-SCO package by whichever method the course picks and, unless its
// "all SCOs" completion setting is ticked, counts the activity complete
// when any one SCO is. Oracle Learning's upload guidance asks only for the
// manifest at the zip's root and no spaces in names; we found nothing on
// how ESR combines several SCOs into the one training record it keeps, so
// the choice that does not depend on it is a single SCO, whose one status,
// score and resume point every LMS records as sent. The handbook is also
// one piece of hypertext: its pages link across sections, search and the
// contents sidebar span all of it, and the progress page counts every
// page. Split into one SCO per section, a link or a search result into
// another section would open that section's pages inside the wrong SCO
// and record them against it. And the whole handbook's progress fits in
// one SCO's 4,096 characters of suspend data (172 characters with
// everything done). Because SCORM allows only leaf items to launch
// content, one SCO means the organisation is one item: the sections are
// found in the handbook's own contents, not in the LMS's.
//
// # The adapter
//
// SCORM 1.2 allows one LMSInitialize and one LMSFinish per launch, but a
// page of the handbook is unloaded whenever the trainee follows a link.
// So the launch page holds the LMS session and shows the handbook's pages
// in a frame; each page's adapter script reports to it. adapter.js's own
// comments describe what it sends and when, and the format of the
// suspend data. A page opened anywhere but in that frame, or a launch page
// with no LMS around it, behaves as the handbook always does, keeping
// progress in the browser only.
//
// The list of pages comes from the built progress page (progress/index.html,
// made by layout.Progress), and the knowledge checks from the quiz
// markup that package markdown writes: both made by the generator, not
// by layouts/, so the adapter counts exactly what the trainee sees.
package scorm

// Package output puts a built site into its output folder so that the
// folder always holds one whole version of the site, old or new, and
// never a half-written one.
//
// A build writes into a fresh hidden folder beside the output folder
// (Stage, then Put from any number of goroutines) and either swaps it
// into place in one step (Commit) or throws it away (Abort). On Linux an
// existing folder is exchanged with the new one atomically; elsewhere by
// two renames. Folders and files get the modes the umask gives any file,
// so a web server running as another user can read them.
//
// Two kinds of output folder need more:
//
//   - a link (a web server's folder elsewhere) is followed: the link
//     stays, and the folder it leads to gets the site;
//   - a mount point (a Docker volume, a mounted share) cannot be renamed,
//     so the new site is staged inside it and its entries are swapped in
//     one at a time, each step undone if a later one fails; Notes says
//     so.
//
// One build writes a folder at a time: Stage and Lock take a lock on a
// file beside it (.public.lock), which the system lets go however the
// process ends. Half-written folders left by a killed build are removed
// by the next.
//
// A preview keeps its folder up to date with Live: its Changes sink keeps
// only the files whose bytes differ from what the folder holds, and Apply
// writes each beside the file it replaces and renames them all into place
// once every one is written, so a browser never reads half a page.
//
// Check refuses output folders whose replacement would destroy the
// sources. The package imports nothing of the generator's own.
package output

// Package watch tells the dev server when the sources change, so it can rebuild the site.
//
// # Model
//
// Run watches folders, content/ and layouts/ for example, and calls a function once per burst
// of changes with the files that changed:
//
//	err := watch.Run(ctx, []string{"content", "layouts"}, 30*time.Millisecond,
//		func(c watch.Change) { rebuild(c.Paths) })
//
// # Contract
//
//   - Every folder below the given ones is watched, including folders made later and any
//     files they already hold when they are noticed (mkdir -p a/b/c && touch a/b/c/x.md).
//     The system's notifications (fsnotify: inotify on Linux, kqueue on macOS) cover one
//     folder each, not a tree, so Run adds a watch per folder, and walks each new folder as
//     it appears.
//   - Change.Paths lists files only, sorted and each once: created, written, removed, or
//     renamed (both names). A removed or renamed folder lists every file it held. Paths are
//     the given folder joined with the path below it, so absolute folders give absolute paths.
//   - One save is one call. Editors save in several steps, and a rebuild after the first
//     would read a half-written or missing page, so Run waits until quiet has passed with no
//     change at all. The product uses tens of milliseconds: longer than the gaps inside one
//     save, shorter than a person notices. A save caught between its halves on a busy
//     machine (a file emptied and not yet written, or moved away and not yet replaced) is
//     waited for a little longer (halfSavedWait).
//     The debouncing lives apart from the system's events (batch), so tests drive it in
//     fake time with testing/synctest.
//   - Calls never overlap. Changes that arrive during a slow rebuild become the next call.
//   - Editors' own files never show up, nor cause a call; only the real file does, even when
//     it is saved by writing a temporary file and renaming it over the page (which the system
//     reports as the page being created). These names are dropped: hidden files (vim's
//     .page.md.swp and .swx, emacs's .#page.md lock, gedit's .goutputstream-XXXXXX, atomic-save
//     temps like .page.md.tmp123), backups ending in ~ (vim, emacs), emacs's #page.md#
//     auto-save, JetBrains' page.md___jb_tmp___ and page.md___jb_old___, vim's 4913 probe,
//     GNU sed -i's sedXXXXXX, and page.md.tmp. A file of any other name that is created and
//     gone again within one burst is dropped too, as somebody's temporary file. Hidden
//     folders, such as .git, are not watched at all.
//   - Changes of permissions and other metadata alone are dropped: Spotlight on macOS, virus
//     scanners and editors touch them without changing any content.
//   - If the system refuses more watches (Linux's fs.inotify.max_user_watches, reached on big
//     trees or by busy desktops), Run prints one warning saying how to raise the limit, and
//     goes on by walking the tree every 300 ms comparing sizes and modification times. It
//     never stops noticing changes silently.
//   - A given folder that is itself deleted or renamed is reported like any other folder. The
//     folder holding it is watched too, for that name alone, so a folder of that name made
//     or renamed into place later (a backup restored, a git branch switched) is watched
//     again and its files reported as created.
package watch

// Package devserver is the HTTP side of "generator serve": it serves the
// built site from one output directory, reloads open pages after each
// rebuild, and shows build errors over the page instead of a blank screen.
//
// # Files
//
// A Server serves only files inside its directory. The generator swaps a
// freshly built directory into place by renaming, so the directory's inode
// changes on every rebuild; the Server therefore opens the directory with
// [os.OpenRoot] for each request rather than holding it open, and every
// request sees one complete site, never a mix of two builds. os.Root also
// refuses symbolic links that lead out of the directory. Request paths are
// checked before they reach it: "..", "." and empty segments, an encoded
// slash or backslash inside a segment, and NUL bytes are refused with 400.
//
// Until the first build succeeds there is no directory, and every page
// request gets a page of the Server's own with the problems [Server.Fail]
// was given and the reload script, so the browser shows the error overlay
// and then the site once it builds, rather than an error status alone.
//
// URLs are clean: "/a/b/" serves "a/b/index.html", and "/a/b" redirects
// to "/a/b/" when that file exists. Directories are never listed. A missing
// file gets the site's own "404.html" with status 404 when there is one.
// Only GET and HEAD are allowed. Every response says Cache-Control:
// no-store, because a preview must never show a stale page, and
// X-Content-Type-Options: nosniff, with a Content-Type taken from a fixed
// table of extensions.
//
// Requests whose Host header is not a loopback name or address are refused
// with 403, so that a web page on another site cannot reach the preview by
// pointing its own domain name at 127.0.0.1 (DNS rebinding). To preview
// on another computer or a phone, call [Server.AllowAddresses] to accept
// any IP address, and [Server.AllowHost] for each name of the machine.
//
// # Live reload
//
// Everything the Server adds lives under the reserved prefix "/__devserver/",
// which the site must not use. Each HTML response gets, just before
// "</body>" (or at the end when there is none), the tag
//
//	<script src="/__devserver/reload.js" data-file="a/b/index.html" data-version="…"></script>
//
// where data-file is the file that was served, relative to the directory,
// and data-version names its bytes (a short SHA-256). The files on disk are
// never changed, so the output directory stays byte-for-byte what
// "generator build" writes.
//
// The script opens a WebSocket to "/__devserver/events?file=a/b/index.html".
// It is a WebSocket and not Server-Sent Events because browsers allow only
// six HTTP/1.1 connections per host across all tabs, and each open tab
// would hold one: with SSE the seventh tab stops loading. Each message is
// one JSON object:
//
//	{"type":"ok"}                                   on connect, when the last build succeeded
//	{"type":"ok","message":"…"}                     the same, with the note given to [Server.ReloadNoting]
//	{"type":"error","message":"content/a.md:3: …"}  on connect after a failed build, and from [Server.Fail]
//	{"type":"reload","changed":["a/b/index.html"]}  from [Server.Reload]; changed may be empty
//	{"type":"reload","changed":[…],"message":"…"}   from [Server.ReloadNoting]
//
// When the page named an HTML file, the message on connect also carries
// that file as it is now, in "page" (without the script tag), with its
// "version"; and so does a "reload" whose changed list names the file, or
// "gone":true when the file is no longer there. A page therefore never
// asks the server for its new version or whether it still exists.
//
// On connect, a page whose version is not the server's was changed while
// it loaded, and reloads; otherwise its script tag gets the attribute
// data-connected, which tests and bench wait for. On "reload" the page swaps its stylesheets when
// only .css files changed; reloads itself (keeping the scroll position)
// when a file that its HTML loads changed, such as a script or an image;
// says so when its own file was deleted; and when its own file changed,
// swaps the new version in place (swap.js): it applies what differs
// between the HTML it was loaded from and the new HTML to the page as it
// is, so the scroll position, focus, open <details>, chosen answers, typed
// text and whatever the page's own scripts added stay as they are. It
// reloads instead when the page's scripts or style sheets changed, or when
// the page cannot be matched with its old HTML. Otherwise it stays as it
// is. On "error" it shows the message in an overlay, and on "ok" or
// "reload" it removes it, showing the note instead when there is one,
// until it is closed. When the connection drops it reconnects with
// backoff and reloads once it is back, since the site may have changed
// meanwhile.
//
// [http.Server.Shutdown] does not wait for WebSocket connections, so call
// [Server.Close] as well (for instance with [http.Server.RegisterOnShutdown])
// to end them.
package devserver

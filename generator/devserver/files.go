package devserver

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// serveSite serves the file that the request path names, with clean URLs:
// a path ending in "/" means the index.html in that directory.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	name, ok := filePath(r.URL)
	if !ok {
		http.Error(w, "This address is not a valid page path.", http.StatusBadRequest)
		return
	}
	root := s.openSite(w, r)
	if root == nil {
		return
	}
	defer root.Close()

	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	// Stat before Open, so that nothing but a regular file or directory is
	// ever opened: opening a named pipe would block the request.
	fi, err := root.Stat(name)
	switch {
	case err != nil:
		notFound(w, r, root)
	case fi.IsDir():
		serveDir(w, r, root, name)
	case !fi.Mode().IsRegular():
		notFound(w, r, root)
	case isHTML(name):
		body, err := root.ReadFile(name)
		if err != nil {
			notFound(w, r, root)
			return
		}
		writeHTML(w, r, http.StatusOK, name, body)
	default:
		f, err := root.Open(name)
		if err != nil {
			notFound(w, r, root)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", contentType(name))
		// A zero time sends no Last-Modified, so the browser never asks
		// "has it changed since?" and gets a stale 304 for a file that was
		// rewritten within the same second. ServeContent still handles
		// HEAD and Range requests, which PDF viewers and media use.
		http.ServeContent(w, r, name, time.Time{}, f)
	}
}

// openSite opens the site's folder for one request, or answers the
// request itself and returns nil when there is no site to serve. The
// folder is opened per request, because every rebuild renames a new
// directory into place and a Root held open would keep serving the old
// one.
func (s *Server) openSite(w http.ResponseWriter, r *http.Request) *os.Root {
	root, err := os.OpenRoot(s.dir)
	if err == nil {
		return root
	}
	if problems := s.lastFailure(); problems != "" {
		// The first build failed, so there is no site: show the
		// problems on a page of the Server's own, whose reload script
		// shows them in its overlay and loads the site once it builds.
		writeHTML(w, r, http.StatusInternalServerError, "", failurePage(problems))
		return nil
	}
	// Most likely the moment between the two renames of a swap.
	w.Header().Set("Retry-After", "1")
	http.Error(w, "The site is being built. Reload this page in a moment.", http.StatusServiceUnavailable)
	return nil
}

// serveDir answers a request for the directory name without its final
// "/" by redirecting to the path with it, if the directory is a page.
func serveDir(w http.ResponseWriter, r *http.Request, root *os.Root, name string) {
	if !isRegular(root, path.Join(name, "index.html")) {
		notFound(w, r, root) // never list a directory
		return
	}
	target := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	// 302, not 301: browsers keep a permanent redirect even after the
	// directory has become a page of its own.
	http.Redirect(w, r, target, http.StatusFound)
}

// failurePage is the page served in place of any page of a site that was
// never built, with the build's problems.
func failurePage(problems string) []byte {
	return []byte(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>The handbook could not be built</title>
<body><h1>The handbook could not be built</h1>
<p>Fix the problems below and save; this page shows the handbook once it builds.</p>
<pre>` + html.EscapeString(problems) + `</pre>
</body></html>
`)
}

func (s *Server) lastFailure() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failure
}

// filePath turns a request URL's path into a slash-separated name relative
// to the site directory, without leading or trailing slash ("" for the
// home page). It reports false for any path that could step outside the
// directory or name a file ambiguously: "." or ".." segments, empty
// segments ("//"), a slash, backslash or NUL encoded inside a segment, and
// any backslash at all, which Windows treats as a separator. os.Root would
// catch most of these too; refusing them here gives a clear 400 and keeps
// the check independent of the operating system.
func filePath(u *url.URL) (string, bool) {
	raw := u.EscapedPath()
	if !strings.HasPrefix(raw, "/") || strings.Contains(raw, `\`) {
		return "", false
	}
	segs := strings.Split(strings.TrimSuffix(raw[1:], "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		return "", true // the home page
	}
	for i, seg := range segs {
		name, err := url.PathUnescape(seg)
		if err != nil || name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") {
			return "", false
		}
		segs[i] = name
	}
	return strings.Join(segs, "/"), true
}

// notFound answers 404 with the site's own 404.html when it has one.
func notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	const page = "404.html"
	if isRegular(root, page) {
		if body, err := root.ReadFile(page); err == nil {
			writeHTML(w, r, http.StatusNotFound, page, body)
			return
		}
	}
	http.Error(w, "Page not found.", http.StatusNotFound)
}

// writeHTML sends an HTML page from the site, with the reload script added.
// file is the page's name in the site directory, for the script to know
// which page it is on.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, file string, body []byte) {
	ver := ""
	if file != "" {
		ver = version(body)
	}
	page := inject(body, file, ver)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// readPage returns the bytes of the HTML file name in root, or false when
// root is nil or name is not a regular HTML file there.
func readPage(root *os.Root, name string) ([]byte, bool) {
	if root == nil || !isHTML(name) || !isRegular(root, name) {
		return nil, false
	}
	body, err := root.ReadFile(name)
	return body, err == nil
}

// version names the bytes of a page, so that the page and the server can
// tell whether they mean the same version: sent in the script's
// data-version and with each reload message that carries the page.
func version(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:8])
}

// isRegular reports whether name is a regular file inside root.
func isRegular(root *os.Root, name string) bool {
	fi, err := root.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func isHTML(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// contentType returns the media type for a file name's extension. It uses
// a fixed table rather than mime.TypeByExtension, whose answers depend on
// the machine's own MIME files, so the preview behaves the same everywhere.
// Anything unknown is served as bytes to download, never guessed at
// (nosniff is set on every response).
func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".gif":
		return "image/gif"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".pdf":
		return "application/pdf"
	case ".webmanifest":
		return "application/manifest+json"
	}
	return "application/octet-stream"
}

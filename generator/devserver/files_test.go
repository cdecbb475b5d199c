package devserver

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilePath(t *testing.T) {
	tests := []struct {
		path   string // as escaped on the wire
		want   string
		wantOK bool
	}{
		{"/", "", true},
		{"/index.html", "index.html", true},
		{"/skills/communication/", "skills/communication", true},
		{"/skills/communication", "skills/communication", true},
		{"/caf%C3%A9/", "café", true},
		{"/a%20b.html", "a b.html", true},
		{"/..", "", false},
		{"/a/../b", "", false},
		{"/a/./b", "", false},
		{"/%2e%2e/secret", "", false},
		{"/%2E%2e/secret", "", false},
		{"/a%2fb", "", false},
		{"/a%2Fb", "", false},
		{"/a%5cb", "", false},
		{`/a\b`, "", false},
		{"//etc/passwd", "", false},
		{"/a//b", "", false},
		{"/a%00.html", "", false},
		{"/%zz", "", false},
		{"*", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			// As net/http parses a request line; it refuses bad escapes itself.
			var got string
			u, err := url.ParseRequestURI(tt.path)
			ok := err == nil
			if ok {
				got, ok = filePath(u)
			}
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("filePath(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestTraversal tries to read a file beside the site directory in every
// way the issue lists. None may succeed; each must end in 400, 403 or 404.
func TestTraversal(t *testing.T) {
	base := t.TempDir()
	const secret = "TOP SECRET"
	writeFiles(t, base, map[string]string{
		"outside/secret.txt": secret,
		"site/index.html":    "<body>home</body>",
		"site/a/b.txt":       "inside",
	})
	site := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	if err := os.Symlink(outside, filepath.Join(site, "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(site, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../outside/secret.txt", filepath.Join(site, "a", "rel.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b.txt", filepath.Join(site, "a", "alias.txt")); err != nil {
		t.Fatal(err)
	}
	_, ts := start(t, site)

	// Controls: a file, and a symbolic link that stays inside, are served.
	for _, target := range []string{"/a/b.txt", "/a/alias.txt"} {
		if status, body := rawGet(t, ts, target); status != http.StatusOK || body != "inside" {
			t.Fatalf("GET %s = %d, %q; want 200, %q", target, status, body, "inside")
		}
	}
	abs := filepath.ToSlash(filepath.Join(outside, "secret.txt"))
	targets := []string{
		"/../outside/secret.txt",
		"/a/../../outside/secret.txt",
		"/%2e%2e/outside/secret.txt",
		"/%2E%2E/outside/secret.txt",
		"/a/%2e%2e/%2e%2e/outside/secret.txt",
		"/..%2foutside%2fsecret.txt",
		"/a%2f..%2f..%2foutside%2fsecret.txt",
		`/..\outside\secret.txt`,
		"/%5c..%5coutside%5csecret.txt",
		"/..%5coutside%5csecret.txt",
		abs,
		"/" + abs,
		"/" + url.PathEscape(abs),
		"http://127.0.0.1/../outside/secret.txt",
		"/linkdir/secret.txt",
		"/link.txt",
		"/a/rel.txt",
		"/a/b.txt%00.html",
		"/%00",
		"/a/./b.txt",
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			status, body := rawGet(t, ts, target)
			t.Logf("GET %s = %d, %q", target, status, body)
			if strings.Contains(body, secret) {
				t.Fatalf("GET %s = %d, %q: served a file outside the site", target, status, body)
			}
			if status != http.StatusBadRequest && status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("GET %s = %d; want 400, 403 or 404", target, status)
			}
		})
	}
}

func TestContentType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"page.html", "text/html; charset=utf-8"},
		{"style.css", "text/css; charset=utf-8"},
		{"searchindex.js", "text/javascript; charset=utf-8"},
		{"logo.svg", "image/svg+xml"},
		{"photo.png", "image/png"},
		{"photo.jpg", "image/jpeg"},
		{"photo.JPEG", "image/jpeg"},
		{"photo.webp", "image/webp"},
		{"anim.gif", "image/gif"},
		{"favicon.ico", "image/x-icon"},
		{"sitemap.xml", "application/xml; charset=utf-8"},
		{"data.json", "application/json"},
		{"robots.txt", "text/plain; charset=utf-8"},
		{"font.woff2", "font/woff2"},
		{"leaflet.pdf", "application/pdf"},
		{"unknown.xyz", "application/octet-stream"},
		{"noextension", "application/octet-stream"},
	}
	dir := t.TempDir()
	files := make(map[string]string)
	for _, tt := range tests {
		files["f/"+tt.name] = "content of " + tt.name
	}
	writeFiles(t, dir, files)
	_, ts := start(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, ts, "/f/"+tt.name)
			h := resp.Header
			if resp.StatusCode != http.StatusOK || h.Get("Content-Type") != tt.want ||
				h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
				t.Errorf("GET /f/%s = %d, Content-Type %q, X-Content-Type-Options %q, Cache-Control %q; want 200, %q, nosniff, no-store",
					tt.name, resp.StatusCode, h.Get("Content-Type"), h.Get("X-Content-Type-Options"), h.Get("Cache-Control"), tt.want)
			}
			if !strings.HasPrefix(body, "content of "+tt.name) {
				t.Errorf("GET /f/%s: body %q; want the file", tt.name, body)
			}
		})
	}
}

func TestCleanURLs(t *testing.T) {
	tests := []struct {
		name, path   string
		want         int
		wantLocation string // for redirects
		wantBody     string // part of the body, for 200 and 404
	}{
		{"home", "/", http.StatusOK, "", "home page"},
		{"index with slash", "/skills/communication/", http.StatusOK, "", "communication page"},
		{"redirect to slash", "/skills/communication", http.StatusFound, "/skills/communication/", ""},
		{"redirect keeps query", "/skills/communication?q=a%20b", http.StatusFound, "/skills/communication/?q=a%20b", ""},
		{"redirect keeps escapes", "/caf%C3%A9", http.StatusFound, "/caf%C3%A9/", ""},
		{"plain file", "/skills/notes.txt", http.StatusOK, "", "notes"},
		{"file with slash", "/skills/notes.txt/", http.StatusNotFound, "", "not here"},
		{"no listing with slash", "/images/", http.StatusNotFound, "", "not here"},
		{"no listing without slash", "/images", http.StatusNotFound, "", "not here"},
		{"missing", "/nowhere", http.StatusNotFound, "", "not here"},
		{"missing with slash", "/nowhere/", http.StatusNotFound, "", "not here"},
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"index.html":                      "<body>home page</body>",
		"skills/communication/index.html": "<body>communication page</body>",
		"skills/notes.txt":                "notes",
		"café/index.html":                 "<body>café</body>",
		"images/logo.png":                 "png",
		"404.html":                        "<body>not here</body>",
	})
	_, ts := start(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, ts, tt.path)
			if resp.StatusCode != tt.want {
				t.Fatalf("GET %s = %d; want %d", tt.path, resp.StatusCode, tt.want)
			}
			if got := resp.Header.Get("Location"); got != tt.wantLocation {
				t.Errorf("GET %s: Location %q; want %q", tt.path, got, tt.wantLocation)
			}
			if !strings.Contains(body, tt.wantBody) || strings.Contains(body, "logo.png") {
				t.Errorf("GET %s: body %q; want it to contain %q and list nothing", tt.path, body, tt.wantBody)
			}
		})
	}
}

func TestNotFoundPage(t *testing.T) {
	t.Run("site has 404.html", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"404.html": "<html><body>Sorry, not here.</body></html>"})
		_, ts := start(t, dir)
		resp, body := get(t, ts, "/missing/page/")
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Sorry, not here.") ||
			!strings.Contains(body, `data-file="404.html"`) || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET /missing/page/ = %d, %q, %q; want 404 with 404.html and the reload script",
				resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	})
	t.Run("site has none", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"index.html": "home"})
		_, ts := start(t, dir)
		resp, body := get(t, ts, "/missing")
		if resp.StatusCode != http.StatusNotFound || body != "Page not found.\n" {
			t.Errorf("GET /missing = %d, %q; want 404, %q", resp.StatusCode, body, "Page not found.\n")
		}
	})
}

// TestSwap replaces the directory the way the generator does, renaming a
// fresh build into place, and expects the next request to see it.
func TestSwap(t *testing.T) {
	base := t.TempDir()
	public := filepath.Join(base, "public")
	writeFiles(t, base, map[string]string{
		"public/index.html":     "<body>old build</body>",
		"public/style.css":      "old css",
		"public.new/index.html": "<body>new build</body>",
		"public.new/style.css":  "new css",
	})
	_, ts := start(t, public)

	if _, body := get(t, ts, "/"); !strings.Contains(body, "old build") {
		t.Fatalf("GET / before the swap: %q; want the old build", body)
	}
	if err := os.Rename(public, public+".old"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := get(t, ts, "/"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET / between the renames = %d; want 503", resp.StatusCode)
	}
	if err := os.Rename(public+".new", public); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/": "new build", "/style.css": "new css"} {
		if resp, body := get(t, ts, path); resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s after the swap = %d, %q; want 200 and %q", path, resp.StatusCode, body, want)
		}
	}
}

// TestNeverBuilt serves a directory that does not exist yet: while the
// first build is running, a page is asked to try again; once it has
// failed, every page is the problems with the reload script, so the
// browser shows them in its overlay.
func TestNeverBuilt(t *testing.T) {
	s, ts := start(t, filepath.Join(t.TempDir(), "public"))
	if resp, _ := get(t, ts, "/"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET / before any build = %d; want 503", resp.StatusCode)
	}
	s.Fail(`content/a.md:3:1: link to "<b>.md": no such page`)
	for _, path := range []string{"/", "/skills/communication/", "/missing.html"} {
		resp, body := get(t, ts, path)
		if resp.StatusCode != http.StatusInternalServerError ||
			!strings.Contains(body, `content/a.md:3:1: link to &#34;&lt;b&gt;.md&#34;: no such page`) ||
			!strings.Contains(body, `<script src="/__devserver/reload.js" data-file=""></script>`) {
			t.Errorf("GET %s after a failed first build = %d, %q; want 500, the escaped problem and the reload script", path, resp.StatusCode, body)
		}
	}
}

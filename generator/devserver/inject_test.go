package devserver

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestInject(t *testing.T) {
	const tag = `<script src="/__devserver/reload.js" data-file="a/index.html" data-version="v1"></script>`
	tests := []struct{ name, in, want string }{
		{"before body end", "<html><body>x</body></html>", "<html><body>x" + tag + "</body></html>"},
		{"any case", "<BODY>x</BODY>\n", "<BODY>x" + tag + "</BODY>\n"},
		{"last body end", `<body><script>s="</body>"</script></body>`, `<body><script>s="</body>"</script>` + tag + "</body>"},
		{"no body end", "<p>x", "<p>x" + tag},
		{"empty", "", tag},
		{"non-ASCII before", "<p>İstanbul Kelvin K</p></body>", "<p>İstanbul Kelvin K</p>" + tag + "</body>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(inject([]byte(tt.in), "a/index.html", "v1")); got != tt.want {
				t.Errorf("inject(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("file name escaped", func(t *testing.T) {
		got := string(inject(nil, `a"b<c>.html`, ""))
		want := `data-file="a&#34;b&lt;c&gt;.html"`
		if !strings.Contains(got, want) {
			t.Errorf("inject(nil, %q) = %q; want it to contain %q", `a"b<c>.html`, got, want)
		}
	})
}

// TestInjectServed checks that pages get the script as they are served
// while the files on disk stay exactly as built.
func TestInjectServed(t *testing.T) {
	files := map[string]string{
		"skills/communication/index.html": "<!doctype html><title>C</title><body><p>Talk</p></body>",
		"assets/style.css":                "body { color: black } /* </body> */",
		"assets/app.js":                   `document.body.append("</body>")`,
		"bare.html":                       "<p>no body tags",
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	_, ts := start(t, dir)

	tests := []struct {
		path, file string // file is the page's file on disk
		injected   bool
	}{
		{"/skills/communication/", "skills/communication/index.html", true},
		{"/bare.html", "bare.html", true},
		{"/assets/style.css", "assets/style.css", false},
		{"/assets/app.js", "assets/app.js", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, ts, tt.path)
			want := files[tt.file]
			if tt.injected {
				want = string(inject([]byte(want), tt.file, version([]byte(want))))
			}
			if resp.StatusCode != http.StatusOK || body != want {
				t.Errorf("GET %s = %d, %q; want 200, %q", tt.path, resp.StatusCode, body, want)
			}
			if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(want)) {
				t.Errorf("GET %s: Content-Length %s; want %d", tt.path, got, len(want))
			}
			disk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.file)))
			if err != nil || !bytes.Equal(disk, []byte(files[tt.file])) {
				t.Errorf("after GET %s, %s on disk is %q, %v; want it unchanged, %q", tt.path, tt.file, disk, err, files[tt.file])
			}
		})
	}

	t.Run("HEAD", func(t *testing.T) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodHead, ts.URL+"/bare.html", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := do(t, ts, req)
		want := strconv.Itoa(len(inject([]byte(files["bare.html"]), "bare.html", version([]byte(files["bare.html"])))))
		if resp.StatusCode != http.StatusOK || body != "" || resp.Header.Get("Content-Length") != want {
			t.Errorf("HEAD /bare.html = %d, %q, Content-Length %s; want 200, no body, %s",
				resp.StatusCode, body, resp.Header.Get("Content-Length"), want)
		}
	})
}

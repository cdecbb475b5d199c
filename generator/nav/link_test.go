package nav

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"ppchandbook/generator/content"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name, fromDir, dest string
		want                Target
	}{
		{"https", "skills", "https://www.nhs.uk/", Target{External: true}},
		{"mailto", "skills", "mailto:ppc@example.nhs.uk", Target{External: true}},
		{"tel", "skills", "tel:+441234567890", Target{External: true}},
		{"protocol-relative", "skills", "//www.england.nhs.uk/x", Target{External: true}},
		{"Windows drive letter is not internal", "skills", `C:\Users\me\notes.md`, Target{External: true}},
		{"javascript", "skills", "javascript:alert(1)", Target{Unsafe: true}},
		{"JAVASCRIPT", "skills", "JAVASCRIPT:alert(1)", Target{Unsafe: true}},
		{"javascript after spaces", "skills", "  javascript:alert(1)", Target{Unsafe: true}},
		{"vbscript", "skills", "vbscript:msgbox(1)", Target{Unsafe: true}},
		{"data", "skills", "data:text/html,<script>alert(1)</script>", Target{Unsafe: true}},
		{"file", "skills", "file:///etc/passwd", Target{Unsafe: true}},
		{"a picture", "skills", "data:image/png;base64,iVBORw0KGgo=", Target{Picture: true}},
		{"a JPEG", "skills", "DATA:image/JPEG;base64,/9j/", Target{Picture: true}},
		{"an SVG can hold scripts", "skills", "data:image/svg+xml;base64,PHN2Zz4=", Target{Unsafe: true}},
		{"fragment only", "skills", "#listening", Target{Fragment: "listening"}},
		{"escaped fragment", "skills", "#a%20b", Target{Fragment: "a b"}},
		{"relative", "skills", "communication.md", Target{Path: "skills/communication.md"}},
		{"dot slash", "skills", "./communication.md", Target{Path: "skills/communication.md"}},
		{"up a folder", "skills", "../glossary.md#dna", Target{Path: "glossary.md", Fragment: "dna"}},
		{"sibling folder", "skills", "../rules/rtt.md", Target{Path: "rules/rtt.md"}},
		{"leading slash is the content folder", "skills", "/rules/rtt.md", Target{Path: "rules/rtt.md"}},
		{"leading slash cannot climb", "skills", "/../rules/rtt.md", Target{Path: "rules/rtt.md"}},
		{"from the top", "", "skills/teamwork.md", Target{Path: "skills/teamwork.md"}},
		{"escaped space", "skills", "my%20notes.md", Target{Path: "skills/my notes.md"}},
		{"plain space", "skills", "my notes.md", Target{Path: "skills/my notes.md"}},
		{"bad escape kept", "skills", "100%.md", Target{Path: "skills/100%.md"}},
		{"query string dropped", "skills", "communication.md?tab=2#listening", Target{Path: "skills/communication.md", Fragment: "listening"}},
		{"query only", "skills", "?tab=2", Target{}},
		{"backslashes", "skills", `..\rules\rtt.md`, Target{Path: "rules/rtt.md"}},
		{"folder", "scenarios", "../skills/", Target{Path: "skills", Dir: true}},
		{"this folder", "skills", "./", Target{Path: "skills", Dir: true}},
		{"a folder without a slash", "", "skills", Target{Path: "skills"}},
		{"doubled slashes", "skills", "..//rules//rtt.md", Target{Path: "rules/rtt.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTarget(tt.fromDir, tt.dest)
			if err != nil || got != tt.want {
				t.Errorf("ParseTarget(%q, %q) = %+v, %v; want %+v, nil", tt.fromDir, tt.dest, got, err, tt.want)
			}
		})
	}
}

func TestParseTargetOutside(t *testing.T) {
	tests := []struct{ fromDir, dest string }{
		{"skills", "../../secret.md"},
		{"", "../x.md"},
		{"", ".."},
		{"skills", `..\..\x.md`},
		{"skills", "%2e%2e/%2e%2e/x.md"},
		{"skills/deep", "../../../x.md#top"},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			const want = "it goes outside the content folder"
			_, err := ParseTarget(tt.fromDir, tt.dest)
			if err == nil || err.Error() != want {
				t.Errorf("ParseTarget(%q, %q) error = %v; want %q", tt.fromDir, tt.dest, err, want)
			}
		})
	}
}

// testPage makes a page for a content path, with the URL content.Load
// would give it.
func testPage(p string) *content.Page {
	stem := strings.TrimSuffix(p, path.Ext(p))
	dir, name := path.Split(stem)
	pg := &content.Page{Path: p, File: "content/" + p, URL: stem + "/", Line: 1,
		Meta: content.Meta{Title: name, Kind: content.KindPage, Lines: map[string]int{}}}
	if name == "index" || name == "_index" {
		pg.URL, pg.Section = dir, true
	}
	return pg
}

func testTree(paths []string, files ...string) (*Tree, map[string]*content.Page) {
	byPath := map[string]*content.Page{}
	var pages []*content.Page
	for _, p := range paths {
		pg := testPage(p)
		byPath[p] = pg
		pages = append(pages, pg)
	}
	var fs []content.File
	for _, f := range files {
		fs = append(fs, content.File{Path: f})
	}
	return Build(pages, fs), byPath
}

// handbook is a small tree with a page at every depth.
func handbook() []string {
	return []string{
		"index.md",
		"glossary.md",
		"skills/_index.md",
		"skills/communication.md",
		"skills/empathy-and-compassion.md",
		"rules/rtt.md", // rules/ has no index: its section page is generated
		"scenarios/_index.md",
		"scenarios/cancer/index.md",
		"scenarios/cancer/fds.md",
		"my notes.md",
	}
}

func TestResolve(t *testing.T) {
	tree, pages := testTree(handbook(), "img/pathway map.png", "docs/rules.pdf")
	tests := []struct {
		name, from, dest string
		want             string
		wantOK           bool
	}{
		{"home to a page", "index.md", "skills/communication.md", "skills/communication/index.html", true},
		{"home to a section", "index.md", "skills/", "skills/index.html", true},
		{"home to itself", "index.md", "index.md", "index.html", true},
		{"page to a sibling", "skills/communication.md", "empathy-and-compassion.md", "../../skills/empathy-and-compassion/index.html", true},
		{"page to a heading", "skills/communication.md", "../glossary.md#dna", "../../glossary/index.html#dna", true},
		{"page to home", "skills/communication.md", "../index.md", "../../index.html", true},
		{"page to home by folder", "skills/communication.md", "../", "../../index.html", true},
		{"page to home by slash", "skills/communication.md", "/", "../../index.html", true},
		{"page to its section", "skills/communication.md", "./", "../../skills/index.html", true},
		{"page to its section by _index.md", "skills/communication.md", "_index.md", "../../skills/index.html", true},
		{"page to a generated section", "skills/communication.md", "../rules/", "../../rules/index.html", true},
		{"page without .md", "skills/communication.md", "../rules/rtt", "../../rules/rtt/index.html", true},
		{"section page", "skills/_index.md", "communication.md", "../skills/communication/index.html", true},
		{"deep section", "scenarios/cancer/fds.md", "index.md#steps", "../../../scenarios/cancer/index.html#steps", true},
		{"file", "skills/communication.md", "../img/pathway map.png", "../../img/pathway%20map.png", true},
		{"file from home", "index.md", "docs/rules.pdf", "docs/rules.pdf", true},
		{"page with a space", "glossary.md", "my notes.md", "../my%20notes/index.html", true},
		{"same page anchor", "skills/communication.md", "#listening", "#listening", true},
		{"same page anchor with a space", "skills/communication.md", "#a%20b", "#a%20b", true},
		{"back to top", "skills/communication.md", "#", "#", true},
		{"unknown page", "skills/communication.md", "empathy.md", "", false},
		{"unknown file", "skills/communication.md", "../img/nope.png", "", false},
		{"outside", "skills/communication.md", "../../x.md", "", false},
		{"external", "skills/communication.md", "https://www.nhs.uk", "", false},
		{"javascript", "skills/communication.md", "javascript:alert(1)", "", false},
		{"a generated section has no file", "index.md", "rules/_index.md", "", false},
		{"a page by its .html", "skills/communication.md", "empathy-and-compassion.html#x", "../../skills/empathy-and-compassion/index.html#x", true},
		{"a section by its index.html", "index.md", "skills/index.html", "skills/index.html", true},
		{"home by its index.html", "skills/communication.md", "../index.html", "../../index.html", true},
		{"a generated section by its index.html", "index.md", "rules/index.html", "rules/index.html", true},
		{"no page by that .html", "index.md", "nope.html", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := pages[tt.from]
			got, ok := tree.Resolve(from, tt.dest)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Resolve(%s, %q) = %q, %v; want %q, %v", tt.from, tt.dest, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// schemeRE matches an href a browser would read as having a scheme.
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// TestResolveNeverMakesAScheme covers content files whose names contain a
// colon: linked from the home page, the relative href must not be read by
// the browser as a scheme ("agenda:" or, worse, "javascript:").
func TestResolveNeverMakesAScheme(t *testing.T) {
	tree, pages := testTree([]string{"index.md", "agenda:v2.md"}, "javascript:alert(1).png", "minutes:2026.pdf")
	for _, dest := range []string{"./agenda:v2.md", "./javascript:alert(1).png", "./minutes:2026.pdf"} {
		t.Run(dest, func(t *testing.T) {
			got, ok := tree.Resolve(pages["index.md"], dest)
			if !ok || schemeRE.MatchString(got) {
				t.Errorf("Resolve(index.md, %q) = %q, %v; want a relative href that has no scheme (such as ./%s)", dest, got, ok, strings.TrimPrefix(dest, "./"))
			}
		})
	}
}

func TestHref(t *testing.T) {
	tests := []struct {
		from, to, want string
	}{
		{"index.md", "index.md", "index.html"},
		{"index.md", "glossary.md", "glossary/index.html"},
		{"glossary.md", "index.md", "../index.html"},
		{"skills/_index.md", "index.md", "../index.html"},
		{"skills/communication.md", "rules/rtt.md", "../../rules/rtt/index.html"},
		{"skills/communication.md", "skills/_index.md", "../../skills/index.html"},
		{"scenarios/cancer/fds.md", "glossary.md", "../../../glossary/index.html"},
		{"index.md", "my notes.md", "my%20notes/index.html"},
		{"index.md", "100% sure?.md", "100%25%20sure%3F/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.from+" to "+tt.to, func(t *testing.T) {
			from, to := testPage(tt.from), testPage(tt.to)
			got := Href(from, to)
			if got != tt.want {
				t.Errorf("Href(%s, %s) = %q; want %q", tt.from, tt.to, got, tt.want)
			}
			if !strings.HasSuffix(got, "index.html") {
				t.Errorf("Href(%s, %s) = %q; want it to end in index.html, for file://", tt.from, tt.to, got)
			}
		})
	}
}

// FuzzLinkTarget checks ParseTarget and Resolve on any destination an
// educator might type.
func FuzzLinkTarget(f *testing.F) {
	seeds := []struct {
		fromDir, dest string
		from          uint8
	}{
		{"skills", "communication.md", 0},
		{"skills", "../glossary.md#dna", 3},
		{"skills", "../rules/rtt.md#clock-starts", 3},
		{"", "skills/", 0},
		{"scenarios/cancer", "../../index.md", 8},
		{"skills", "https://www.england.nhs.uk/long-read/national-elective-access-policy", 1},
		{"skills", "mailto:ppc@example.nhs.uk", 1},
		{"skills", "//cdn.example.org/x.js", 1},
		{"skills", " JavaScript:alert(1)", 2},
		{"skills", "\tjavascript:alert(document.cookie)", 2},
		{"skills", "vbscript:msgbox", 2},
		{"skills", "data:text/html;base64,PHNjcmlwdD4=", 2},
		{"skills", "#listening", 3},
		{"skills", "my%20notes.md?x=1#a%20b", 3},
		{"skills", `..\rules\rtt.md`, 3},
		{"skills", "../../../../etc/passwd", 3},
		{"skills", "%2e%2e/%2e%2e/x", 3},
		{"", `C:\Users\me\notes.md`, 0},
		{"", "/", 4},
		{"skills", "../", 4},
		{"", "./javascript:alert(1)", 0},
		{"", "javascript%3Aalert(1)", 0},
		{"a/../..", "x", 0},
	}
	for _, s := range seeds {
		f.Add(s.fromDir, s.dest, s.from)
	}
	tree, byPath := testTree(handbook(), "img/pathway map.png", "docs/rules.pdf")
	var pages []*content.Page
	for _, p := range handbook() {
		pages = append(pages, byPath[p])
	}
	f.Fuzz(func(t *testing.T, fromDir, dest string, from uint8) {
		target, err := ParseTarget(fromDir, dest)
		if strings.HasPrefix(asciiLower(strings.TrimSpace(dest)), "javascript:") && (err != nil || !target.Unsafe) {
			t.Errorf("ParseTarget(%q, %q) = %+v, %v; want Unsafe", fromDir, dest, target, err)
		}
		if err == nil && !target.External && !target.Unsafe {
			p := target.Path
			if p != "" && path.Clean(p) != p || strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") {
				t.Errorf("ParseTarget(%q, %q).Path = %q; want a clean path inside the content folder", fromDir, dest, p)
			}
		}
		if target.External && target.Unsafe {
			t.Errorf("ParseTarget(%q, %q) = %+v; want External or Unsafe, not both", fromDir, dest, target)
		}

		page := pages[int(from)%len(pages)]
		href, ok := tree.Resolve(page, dest)
		if !ok {
			if href != "" {
				t.Errorf("Resolve(%s, %q) = %q, false; want \"\" when it names nothing", page.Path, dest, href)
			}
			return
		}
		if strings.HasPrefix(asciiLower(strings.TrimSpace(href)), "javascript:") || schemeRE.MatchString(href) {
			t.Errorf("Resolve(%s, %q) = %q; want a relative href without a scheme", page.Path, dest, href)
		}
		if href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, Root(page)) {
			t.Errorf("Resolve(%s, %q) = %q; want it to start at the site root %q", page.Path, dest, href, Root(page))
		}
	})
}

// asciiLower lowers A-Z only, as browsers do when reading a scheme.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

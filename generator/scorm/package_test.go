package scorm

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// site is a built handbook of three pages in two sections, one with a
// self-check list and a knowledge check of two questions, and the
// whole-handbook page repeating that check.
func site() map[string][]byte {
	page := func(root, body string) []byte {
		return []byte(`<!DOCTYPE html><html data-root="` + root + `"><body data-page="x">` + body + "\n</body>\n</html>\n")
	}
	quiz := func(id string) string {
		return `<section class="quiz" id="` + id + `"><fieldset class="quiz-question" id="a"></fieldset><fieldset class="quiz-question" id="b"></fieldset></section>`
	}
	return map[string][]byte{
		"index.html":               page("", "<h1>Home</h1>"),
		"skills/index.html":        page("../", "<h1>Skills</h1>"),
		"skills/listen/index.html": page("../../", "<h1>Listen</h1>"+quiz("quiz-7")),
		"whole-handbook/index.html": page("../", quiz("page-skills-listen--quiz-7")+
			`<section class="quiz" id="page-skills-listen--quiz-99"><fieldset class="quiz-question"></fieldset></section>`),
		"progress/index.html": page("../", `<tr data-progress-page="index.md" data-checks="0"><th scope="row"><a href="../index.html">Home</a></th></tr>
<tr data-progress-page="skills/_index.md" data-checks="0"><th scope="row"><a href="../skills/index.html">Skills</a></th></tr>
<tr data-progress-page="skills/listen.md" data-checks="3"><th scope="row"><a href="../skills/listen/index.html">Listen</a></th></tr>
<tr data-progress-page="whole-handbook.md" data-checks="0"><th scope="row"><a href="../whole-handbook/index.html">All</a></th></tr>`),
		"404.html":         []byte(`<html><body><a href="/index.html">Home</a></body></html>`),
		"assets/style.css": []byte("body{}"),
	}
}

var opts = Options{Title: "PPC Handbook", Identifier: "ppc-handbook", Mastery: 80}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, site(), opts); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(zr); err != nil {
		t.Errorf("Check: %v", err)
	}
	if zr.File[0].Name != manifestFile {
		t.Errorf("first entry %s; want %s, for LMSs that read only the start", zr.File[0].Name, manifestFile)
	}
	files := map[string]string{}
	for i, f := range zr.File {
		if i > 1 && f.Name < zr.File[i-1].Name {
			t.Errorf("entries out of order: %s after %s", f.Name, zr.File[i-1].Name)
		}
		if !f.Modified.Equal(modified) {
			t.Errorf("%s: modified %v; want the fixed %v", f.Name, f.Modified, modified)
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		files[f.Name] = string(data)
	}
	for name, want := range map[string]string{
		"index.html":               `<script src="scorm/adapter.js" defer></script>` + "\n</body>",
		"skills/listen/index.html": `<script src="../../scorm/adapter.js" defer></script>` + "\n</body>",
		"imsmanifest.xml":          `<adlcp:masteryscore>80</adlcp:masteryscore>`,
		"scorm/launch.html":        `"quizzes":[2],"quizAt":{"skills/listen/index.html#quiz-7":0,"whole-handbook/index.html#page-skills-listen--quiz-7":0}`,
	} {
		if !strings.Contains(files[name], want) {
			t.Errorf("%s lacks %s:\n%s", name, want, files[name])
		}
	}
	if files["404.html"] != string(site()["404.html"]) || files["assets/style.css"] != "body{}" {
		t.Errorf("404.html or a stylesheet changed; only pages that link relatively get the adapter")
	}
	if !strings.Contains(files["scorm/launch.html"], `["skills/listen.md","skills/listen/index.html",3]`) {
		t.Errorf("launch page lacks the page list:\n%s", files["scorm/launch.html"])
	}
}

// TestWriteReproducible writes the same site twice, from maps that Go
// iterates in different orders, and expects the same bytes.
func TestWriteReproducible(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, site(), opts); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, site(), opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two packages of the same site differ")
	}
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(map[string][]byte, *Options)
		want string
	}{
		{"space in a file name", func(f map[string][]byte, _ *Options) { f["images/ward map.png"] = nil }, `images/ward map.png: LMSs need file names`},
		{"own manifest", func(f map[string][]byte, _ *Options) { f["imsmanifest.xml"] = nil }, "imsmanifest.xml: the SCORM package puts its own file there"},
		{"scorm folder", func(f map[string][]byte, _ *Options) { f["scorm/x.js"] = nil }, "scorm/x.js: the SCORM package puts"},
		{"no progress page", func(f map[string][]byte, _ *Options) { delete(f, progressFile) }, "no progress page"},
		{"identifier with a space", func(_ map[string][]byte, o *Options) { o.Identifier = "ppc handbook" }, `identifier "ppc handbook"`},
		{"mastery over 100", func(_ map[string][]byte, o *Options) { o.Mastery = 101 }, "mastery score 101"},
		{"no title", func(_ map[string][]byte, o *Options) { o.Title = " " }, "needs a title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, o := site(), opts
			tt.edit(files, &o)
			err := Write(io.Discard, files, o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestWithAdapter(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"index.html", "<body>x</body>", `<body>x<script src="scorm/adapter.js" defer></script>` + "\n</body>"},
		{"a/b/index.html", "<body></body>", `<body><script src="../../scorm/adapter.js" defer></script>` + "\n</body>"},
		{"frag.html", "no body", "no body"},
	}
	for _, tt := range tests {
		if got := string(withAdapter(tt.name, []byte(tt.in))); got != tt.want {
			t.Errorf("withAdapter(%q, %q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPrintPrefix(t *testing.T) {
	for file, want := range map[string]string{
		"index.html":               "page-home",
		"skills/index.html":        "page-skills",
		"skills/listen/index.html": "page-skills-listen",
	} {
		if got := printPrefix(file); got != want {
			t.Errorf("printPrefix(%q) = %q; want %q", file, got, want)
		}
	}
}

// TestCheck breaks a good manifest one way at a time.
func TestCheck(t *testing.T) {
	var good bytes.Buffer
	if err := Write(&good, site(), opts); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new, want string }{
		{"schemaversion", "<schemaversion>1.2</schemaversion>", "<schemaversion>1.3</schemaversion>", "schemaversion 1.2"},
		{"default organisation", `default="ORG-handbook"`, `default="ORG-x"`, `default organization "ORG-x"`},
		{"dangling item", `identifierref="SCO-handbook"`, `identifierref="SCO-x"`, `resource "SCO-x", which does not exist`},
		{"scormtype", `adlcp:scormtype="sco"`, `adlcp:scormtype="lesson"`, "want sco or asset"},
		{"adlcp namespace", `xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`, `xmlns:adlcp="http://example.com/"`, "want sco or asset"},
		{"unlisted file", `<file href="index.html"></file>`, ``, "index.html: in the package but not listed"},
		{"missing file", `<file href="index.html"></file>`, `<file href="index.html"></file><file href="gone.html"></file>`, "lists gone.html"},
		{"mastery", "<adlcp:masteryscore>80<", "<adlcp:masteryscore>180<", `masteryscore "180"`},
		{"duplicate id", `identifier="ITEM-handbook"`, `identifier="ORG-handbook"`, `identifier "ORG-handbook" used twice`},
		{"untitled organisation", "<title>PPC Handbook</title>\n      <item", "<title></title>\n      <item", "has no title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zr, _ := zip.NewReader(bytes.NewReader(good.Bytes()), int64(good.Len()))
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			for _, f := range zr.File {
				rc, _ := f.Open()
				data, _ := io.ReadAll(rc)
				if f.Name == manifestFile {
					if !bytes.Contains(data, []byte(tt.old)) {
						t.Fatalf("manifest lacks %q", tt.old)
					}
					data = bytes.Replace(data, []byte(tt.old), []byte(tt.new), 1)
				}
				w, _ := zw.Create(f.Name)
				w.Write(data)
			}
			zw.Close()
			bad, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
			err := Check(bad)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

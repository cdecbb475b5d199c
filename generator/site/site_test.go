package site

import (
	"os"
	"path/filepath"
	"testing"

	"ppchandbook/generator/layout"
)

// handbook names the repository's own sources, relative to this package.
var handbook = Sources{Content: "../../content", Layouts: "../../layouts"}

// oneShot are the options of generator build.
var oneShot = Options{Site: layout.Site{Title: "Patient Pathway Coordinator Handbook"}}

// minimalLayouts make a site whose output is the converted content and
// little else.
var minimalLayouts = map[string]string{
	"layouts/base.html": `{{block "main" .}}{{end}}`,
	"layouts/page.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}{{end}}`,
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

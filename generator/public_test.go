package main

import (
	"bytes"
	"strconv"
	"testing"
)

// TestPublicHandbooks builds handbooks that others wrote for GitHub, as
// they are published (testdata/public, each archive naming its source and
// licence), and compares the build's exit status and messages with
// want/: each must build unedited, failing only on its own broken links.
func TestPublicHandbooks(t *testing.T) {
	forEachArchive(t, "testdata/public", func(t *testing.T, g *golden) {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"build"}, g.args...), &stdout, &stderr)
		g.compare(t, map[string][]byte{
			"exit":   []byte(strconv.Itoa(code) + "\n"),
			"stderr": stderr.Bytes(),
		}, "build")
	})
}

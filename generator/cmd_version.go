package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version and buildDate are set by a release build (generator/release):
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.buildDate=2026-12-03" ./generator
//
// Other builds leave them empty, and version falls back to what the Go
// toolchain records: the commit and its date.
var version, buildDate string

func runVersion(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError{"version: takes no arguments"}
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(version, buildDate, info))
	return nil
}

// versionLine says which program this is, so a question about it can
// name the version: from the release's -ldflags if it has them, else from
// the Go build's version control settings.
func versionLine(version, date string, info *debug.BuildInfo) string {
	v := version
	if v == "" {
		v = "development version"
		var rev, modified string
		if info != nil {
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.time":
					if date == "" {
						date, _, _ = strings.Cut(s.Value, "T")
					}
				case "vcs.modified":
					if s.Value == "true" {
						modified = " with changes not yet committed"
					}
				}
			}
		}
		if rev != "" {
			v += " " + rev[:min(len(rev), 12)] + modified
		}
	}
	if date == "" {
		date = "unknown"
	}
	return fmt.Sprintf("Patient Pathway Coordinator Handbook %s, built %s (%s, %s/%s)", v, date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

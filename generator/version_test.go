package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{}
		for i := 0; i < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	tests := []struct {
		name, version, date string
		info                *debug.BuildInfo
		want                string // before the Go version and platform
	}{
		{"release", "v1.2.0", "2026-12-03", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T10:00:00Z"),
			"Patient Pathway Coordinator Handbook v1.2.0, built 2026-12-03 ("},
		{"from git", "", "", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "false"),
			"Patient Pathway Coordinator Handbook development version 0123456789ab, built 2026-11-30 ("},
		{"from git, edited", "", "", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "true"),
			"Patient Pathway Coordinator Handbook development version 0123456789ab with changes not yet committed, built 2026-11-30 ("},
		{"nothing known", "", "", nil,
			"Patient Pathway Coordinator Handbook development version, built unknown ("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionLine(tt.version, tt.date, tt.info); !strings.HasPrefix(got, tt.want) {
				t.Errorf("versionLine(%q, %q, ...) = %q; want it to start %q", tt.version, tt.date, got, tt.want)
			}
		})
	}
}

// TestHelp: every command explains itself with -h, on standard error as
// the flag package does, and exits 0.
func TestHelp(t *testing.T) {
	tests := []struct {
		command, want string
	}{
		{"build", "build checks every page of the content folder"},
		{"serve", "serve builds the handbook and shows it in a web browser"},
		{"check", "check reports every problem build would"},
		{"new", "KIND is skill, scenario"},
		{"init", "Starts a new handbook in FOLDER"},
		{"rename", "Moves the page OLD.md to NEW.md"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run([]string{tt.command, "-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%s -h = exit %d:\n%s\nwant exit 0 and %q", tt.command, code, &stderr, tt.want)
		}
	}
}

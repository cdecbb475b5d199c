package main

import (
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

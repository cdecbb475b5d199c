package main

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestTargets: CI builds only windows/amd64 (a cold cross-build of each
// target takes a minute and a half on two cores), so this holds the rest
// of the release's configuration to what the issue promises.
func TestTargets(t *testing.T) {
	want := []string{"windows/amd64", "windows/arm64", "darwin/arm64", "darwin/amd64", "linux/amd64", "linux/arm64"}
	if strings.Join(targets, ",") != strings.Join(want, ",") {
		t.Errorf("targets = %v; want %v", targets, want)
	}
	tests := []struct {
		goos, name string
		has        []string // in the starter's text
	}{
		{"windows", "preview.bat", []string{"cd /d \"%~dp0\"\r\n", "handbook.exe init\r\n", "handbook.exe serve -open\r\n", "pause"}},
		{"darwin", "preview.command", []string{"#!/bin/sh\n", "./handbook init\n", "./handbook serve -open"}},
		{"linux", "preview.sh", []string{"#!/bin/sh\n", "./handbook init\n", "exec ./handbook serve -open\n"}},
	}
	for _, tt := range tests {
		name, text, ok := starter(tt.goos)
		if !ok || name != tt.name {
			t.Errorf("starter(%q) = %q, %v; want %q, true", tt.goos, name, ok, tt.name)
		}
		for _, s := range tt.has {
			if !strings.Contains(text, s) {
				t.Errorf("starter(%q) has no %q:\n%s", tt.goos, s, text)
			}
		}
		if tt.goos != "windows" && strings.Contains(text, "\r") {
			t.Errorf("starter(%q) has CR line ends, which sh cannot run", tt.goos)
		}
	}
}

// TestWriteZip: the same files give the same bytes whatever order they
// come in, every entry has the build date, and the starters and the
// program keep their executable bit.
func TestWriteZip(t *testing.T) {
	when := time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)
	a := []file{{"preview.command", []byte("#!/bin/sh\n"), 0o755}, {"handbook", []byte("program"), 0o755}}
	b := []file{a[1], a[0]}
	var za, zb bytes.Buffer
	if err := writeZip(&za, a, when); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&zb, b, when.In(time.FixedZone("BST", 3600))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(za.Bytes(), zb.Bytes()) {
		t.Error("writeZip gave different bytes for the same files in another order")
	}
	zr, err := zip.NewReader(bytes.NewReader(za.Bytes()), int64(za.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(when) || f.Mode().Perm() != 0o755 {
			t.Errorf("%s: modified %v, mode %v; want %v, 0755", f.Name, f.Modified, f.Mode(), when)
		}
	}
	if got := strings.Join(names, ","); got != "handbook,preview.command" {
		t.Errorf("zip holds %s; want handbook,preview.command", got)
	}
}

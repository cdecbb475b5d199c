// Command release builds the handbook program for every computer an
// educator may have, as one zip each, without publishing anything:
//
//	go run ./generator/release -version v1.2.0 -out /tmp/release
//	go run ./generator/release -version ci -out /tmp/release -targets windows/amd64
//
// Each zip, handbook-VERSION-OS-ARCH.zip, holds the executable (handbook,
// or handbook.exe on Windows) and a starter to double-click: preview.bat on
// Windows, preview.command on macOS and preview.sh on Linux. The starter
// opens the preview of the handbook in its folder, first making a new one
// with init if there is no content folder there.
//
// The zips are reproducible: the same commit, version and Go release give
// the same bytes on any machine. The program is built with -trimpath and
// without cgo; every file in the zip has the build date as its time, the
// same modes and a fixed order. The build date is -date, else the time of
// SOURCE_DATE_EPOCH, else the date of the commit being built, never the
// clock, which would differ from one build to the next.
//
// It is a Go program rather than a shell script so that it runs the same
// on Windows, where a release may well be made, and needs only Go.
package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// targets are the computers a release is built for: Windows and Linux on
// Intel and ARM, and macOS on Apple silicon and Intel.
var targets = []string{
	"windows/amd64", "windows/arm64",
	"darwin/arm64", "darwin/amd64",
	"linux/amd64", "linux/arm64",
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("release: ")
	version := flag.String("version", "", "version to stamp and name the zips with, as v1.2.0")
	out := flag.String("out", "", "folder to write the zips to (made if missing)")
	date := flag.String("date", "", "build date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the commit's date)")
	only := flag.String("targets", strings.Join(targets, ","), "comma-separated OS/ARCH pairs to build")
	flag.Parse()
	if *version == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	when, err := buildDate(*date)
	if err != nil {
		log.Fatal(err)
	}
	list := strings.Split(*only, ",")
	for _, t := range list {
		if !slices.Contains(targets, t) {
			log.Fatalf("-targets: %q is not one of %s", t, strings.Join(targets, ", "))
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, t := range list {
		start := time.Now()
		file, err := release(t, *version, when, *out)
		if err != nil {
			log.Fatalf("%s: %v", t, err)
		}
		info, _ := os.Stat(file)
		fmt.Printf("%s  %.1f MB  %.1f s\n", file, float64(info.Size())/1e6, time.Since(start).Seconds())
	}
}

// buildDate is the date stamped into the program and onto every file in
// the zips: flag, SOURCE_DATE_EPOCH (the reproducible-builds convention),
// or the date of the commit at HEAD.
func buildDate(flagDate string) (time.Time, error) {
	if flagDate != "" {
		return time.Parse(time.DateOnly, flagDate)
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	b, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
	if err != nil {
		return time.Time{}, errors.New("no build date: give -date YYYY-MM-DD, or set SOURCE_DATE_EPOCH, or run inside the git repository")
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log gave %q, not a time", b)
	}
	return time.Unix(n, 0).UTC(), nil
}

// release builds the program for target (GOOS/GOARCH) and writes its zip
// into dir, returning the zip's name.
func release(target, version string, when time.Time, dir string) (string, error) {
	goos, goarch, _ := strings.Cut(target, "/")
	exe := "handbook"
	if goos == "windows" {
		exe += ".exe"
	}
	tmp, err := os.MkdirTemp("", "release-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.buildDate=%s", version, when.Format(time.DateOnly))
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", filepath.Join(tmp, exe), "./generator")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %v", err)
	}
	program, err := os.ReadFile(filepath.Join(tmp, exe))
	if err != nil {
		return "", err
	}
	files := []file{{exe, program, 0o755}}
	if name, text, ok := starter(goos); ok {
		files = append(files, file{name, []byte(text), 0o755})
	}
	var b bytes.Buffer
	if err := writeZip(&b, files, when); err != nil {
		return "", err
	}
	name := filepath.Join(dir, fmt.Sprintf("handbook-%s-%s-%s.zip", version, goos, goarch))
	return name, os.WriteFile(name, b.Bytes(), 0o644)
}

// file is one entry of a zip.
type file struct {
	name string
	data []byte
	mode os.FileMode
}

// writeZip writes files sorted by name, each stamped with when and its
// mode, so the zip's bytes depend on nothing but its contents.
func writeZip(w io.Writer, files []file, when time.Time) error {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: when.UTC()}
		h.SetMode(f.mode) // the executable bit survives unzipping on macOS and Linux
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// starter is the file to double-click for goos. Each goes to its own
// folder first, since a double-clicked file starts in the home folder,
// makes a handbook there if it has none, and keeps its window open after
// a failure so the message can be read.
func starter(goos string) (name, text string, ok bool) {
	switch goos {
	case "windows":
		// CRLF line ends: cmd.exe misreads some LF-only batch files.
		return "preview.bat", strings.ReplaceAll(`@echo off
rem Double-click this file to preview the handbook in this folder.
rem The preview opens in your web browser; close this window to stop it.
cd /d "%~dp0"
if not exist content\ handbook.exe init
handbook.exe serve -open
if errorlevel 1 pause
`, "\n", "\r\n"), true
	case "darwin":
		return "preview.command", `#!/bin/sh
# Double-click this file to preview the handbook in this folder.
# The preview opens in your web browser; close this window to stop it.
cd "$(dirname "$0")" || exit 1
[ -d content ] || ./handbook init
./handbook serve -open || { printf "Press Return to close this window. "; read -r _; }
`, true
	case "linux":
		return "preview.sh", `#!/bin/sh
# Run this file to preview the handbook in this folder.
# The preview opens in your web browser; press Ctrl-C to stop it.
cd "$(dirname "$0")" || exit 1
[ -d content ] || ./handbook init
exec ./handbook serve -open
`, true
	}
	return "", "", false
}

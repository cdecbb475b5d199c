package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// releaseLdflags are the version and date TestProgramAlone expects, set
// the way generator/release sets them.
const releaseLdflags = "-X main.version=v9.9.9 -X main.buildDate=2026-12-01"

// program is the generator compiled once, as a release compiles it, for
// every test that runs it as a real process: each compile cost several
// seconds of waiting, three times a run.
var program struct {
	once sync.Once
	exe  string // removed by TestMain
	err  error
}

// buildProgram returns the path of the generator compiled as a release
// is (-trimpath, and releaseLdflags), compiling it on first use. Tests
// run it but must not change it.
func buildProgram(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("compiles the program: not in -short")
	}
	program.once.Do(func() {
		dir, err := os.MkdirTemp("", "ppchandbook-program-")
		if err != nil {
			program.err = err
			return
		}
		exe := filepath.Join(dir, "handbook")
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", releaseLdflags, "-o", exe, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			program.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		program.exe = exe
	})
	if program.err != nil {
		t.Fatal(program.err)
	}
	return program.exe
}

// alone runs exe in dir as an educator's computer would: no Go on the
// PATH and no layouts folder, only what they put in dir.
func alone(exe, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + filepath.Join(dir, "no-tools"), "HOME=" + dir}
	return cmd
}

// TestProgramAlone is the educator's path: the executable by itself,
// with no Go and no layouts/ beside it, builds and previews a folder
// holding only content/, with the look built into it.
func TestProgramAlone(t *testing.T) {
	t.Parallel() // its own folder and processes; mostly waiting on them
	exe := buildProgram(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(handbook.Content)); err != nil {
		t.Fatal(err)
	}

	t.Run("version", func(t *testing.T) {
		out, err := alone(exe, dir, "version").CombinedOutput()
		if want := "Patient Pathway Coordinator Handbook v9.9.9, built 2026-12-01 ("; err != nil || !strings.HasPrefix(string(out), want) {
			t.Errorf("handbook version: %v\n%s\nwant it to start %q", err, out, want)
		}
	})

	t.Run("build", func(t *testing.T) {
		out, err := alone(exe, dir, "build").CombinedOutput()
		if err != nil {
			t.Fatalf("handbook build: %v\n%s", err, out)
		}
		if !strings.HasPrefix(string(out), "Built ") || !strings.Contains(string(out), " 0 warnings") {
			t.Errorf("handbook build printed:\n%s\nwant only Built ... 0 warnings", out)
		}
		for _, f := range []string{"index.html", "assets/style.css", "assets/search.js", "404.html"} {
			if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
				t.Errorf("public/%s: %v", f, err)
			}
		}
	})

	t.Run("serve", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		cmd := alone(exe, dir, "serve", "-addr", "127.0.0.1:0")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
		}()
		url := serving(t, stdout)
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), siteTitle) || !strings.Contains(string(body), "assets/style.css") {
			t.Errorf("GET %s: %s, want the home page in the built-in look:\n%.500s", url, resp.Status, body)
		}

		// A layouts folder made while the preview runs, as an educator
		// copying one in to change the look, is picked up without a restart.
		const marker = ".trust-look{margin:7px}"
		writeFile(t, filepath.Join(dir, "layouts", "assets", "style.css"), []byte("body{color:#000}\n"+marker+"\n"))
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			req, _ := http.NewRequestWithContext(ctx, "GET", url+"assets/style.css", nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			css, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(css), marker) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("a layouts folder made after serve started: style.css still the built-in one after 20 s")
			}
		}
	})
}

// serving reads serve's output until it says where it serves and that
// it is watching for changes, and returns that address.
func serving(t *testing.T, stdout io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(stdout)
	var said []string
	var url string
	for sc.Scan() {
		said = append(said, sc.Text())
		if _, after, ok := strings.Cut(sc.Text(), "Serving the handbook at "); ok {
			url, _, _ = strings.Cut(after, " ")
		}
		if strings.HasPrefix(sc.Text(), "Watching ") && url != "" {
			go io.Copy(io.Discard, stdout) // keep serve from blocking on a full pipe
			return url
		}
	}
	t.Fatalf("serve never said where it serves; it printed:\n%s", strings.Join(said, "\n"))
	return ""
}

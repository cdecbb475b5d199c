package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// childEnv tells a test binary started by rerun that it is the child, and
// which part to play.
const childEnv = "PPC_WRITE_TEST_CHILD"

// rerun runs the calling test again in a new process of bin (nil attr:
// the same user), with childEnv set to part, and returns its output. The
// child runs the branch of the test that checks childEnv. It reports
// skipped as true when the child skipped, so the caller can skip too.
func rerun(t *testing.T, bin, part string, attr *syscall.SysProcAttr) (out string, skipped bool) {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^"+regexp.QuoteMeta(t.Name())+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+part)
	cmd.Dir = filepath.Dir(bin)
	cmd.SysProcAttr = attr
	b, err := cmd.CombinedOutput()
	if errors.Is(err, syscall.EPERM) {
		t.Skipf("cannot start a process with %+v: %v", attr, err)
	}
	if err != nil {
		t.Fatalf("%s as %q: %v\n%s", t.Name(), part, err, b)
	}
	return string(b), bytes.Contains(b, []byte("--- SKIP"))
}

// nobody is the user other people's processes run as: a web server, a
// backup job. The tests switch to it because root can read and delete
// anything, which hides permission problems.
var nobody = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}

// sharedDir returns a temporary folder that user nobody can reach, owned
// by nobody when owned is true, and a copy of the test binary in it that
// nobody can run (the original sits in a folder only its owner can read).
func sharedDir(t *testing.T, owned bool) (dir, bin string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("switching to another user needs root")
	}
	dir = t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if owned {
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	bin = filepath.Join(t.TempDir(), "output.test")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(filepath.Dir(bin)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, bin
}

// names lists dir, for messages about what was left behind.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}

// TestWriteFollowsUmask checks that the published folder and its files
// get the modes every other program's files get, so a web server running
// as another user, or rsync -a, can read them.
func TestWriteFollowsUmask(t *testing.T) {
	tests := []struct {
		umask, dir, file os.FileMode
	}{
		{0o022, 0o755, 0o644},
		{0o027, 0o750, 0o640},
		{0o002, 0o775, 0o664},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("umask %03o", tt.umask), func(t *testing.T) {
			defer syscall.Umask(syscall.Umask(int(tt.umask)))
			out := filepath.Join(t.TempDir(), "public")
			for _, version := range []string{"first", "second"} {
				if err := Write(out, smallSite(version, 3)); err != nil {
					t.Fatal(err)
				}
				for _, p := range []string{out, filepath.Join(out, "p01")} {
					if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != tt.dir {
						t.Errorf("%s build: folder %s has mode %v, %v; want %v", version, p, fi.Mode().Perm(), err, tt.dir)
					}
				}
				p := filepath.Join(out, "p01", "index.html")
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != tt.file {
					t.Errorf("%s build: file %s has mode %v, %v; want %v", version, p, fi.Mode().Perm(), err, tt.file)
				}
			}
		})
	}
}

// TestWriteReadableByOtherUsers reads the built site as user nobody, as a
// web server would.
func TestWriteReadableByOtherUsers(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir, _ := sharedDir(t, false)
	out := filepath.Join(dir, "public")
	if err := Write(out, smallSite("new", 3)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("find", out, "-type", "f", "-exec", "cat", "{}", "+")
	cmd.SysProcAttr = nobody
	b, err := cmd.CombinedOutput()
	if errors.Is(err, syscall.EPERM) {
		t.Skipf("cannot run a command as nobody: %v", err)
	}
	if err != nil || string(b) != "newnewnew" {
		t.Errorf("reading the site as nobody: %q, %v; want every file read", b, err)
	}
}

// TestWriteThroughLink builds into an output folder that is a link to a
// folder elsewhere, as a web server's docroot often is: the link stays,
// the folder it points at gets the site, and a failed build changes
// neither.
func TestWriteThroughLink(t *testing.T) {
	tests := []struct {
		name   string
		link   func(dir string) string // makes public as a link and returns the folder it leads to
		exists bool                    // the folder it leads to has a site already
	}{
		{"absolute", func(dir string) string {
			target := filepath.Join(dir, "srv", "handbook")
			symlink(t, target, filepath.Join(dir, "public"))
			return target
		}, true},
		{"relative", func(dir string) string {
			symlink(t, filepath.Join("srv", "handbook"), filepath.Join(dir, "public"))
			return filepath.Join(dir, "srv", "handbook")
		}, true},
		{"link to a link", func(dir string) string {
			symlink(t, filepath.Join(dir, "srv", "handbook"), filepath.Join(dir, "srv", "current"))
			symlink(t, filepath.Join("srv", "current"), filepath.Join(dir, "public"))
			return filepath.Join(dir, "srv", "handbook")
		}, true},
		{"to nothing yet", func(dir string) string {
			symlink(t, filepath.Join(dir, "srv", "handbook"), filepath.Join(dir, "public"))
			return filepath.Join(dir, "srv", "handbook")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "srv"), 0o755); err != nil {
				t.Fatal(err)
			}
			target := tt.link(dir)
			out := filepath.Join(dir, "public")
			link, _ := os.Readlink(out)
			if tt.exists {
				if err := Write(target, smallSite("old", 5)); err != nil {
					t.Fatal(err)
				}
				stop := errors.New("stopped")
				err := WriteEach(out, smallSite("new", 5), func(i int) error {
					if i == 3 {
						return stop
					}
					return nil
				})
				if !errors.Is(err, stop) {
					t.Fatalf("WriteEach = %v; want the stop", err)
				}
				if got := siteVersion(t, target, 5); got != "old" {
					t.Errorf("after a failed build the linked folder holds %q; want the old site", got)
				}
			}
			if err := Write(out, smallSite("new", 5)); err != nil {
				t.Fatal(err)
			}
			if got, err := os.Readlink(out); err != nil || got != link {
				t.Errorf("after the build public is a link to %q, %v; want it kept as a link to %q", got, err, link)
			}
			if got := siteVersion(t, target, 5); got != "new" {
				t.Errorf("the linked folder holds %q; want the new site", got)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"public", "srv"}) {
				t.Errorf("beside public: %v; want only public and srv", got)
			}
			if got := names(t, filepath.Join(dir, "srv")); slices.ContainsFunc(got, func(n string) bool { return strings.HasPrefix(n, ".") }) {
				t.Errorf("beside the linked folder: %v; want no staging folders left", got)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestCheckThroughLink refuses an output link that leads to the
// sources, which building through the link would replace.
func TestCheckThroughLink(t *testing.T) {
	dir := t.TempDir()
	symlink(t, "content", filepath.Join(dir, "public"))
	err := Check(filepath.Join(dir, "public"), filepath.Join(dir, "content"), filepath.Join(dir, "layouts"))
	if err == nil || !strings.Contains(err.Error(), "would replace") {
		t.Errorf("Check(a link to content/) = %v; want a refusal", err)
	}
}

// TestWriteOverReadOnlySite replaces, as an ordinary user, an old site
// whose folders are read-only (copied from a read-only share, or made so
// by hand): the build succeeds and leaves no staging folder behind.
func TestWriteOverReadOnlySite(t *testing.T) {
	if part := os.Getenv(childEnv); part != "" {
		dir := filepath.Dir(part)
		if err := Write(part, smallSite("old", 4)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{filepath.Join(part, "p01"), filepath.Join(part, "p02"), part} {
			if err := os.Chmod(p, 0o555); err != nil {
				t.Fatal(err)
			}
		}
		st, err := Stage(part)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range smallSite("new", 4) {
			if err := st.Put(name, b); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			t.Fatalf("commit = %v; want success", err)
		}
		if len(st.Notes()) > 0 {
			t.Errorf("notes = %q; want none: the old copy can be removed", st.Notes())
		}
		if got := siteVersion(t, part, 4); got != "new" {
			t.Errorf("public holds %q; want the new site", got)
		}
		if got := names(t, dir); !slices.Equal(got, []string{"public"}) {
			t.Errorf("beside public: %v; want only public", got)
		}
		return
	}
	dir, bin := sharedDir(t, true)
	if out, skipped := rerun(t, bin, filepath.Join(dir, "public"), nobody); skipped {
		t.Skipf("the child skipped:\n%s", out)
	}
}

// TestWriteOldCopyStuck replaces an old site holding a folder that the
// user cannot delete (another user's): the build succeeds, says where the
// old copy is, and leaves no staging folder.
func TestWriteOldCopyStuck(t *testing.T) {
	if part := os.Getenv(childEnv); part != "" {
		dir := filepath.Dir(part)
		st, err := Stage(part)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range smallSite("new", 4) {
			if err := st.Put(name, b); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			t.Fatalf("commit = %v; want success", err)
		}
		if got := siteVersion(t, part, 4); got != "new" {
			t.Errorf("public holds %q; want the new site", got)
		}
		var kept []string
		for _, n := range names(t, dir) {
			switch {
			case strings.HasPrefix(n, ".public.old-"):
				kept = append(kept, filepath.Join(dir, n))
			case n != "public":
				t.Errorf("beside public: %s; want no staging folder", n)
			}
		}
		if len(kept) != 1 || len(st.Notes()) != 1 || !strings.Contains(st.Notes()[0], kept[0]) ||
			!strings.Contains(st.Notes()[0], "the new site is in place") {
			t.Errorf("notes = %q, old copies %q; want one note naming the one old copy", st.Notes(), kept)
		}
		return
	}
	dir, bin := sharedDir(t, true)
	out := filepath.Join(dir, "public")
	if err := Write(out, smallSite("old", 4)); err != nil {
		t.Fatal(err)
	}
	// Everything is nobody's but p01, root's own: nobody may move it
	// (its parent is nobody's) but not empty it.
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || strings.HasPrefix(p, filepath.Join(out, "p01")) {
			return err
		}
		return os.Lchown(p, 65534, 65534)
	})
	if err != nil {
		t.Fatal(err)
	}
	if out, skipped := rerun(t, bin, out, nobody); skipped {
		t.Skipf("the child skipped:\n%s", out)
	}
}

// TestWriteLocked starts a second build of the same folder while one is
// under way: it is refused with a message that says so, and the first
// goes on unharmed.
func TestWriteLocked(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, smallSite("old", 3)); err != nil {
		t.Fatal(err)
	}
	first, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(out, smallSite("second", 3)); err == nil || !strings.Contains(err.Error(), "another build is writing "+out) {
		t.Errorf("a second build during the first: %v; want \"another build is writing %s\"", err, out)
	}
	if _, err := Stage(filepath.Join(dir, ".", "public")); err == nil {
		t.Errorf("a second build through another spelling of the path was not refused")
	}
	for name, b := range smallSite("first", 3) {
		if err := first.Put(name, b); err != nil {
			t.Fatalf("the first build after the second was refused: %v", err)
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := siteVersion(t, out, 3); got != "first" {
		t.Errorf("public holds %q; want the first build's site", got)
	}
	if err := Write(out, smallSite("third", 3)); err != nil {
		t.Errorf("a build after the first finished: %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside public: %v; want only public", got)
	}
}

// TestWriteLockedAcrossProcesses holds the lock in another process, as a
// build in another terminal would, then kills it: the lock goes with it.
func TestWriteLockedAcrossProcesses(t *testing.T) {
	if out := os.Getenv(childEnv); out != "" {
		if _, err := Stage(out); err != nil {
			t.Fatal(err)
		}
		fmt.Println("staged")
		io.Copy(io.Discard, os.Stdin) // until killed
		return
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, smallSite("old", 3)); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+out)
	stdin, _ := cmd.StdinPipe()
	defer stdin.Close()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "staged\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the other build printed %q; want staged", line)
	}
	err = Write(out, smallSite("new", 3))
	if err == nil || !strings.Contains(err.Error(), "another build is writing") {
		t.Errorf("a build while another process builds: %v; want \"another build is writing\"", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if err := Write(out, smallSite("new", 3)); err != nil {
		t.Errorf("a build after the other was killed: %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside public: %v; want only public", got)
	}
}

// TestWriteIntoMountPoint builds into a folder that is a mount point (a
// Docker volume, a mounted share), which cannot be renamed: the contents
// are replaced instead, the build says so, and a failed build leaves the
// old site. It mounts a tmpfs in a mount namespace of its own, so nothing
// outside the test sees it.
func TestWriteIntoMountPoint(t *testing.T) {
	if out := os.Getenv(childEnv); out != "" {
		if err := unix.Mount("tmpfs", out, "tmpfs", 0, "mode=0755"); err != nil {
			t.Skipf("cannot mount a tmpfs: %v", err)
		}
		defer unix.Unmount(out, 0)
		writeFile(t, filepath.Join(out, "p03", "extra.css"), []byte("from before the first build"))
		writeFile(t, filepath.Join(out, "gone.html"), []byte("old only"))
		for _, version := range []string{"old", "new"} {
			stop := errors.New("stopped")
			err := WriteEach(out, smallSite(version, 5), func(i int) error {
				if i == 2 {
					return stop
				}
				return nil
			})
			if !errors.Is(err, stop) {
				t.Fatalf("WriteEach = %v; want the stop", err)
			}
			st, err := Stage(out)
			if err != nil {
				t.Fatal(err)
			}
			for name, b := range smallSite(version, 5) {
				if err := st.Put(name, b); err != nil {
					t.Fatal(err)
				}
			}
			if err := st.Commit(); err != nil {
				t.Fatalf("%s build into a mount point: %v", version, err)
			}
			if len(st.Notes()) != 1 || !strings.Contains(st.Notes()[0], "mount point") {
				t.Errorf("%s build: notes = %q; want one saying out is a mount point", version, st.Notes())
			}
			if got := siteVersion(t, out, 5); got != version {
				t.Errorf("the mount point holds %q; want the %s site", got, version)
			}
			want := []string{"p00", "p01", "p02", "p03", "p04"}
			if got := names(t, out); !slices.Equal(got, want) {
				t.Errorf("after the %s build the mount point holds %v; want %v", version, got, want)
			}
		}
		if !isMountPoint(out) {
			t.Errorf("%s is no longer a mount point", out)
		}
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if got, skipped := rerun(t, exe, out, &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}); skipped {
		t.Skipf("the child skipped:\n%s", got)
	}
}

package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// Timings for tests on real files. quiet is longer than serve's 10 ms so that a busy
// test machine never splits one editor's save into two bursts; failSafe only bounds a wait
// for something that should happen.
const (
	quiet    = 250 * time.Millisecond
	testPoll = 10 * time.Millisecond
	failSafe = 5 * time.Second
)

// modes are the two ways Run notices changes.
var modes = []struct {
	name string
	opts Options
}{
	{"notify", Options{}},
	{"poll", Options{Poll: testPoll}},
}

// A step does something to the files, then expects exactly one call of onChange with want,
// or no call at all if want is empty.
type step struct {
	do   func(f tree)
	want []string // relative to the watched folder, or absolute
}

func TestRun(t *testing.T) {
	const old = "# Old\n" // every page's first version; each save makes it longer, see stamp
	tests := []struct {
		name  string
		files []string // made before Run starts, with the text old
		dirs  []string // the folders to watch, below the temporary folder; "." if none
		steps []step
	}{
		{
			name:  "vim",
			files: []string{"page.md"},
			steps: []step{
				{do: func(f tree) { f.write(".page.md.swp", "swap") }},   // opening the file
				{do: func(f tree) { f.write(".page.md.swp", "swap 2") }}, // typing
				{do: func(f tree) {
					f.write(".page.md.swx", "swap") // a second swap file, as when .swp exists
					f.write("4913", "")             // may vim write in this folder?
					f.remove("4913")
					f.rename("page.md", "page.md~") // backup
					f.write("page.md", "# New page\n")
					f.chmod("page.md", 0o644)
					f.remove("page.md~")
					f.write(".page.md.swp", "swap 3")
				}, want: []string{"page.md"}},
				{do: func(f tree) { // quitting
					f.remove(".page.md.swx")
					f.remove(".page.md.swp")
				}},
			},
		},
		{
			name:  "vim with backupcopy=yes",
			files: []string{"page.md", ".page.md.swp"},
			steps: []step{{do: func(f tree) {
				f.write("page.md~", old) // backup by copying
				f.writeChunks("page.md", "# New ", "page\n")
				f.remove("page.md~")
				f.write(".page.md.swp", "swap 2")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "JetBrains safe write",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write("page.md___jb_tmp___", "# New page\n")
				f.rename("page.md", "page.md___jb_old___")
				f.rename("page.md___jb_tmp___", "page.md")
				f.remove("page.md___jb_old___")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "emacs",
			files: []string{"page.md"},
			steps: []step{
				{do: func(f tree) {
					f.symlink("ann@desk.4242:1700000000", ".#page.md") // lock, on the first change
					f.write("#page.md#", "# New")                      // auto-save
				}},
				{do: func(f tree) {
					f.rename("page.md", "page.md~") // backup, kept, on the first save
					f.write("page.md", "# New page\n")
					f.remove("#page.md#")
					f.remove(".#page.md")
				}, want: []string{"page.md"}},
				{do: func(f tree) {
					f.symlink("ann@desk.4242:1700000000", ".#page.md")
					f.write("page.md", "# New page\n\nMore.\n") // later saves write in place
					f.remove(".#page.md")
				}, want: []string{"page.md"}},
			},
		},
		{
			name:  "sed -i",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write("sedq7Rk2a", "# New page\n")
				f.chmod("sedq7Rk2a", 0o644)
				f.rename("sedq7Rk2a", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "gedit",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write(".goutputstream-Q1W2E3", "# New page\n")
				f.rename(".goutputstream-Q1W2E3", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "VS Code and Notepad++, truncate and write in parts",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.writeChunks("page.md", "# New", " page", "\n")
				f.writeChunks("page.md", "# New page", "\n\nMore.\n")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "nano",
			files: []string{"page.md"},
			steps: []step{
				{do: func(f tree) { f.write(".page.md.swp", "lock") }}, // opening the file
				{do: func(f tree) { f.write("page.md", "# New page\n") }, want: []string{"page.md"}},
				{do: func(f tree) { f.remove(".page.md.swp") }}, // quitting
			},
		},
		{
			name:  "gedit with backups",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write(".goutputstream-A1B2C3", "# New page\n")
				f.rename("page.md", "page.md~")
				f.rename(".goutputstream-A1B2C3", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "atomic save through a hidden temporary file",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write(".page.md.tmp123", "# New page\n")
				f.rename(".page.md.tmp123", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "atomic save through page.md.tmp",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write("page.md.tmp", "# New page\n")
				f.rename("page.md.tmp", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "atomic save through a temporary file of any other name",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				f.write("page.md.8d2f", "# New page\n")
				f.rename("page.md.8d2f", "page.md")
			}, want: []string{"page.md"}}},
		},
		{
			name:  "a burst of 50 writes",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) {
				// One open file: truncating and closing it 50 times would make ext4 flush it
				// to disk each time (auto_da_alloc), and a slow disk split the burst.
				f.writeChunks("page.md", slices.Repeat([]string{"# New page\n"}, 50)...)
			}, want: []string{"page.md"}}},
		},
		{
			name: "new nested folders are followed",
			steps: []step{
				{do: func(f tree) {
					f.mkdirAll("a/b/c")
					f.write("a/b/c/x.md", "# X\n")
				}, want: []string{"a/b/c/x.md"}},
				{do: func(f tree) { f.write("a/b/c/y.md", "# Y\n") }, want: []string{"a/b/c/y.md"}},
				{do: func(f tree) { f.write("a/b/c/x.md", "# X again\n") }, want: []string{"a/b/c/x.md"}},
			},
		},
		{
			name:  "folder deleted",
			files: []string{"part/one.md", "part/sub/two.md", "other.md"},
			steps: []step{{do: func(f tree) { f.removeAll("part") },
				want: []string{"part/one.md", "part/sub/two.md"}}},
		},
		{
			name:  "folder renamed",
			files: []string{"part/one.md", "part/sub/two.md"},
			steps: []step{
				{do: func(f tree) { f.rename("part", "section") }, want: []string{
					"part/one.md", "part/sub/two.md", "section/one.md", "section/sub/two.md",
				}},
				{do: func(f tree) { f.write("section/sub/two.md", "# Two again\n") },
					want: []string{"section/sub/two.md"}},
				{do: func(f tree) { f.write("section/sub/three.md", "# Three\n") },
					want: []string{"section/sub/three.md"}},
				{do: func(f tree) { f.mkdirAll("part") }}, // a new, empty folder of the old name
				{do: func(f tree) { f.write("part/four.md", "# Four\n") },
					want: []string{"part/four.md"}},
			},
		},
		{
			name:  "folder moved out",
			files: []string{"part/one.md", "part/sub/two.md"},
			steps: []step{
				{do: func(f tree) { f.rename("part", filepath.Join(f.outside, "part")) },
					want: []string{"part/one.md", "part/sub/two.md"}},
				{do: func(f tree) { f.write(filepath.Join(f.outside, "part/sub/two.md"), "# Two\n\nMore.\n") }},
			},
		},
		{
			name: "folder moved in",
			steps: []step{
				{do: func(f tree) {
					f.write(filepath.Join(f.outside, "part/sub/two.md"), old)
					f.rename(filepath.Join(f.outside, "part"), "part")
				}, want: []string{"part/sub/two.md"}},
				{do: func(f tree) { f.write("part/sub/two.md", "# Two again\n") },
					want: []string{"part/sub/two.md"}},
			},
		},
		{
			name:  "page renamed",
			files: []string{"old-name.md"},
			steps: []step{{do: func(f tree) { f.rename("old-name.md", "new-name.md") },
				want: []string{"new-name.md", "old-name.md"}}},
		},
		{
			name:  "page created and deleted",
			files: []string{"page.md"},
			steps: []step{
				{do: func(f tree) { f.write("new.md", old) }, want: []string{"new.md"}},
				{do: func(f tree) { f.remove("new.md") }, want: []string{"new.md"}},
			},
		},
		{
			name:  "permissions changed only",
			files: []string{"page.md"},
			steps: []step{{do: func(f tree) { f.chmod("page.md", 0o600) }}},
		},
		{
			name: "hidden folders are not watched",
			steps: []step{{do: func(f tree) {
				f.mkdirAll(".git/objects")
				f.write(".git/objects/ab", "blob")
				f.write(".git/HEAD", "ref: refs/heads/main\n")
			}}},
		},
		{
			name:  "several folders",
			files: []string{"content/page.md", "layouts/page.html", "public/page.html"},
			dirs:  []string{"content", "layouts"},
			steps: []step{
				{do: func(f tree) {
					f.write("content/page.md", "# New page\n")
					f.write("layouts/page.html", "<h1>{{.Title}}</h1>\n")
				}, want: []string{"content/page.md", "layouts/page.html"}},
				{do: func(f tree) { f.write("public/page.html", "<h1>New page</h1>\n") }},
			},
		},
		{
			// The sentinel goes in layouts/, the first folder, which stays.
			name:  "folder deleted and made again",
			files: []string{"content/page.md", "layouts/page.html"},
			dirs:  []string{"layouts", "content"},
			steps: []step{
				{do: func(f tree) { f.removeAll("content") }, want: []string{"content/page.md"}},
				{do: func(f tree) {
					f.mkdirAll("content/skills")
					f.write("content/skills/new.md", "# Back\n")
				}, want: []string{"content/skills/new.md"}},
				{do: func(f tree) { f.write("content/skills/new.md", "# Edited\n") }, want: []string{"content/skills/new.md"}},
				{do: func(f tree) { f.write("content/page.md", "# Page\n") }, want: []string{"content/page.md"}},
			},
		},
		{
			name:  "folder replaced by a backup",
			files: []string{"content/page.md", "content/a/b.md", "backup/page.md", "backup/c.md", "layouts/page.html"},
			dirs:  []string{"layouts", "content"},
			steps: []step{
				{do: func(f tree) {
					f.rename("content", "content.old")
					f.rename("backup", "content")
				}, want: []string{"content/a/b.md", "content/c.md", "content/page.md"}},
				{do: func(f tree) { f.write("content.old/page.md", "# Old, edited\n") }},
				{do: func(f tree) { f.write("content/c.md", "# Restored, edited\n") }, want: []string{"content/c.md"}},
				{do: func(f tree) {
					f.mkdirAll("public/skills")
					f.write("public/skills/index.html", "<p>Built</p>\n")
				}},
			},
		},
	}
	// The cases spend their time waiting out quiet periods, not on the
	// processor, so they run side by side: as parallel tests they would run
	// only GOMAXPROCS (two, here) at a time, 20 s in all. A few at a time,
	// so that the cases stay well within the system's inotify instances,
	// which every program of this user shares (128 by default).
	const together = 8
	slots := make(chan struct{}, together)
	var wg sync.WaitGroup
	for _, mode := range modes {
		for _, tt := range tests {
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
					f := tree{t: t, dir: t.TempDir(), outside: t.TempDir()}
					for _, name := range tt.files {
						f.write(name, old)
					}
					dirs := []string{f.dir}
					for i, d := range tt.dirs {
						if i == 0 {
							dirs = nil
						}
						dirs = append(dirs, f.path(d))
					}
					changes := start(t, mode.opts, dirs)
					sentinel := filepath.Join(dirs[0], "sentinel.txt")
					for i, s := range tt.steps {
						s.do(f)
						want := make([]string, len(s.want))
						for i, name := range s.want {
							want[i] = f.path(name)
						}
						expectOnly(t, changes, sentinel, fmt.Sprintf("step %d", i+1), want)
					}
				})
			})
		}
	}
	wg.Wait()
}

// start runs o.Run on dirs until the test ends, and returns the changes it reports. It returns
// once Run is watching, and at the end of the test checks that Run returned nil promptly.
func start(t *testing.T, o Options, dirs []string) <-chan Change {
	t.Helper()
	ctx := t.Context() // canceled when the test ends, before cleanups run
	ready := make(chan struct{})
	o.Ready = func() { close(ready) }
	changes := make(chan Change, 10)
	onChange := func(c Change) {
		select {
		case changes <- c:
		case <-ctx.Done():
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- o.Run(ctx, dirs, quiet, onChange) }()
	t.Cleanup(func() {
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("Run(%q) = %v; want nil", dirs, err)
			}
		case <-time.After(failSafe):
			t.Errorf("Run(%q) still running %v after its context was canceled", dirs, failSafe)
		}
	})
	select {
	case <-ready:
	case err := <-errc:
		t.Fatalf("Run(%q) = %v before watching", dirs, err)
	case <-time.After(failSafe):
		t.Fatalf("Run(%q) not watching after %v", dirs, failSafe)
	}
	return changes
}

// expectOnly checks that the next call reports exactly want, or that there is no call if want
// is empty, and then that no other call follows. For that, it appends to the file sentinel
// and expects a call naming only that file: the system reports changes in order, so anything
// left over from before would come first or be in the same call.
func expectOnly(t *testing.T, changes <-chan Change, sentinel, step string, want []string) {
	t.Helper()
	if len(want) > 0 {
		got := next(t, changes, step)
		if !slices.Equal(got.Paths, want) {
			t.Fatalf("%s: onChange(%q); want onChange(%q)", step, got.Paths, want)
		}
	}
	f, err := os.OpenFile(sentinel, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("x"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got := next(t, changes, step); !slices.Equal(got.Paths, []string{sentinel}) {
		if len(want) > 0 {
			t.Fatalf("%s: after the expected call, onChange(%q); want no more calls", step, got.Paths)
		}
		t.Fatalf("%s: onChange(%q); want no call", step, got.Paths)
	}
}

// next waits for the next change, failing the test if none comes.
func next(t *testing.T, changes <-chan Change, step string) Change {
	t.Helper()
	select {
	case c := <-changes:
		return c
	case <-time.After(failSafe):
		t.Fatalf("%s: no call of onChange within %v", step, failSafe)
		return Change{}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "page.md")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	tests := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing folder", []string{dir, missing}, "watching " + missing + " for changes: there is no such folder"},
		{"file", []string{file}, "watching " + file + " for changes: it is a file, not a folder"},
	}
	for _, mode := range modes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				err := mode.opts.Run(t.Context(), tt.dirs, quiet, func(Change) {})
				if err == nil || err.Error() != tt.want {
					t.Errorf("Run(%q) = %v; want %q", tt.dirs, err, tt.want)
				}
			})
		}
	}
}

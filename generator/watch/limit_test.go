package watch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestOutOfWatches(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"inotify watches used up", fmt.Errorf("watching content/a for changes: %w", syscall.ENOSPC), true},
		{"inotify instances used up", fmt.Errorf("starting to watch for changes: %w", syscall.EMFILE), true},
		{"kqueue out of files", &os.PathError{Op: "open", Path: "content/a.md", Err: syscall.EMFILE}, true},
		{"folder gone", fmt.Errorf("watching content/a for changes: %w", syscall.ENOENT), false},
		{"permission denied", &os.PathError{Op: "open", Path: "content/a", Err: syscall.EACCES}, false},
		{"other", errors.New("watching for changes: the system stopped sending events"), false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outOfWatches(tt.err); got != tt.want {
				t.Errorf("outOfWatches(%v) = %v; want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestWarnPolling(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string // lines the warning must have
	}{
		{
			name: "watches used up",
			err:  fmt.Errorf("watching content/a for changes: %w", syscall.ENOSPC),
			want: []string{
				"warning: watching content/a for changes: no space left on device",
				`The disk is fine: the system has run out of "inotify watches", one for each folder`,
				"    sudo sysctl fs.inotify.max_user_watches=524288",
				"    echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-watch.conf",
			},
		},
		{
			name: "too many open files",
			err:  fmt.Errorf("starting to watch for changes: %w", syscall.EMFILE),
			want: []string{
				"warning: starting to watch for changes: too many open files",
				"The system says too many files are open, so changes are now found by looking at",
				"    sudo sysctl fs.inotify.max_user_instances=1024",
				"    echo fs.inotify.max_user_instances=1024 | sudo tee /etc/sysctl.d/60-watch.conf",
				`On macOS, run "ulimit -n 10240" in this terminal before starting again.`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			warnPolling(&buf, tt.err)
			lines := strings.Split(buf.String(), "\n")
			for _, want := range tt.want {
				if !slices.Contains(lines, want) {
					t.Errorf("warnPolling(%v) wrote:\n%s\nwant a line %q", tt.err, buf.String(), want)
				}
			}
		})
	}
	warnPolling(nil, syscall.ENOSPC) // a nil Log discards the warning
}

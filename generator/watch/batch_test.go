package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const ms = time.Millisecond

// at is an edit sent a given time after the start.
type at struct {
	t    time.Duration
	path string
	op   op
}

// call is a call of onChange: when it started, and with what.
type call struct {
	t     time.Duration
	paths []string
}

func (c call) String() string { return fmt.Sprintf("%v %q", c.t, c.paths) }

func TestBatch(t *testing.T) {
	const quiet = 30 * ms
	tests := []struct {
		name  string
		edits []at
		slow  time.Duration // how long each call of onChange takes
		want  []call
	}{
		{
			name:  "one edit",
			edits: []at{{0, "a", written}},
			want:  []call{{30 * ms, []string{"a"}}},
		},
		{
			name: "edits within the quiet period make one call, sorted and each path once",
			edits: []at{
				{0, "c", written}, {1 * ms, "a", written}, {2 * ms, "c", written},
				{3 * ms, "b", created}, {4 * ms, "a", written},
			},
			want: []call{{34 * ms, []string{"a", "b", "c"}}},
		},
		{
			name:  "each edit restarts the quiet period",
			edits: []at{{0, "a", written}, {20 * ms, "a", written}, {40 * ms, "b", written}},
			want:  []call{{70 * ms, []string{"a", "b"}}},
		},
		{
			name:  "edits further apart than the quiet period make separate calls",
			edits: []at{{0, "a", written}, {31 * ms, "b", written}, {100 * ms, "a", written}},
			want: []call{
				{30 * ms, []string{"a"}},
				{61 * ms, []string{"b"}},
				{130 * ms, []string{"a"}},
			},
		},
		{
			name: "a file created and removed within a burst is left out",
			edits: []at{
				{0, "sed4XyZ9q", created}, {1 * ms, "sed4XyZ9q", written},
				{2 * ms, "sed4XyZ9q", removed}, {2 * ms, "page.md", created},
			},
			want: []call{{32 * ms, []string{"page.md"}}},
		},
		{
			name:  "a burst of temporary files alone makes no call",
			edits: []at{{0, "tmp", created}, {1 * ms, "tmp", removed}},
			want:  nil,
		},
		{
			name:  "a file removed and created again is kept",
			edits: []at{{0, "page.md", removed}, {1 * ms, "page.md", created}},
			want:  []call{{31 * ms, []string{"page.md"}}},
		},
		{
			name:  "a file created in one burst and removed in the next is in both",
			edits: []at{{0, "new.md", created}, {50 * ms, "new.md", removed}},
			// The removal could be the first half of a save (see
			// TestBatchHalfSaved), so it waits the quiet period until
			// halfSavedWait is passed.
			want: []call{{30 * ms, []string{"new.md"}}, {80*ms + quiet*((halfSavedWait+quiet-1)/quiet), []string{"new.md"}}},
		},
		{
			name: "edits during a slow call wait for it, then make the next call",
			slow: 100 * ms,
			edits: []at{
				{0, "a", written},       // call at 30, until 130
				{50 * ms, "b", written}, // quiet by 80, but waits for the call
				{60 * ms, "c", written},
				{140 * ms, "d", written}, // during the second call, until 230
				{225 * ms, "e", written}, // quiet by 255
			},
			want: []call{
				{30 * ms, []string{"a"}},
				{130 * ms, []string{"b", "c"}},
				{255 * ms, []string{"d", "e"}},
			},
		},
		{
			name:  "edits after a slow call's quiet period keep restarting it",
			slow:  100 * ms,
			edits: []at{{0, "a", written}, {50 * ms, "b", written}, {120 * ms, "c", written}},
			want: []call{
				{30 * ms, []string{"a"}},
				{150 * ms, []string{"b", "c"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				var (
					mu       sync.Mutex
					got      []call
					inFlight int
				)
				onChange := func(c Change) {
					mu.Lock()
					inFlight++
					if inFlight > 1 {
						t.Errorf("onChange(%q) called while another call was running", c.Paths)
					}
					got = append(got, call{time.Since(start), c.Paths})
					mu.Unlock()
					time.Sleep(tt.slow)
					mu.Lock()
					inFlight--
					mu.Unlock()
				}
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				in := make(chan edit)
				go batch(ctx, in, quiet, onChange)

				for _, e := range tt.edits {
					time.Sleep(start.Add(e.t).Sub(time.Now()))
					in <- edit{e.path, e.op}
				}
				time.Sleep(time.Second)
				synctest.Wait()
				mu.Lock()
				defer mu.Unlock()
				if !slices.EqualFunc(got, tt.want, func(a, b call) bool {
					return a.t == b.t && slices.Equal(a.paths, b.paths)
				}) {
					t.Errorf("calls of onChange = %v; want %v", got, tt.want)
				}
			})
		})
	}
}

// TestBatchStop checks that batch returns only after the call in progress has returned, so
// that Run never leaves a rebuild running behind its caller's back.
func TestBatchStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const quiet, slow = 30 * ms, 100 * ms
		start := time.Now()
		var returned time.Duration // when onChange returned
		onChange := func(Change) {
			time.Sleep(slow)
			returned = time.Since(start)
		}
		ctx, cancel := context.WithCancel(t.Context())
		in := make(chan edit)
		done := make(chan time.Duration)
		go func() {
			batch(ctx, in, quiet, onChange)
			done <- time.Since(start)
		}()

		in <- edit{"a", written}
		time.Sleep(quiet + slow/2) // halfway through the call
		cancel()
		stopped := <-done
		if want := quiet + slow; returned != want || stopped != want {
			t.Errorf("onChange returned at %v and batch at %v; want both at %v", returned, stopped, want)
		}
	})
}

// TestBatchHalfSaved checks that a burst that caught a save between its
// halves waits, past its quiet period, for the save to finish: a file
// emptied and then written, or moved away (as vim and JetBrains do) and
// then written again. A file left empty, or deleted, is still reported
// once halfSavedWait has passed, and a file that was only ever a
// temporary one is no reason to wait.
func TestBatchHalfSaved(t *testing.T) {
	const quiet = 30 * ms
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	tests := []struct {
		name    string
		first   op            // what the save's first half did: written (emptied), removed, or created and removed
		written time.Duration // when the page gets its text, with an event; 0 for never
		want    []call
	}{
		{"written 45 ms after it was emptied", written, 45 * ms, []call{{75 * ms, []string{page}}}},
		{"left empty", written, 0, []call{{quiet + halfSavedWait + 20*ms, []string{page}}}},
		{"written 45 ms after it was moved away", removed, 45 * ms, []call{{75 * ms, []string{page}}}},
		{"deleted", removed, 0, []call{{quiet + halfSavedWait + 20*ms, []string{page}}}},
		{"a temporary file come and gone", created, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.first == written {
				err = os.WriteFile(page, nil, 0o644)
			} else {
				err = os.Remove(page)
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				t.Fatal(err)
			}
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				var mu sync.Mutex
				var got []call
				onChange := func(c Change) {
					mu.Lock()
					defer mu.Unlock()
					got = append(got, call{time.Since(start), c.Paths})
				}
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				in := make(chan edit)
				go batch(ctx, in, quiet, onChange)
				switch tt.first {
				case created:
					in <- edit{page, created}
					in <- edit{page, removed}
				default:
					in <- edit{page, tt.first}
				}
				if tt.written > 0 {
					time.Sleep(tt.written)
					if err := os.WriteFile(page, []byte("# Page\n"), 0o644); err != nil {
						t.Error(err)
					}
					again := created
					if tt.first == written {
						again = written
					}
					in <- edit{page, again}
				}
				time.Sleep(time.Second)
				synctest.Wait()
				mu.Lock()
				defer mu.Unlock()
				if !slices.EqualFunc(got, tt.want, func(a, b call) bool {
					return a.t == b.t && slices.Equal(a.paths, b.paths)
				}) {
					t.Errorf("calls of onChange = %v; want %v", got, tt.want)
				}
			})
		})
	}
}

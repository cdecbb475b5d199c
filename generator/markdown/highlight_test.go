package markdown

import (
	"strconv"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

func TestLexerCache(t *testing.T) {
	var c lexerCache
	for _, name := range []string{"go", "Go", "golang", "py", "yaml", "nosuchlang", "quiz", "NoSuchLang", "go"} {
		t.Run(name, func(t *testing.T) {
			for range 2 { // once to fill, once from the cache
				if got, want := c.get(name), lexers.Get(name); got != want {
					t.Errorf("get(%q) = %v; want chroma's %v", name, got, want)
				}
			}
		})
	}
	t.Run("bounded", func(t *testing.T) {
		for i := range 2 * lexerCacheCap {
			c.get("made-up-" + strconv.Itoa(i))
		}
		if n := len(c.byName); n > lexerCacheCap {
			t.Errorf("cache holds %d names after many lookups; want at most %d", n, lexerCacheCap)
		}
		if c.get("go") == nil {
			t.Error(`get("go") = nil once the cache is full; want the Go lexer`)
		}
	})
}

// BenchmarkLexer compares a fence with a language chroma does not know,
// looked up through the cache and straight from chroma.
func BenchmarkLexer(b *testing.B) {
	b.Run("cached", func(b *testing.B) {
		var c lexerCache
		for b.Loop() {
			c.get("nosuchlang")
		}
	})
	b.Run("chroma", func(b *testing.B) {
		for b.Loop() {
			lexers.Get("nosuchlang")
		}
	})
}

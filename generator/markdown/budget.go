package markdown

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// Highlighting a code block has a budget, because some of chroma's lexers
// never finish on some input. JSONata's last rule, [a-zA-Z0-9_]*, matches
// the empty string before "|", so the lexer emits empty tokens at the same
// place forever (and chroma.Coalesce, dropping them, never returns); Jungle
// pushes a state on "^(?=\S)" before "!" and pops it on an empty rule, a
// cycle that emits nothing at all. chroma's regexp timeout bounds one match,
// not a lexer that keeps matching the empty string, and the spin happens
// inside one call of chroma's iterator, so no check between tokens can see
// it. The guard therefore sits on every rule: each lexer is copied with a
// mutator on each rule that stops it once it has matched stuckMatches
// times without moving, or has run past highlightBudget.
//
// chroma's few lexers that are not plain regex lexers (markdown, HTTP, the
// template languages) cannot be copied that way. So every highlight also
// runs on a goroutine of its own that the page gives up on at the budget;
// a goroutine cannot be killed, though, so an unguarded lexer that spins
// would keep a core busy until the process ends. What keeps that from
// happening: the guard stops every regex lexer from inside, and the
// wrappers' own lookups of nested languages (```jsonata inside ```markdown)
// go to the guarded copies. What is left unguarded is a wrapper's own
// rules, and the two lexers chroma's wrappers fetch from its own registry
// (markdown's front matter as YAML, an HTTP body by its content type);
// TestHighlightEveryLexer shows none of these spin on short pathological
// input today. Running each block in a child process that could be killed
// outright would cost more than the highlighting itself.
const (
	// Long enough that no real block comes near it on a busy machine
	// under the race detector; a stuck lexer is stopped by its guard
	// long before.
	highlightBudget = 5 * time.Second
	// Zero-width matches that do their job (a lookahead that pushes a
	// state, an empty rule that pops one) come a few at a time; a hundred
	// at one place is a loop, and each costs a try of every rule of the
	// state, so the limit is also what a stuck block costs: about 2 ms.
	stuckMatches = 100
)

// Reasons highlighting gives up, for the warning.
var (
	errStuck = errors.New("got stuck")
	errSlow  = fmt.Errorf("took longer than %v", highlightBudget)
)

// guarded holds a guarded copy of every lexer chroma ships. It is built
// once per process, like chroma's own registry, because each copy compiles
// its regular expressions on first use: a registry per build would compile
// them again on every rebuild in serve.
var guarded = sync.OnceValue(func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if rl, ok := l.(*chroma.RegexLexer); ok {
			l = guard(rl)
		}
		// Registering a wrapper points its nested lookups at reg, so
		// they reach guarded copies too. The wrapper is chroma's own
		// instance, so this holds for any user of it in the process, and
		// nothing else uses chroma's lexers while the build runs.
		reg.Register(l)
	}
	return reg
})

// compile makes l compile its regular expressions now, so the time it
// takes (up to half a second for the largest, on a busy machine) is not
// counted against a code block's budget. Lexers nested inside another
// compile on first use, within the budget.
func compile(l chroma.Lexer) {
	switch l := l.(type) {
	case *steadyLexer:
		l.prepare()
	case *chroma.RegexLexer:
		_, _ = l.Rules() // an error shows when the lexer is used
	}
}

// guard returns a copy of l whose every rule stops it when it gets stuck
// or runs past the budget, and whose regular expressions each have the
// whole budget for one match.
func guard(l *chroma.RegexLexer) chroma.Lexer {
	return &steadyLexer{RegexLexer: guardRules(l)}
}

// steadyLexer is a guarded lexer whose matches do not depend on how busy
// the machine is. chroma gives each rule's regular expression 250 ms for
// one match, and a match that runs out of time counts as no match, so the
// lexer goes on to its next rule: on a machine busy enough to stall a
// goroutine that long, a keyword (SQL's JOIN, AS) came out in another
// class, and the same page built twice differed, breaking a build's
// promise of the same bytes from the same sources (and the SCORM
// package's). With the whole highlight budget for one match, a slow match
// ends as a slow block does, with the block shown plain and a warning.
type steadyLexer struct {
	*chroma.RegexLexer
	once sync.Once
}

// prepare compiles the lexer's regular expressions, as its first use
// would, and gives each the budget. It runs once, before any match, since
// the timeouts are read by every match.
func (l *steadyLexer) prepare() {
	l.once.Do(func() {
		if _, err := l.RegexLexer.Rules(); err != nil {
			return // shown when the lexer is used
		}
		setMatchTimeout(l.RegexLexer, highlightBudget)
	})
}

func (l *steadyLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	l.prepare()
	return l.RegexLexer.Tokenise(options, text)
}

// setMatchTimeout sets the timeout of each of l's compiled regular
// expressions. chroma keeps them unexported and sets the timeout itself
// as it compiles them, so they are reached by reflection: a map of states
// to *CompiledRule, each with its *regexp2.Regexp.
func setMatchTimeout(l *chroma.RegexLexer, d time.Duration) {
	rules := reflect.ValueOf(l).Elem().FieldByName("rules")
	if rules.Kind() != reflect.Map {
		return // a chroma that keeps them otherwise: its own timeout stands
	}
	for it := rules.MapRange(); it.Next(); {
		list := it.Value()
		for i := range list.Len() {
			re := list.Index(i).Elem().FieldByName("Regexp")
			if re.Kind() == reflect.Pointer && !re.IsNil() && re.Type() == reflect.TypeFor[*regexp2.Regexp]() {
				(*regexp2.Regexp)(re.UnsafePointer()).MatchTimeout = d
			}
		}
	}
}

// guardRules returns a copy of l whose every rule stops it when it gets
// stuck or runs past the budget.
func guardRules(l *chroma.RegexLexer) *chroma.RegexLexer {
	return chroma.MustNewLexer(l.Config(), func() chroma.Rules {
		rules, err := rawRules(l)
		if err != nil {
			// A rule that fails at once, so the block is shown plain
			// with the reason, as chroma's own Tokenise error would be.
			return chroma.Rules{"root": {{Pattern: "", Mutator: failing{err}}}}
		}
		out := make(chroma.Rules, len(rules))
		for state, rs := range rules {
			out[state] = make([]chroma.Rule, len(rs))
			for i, r := range rs {
				// Include and Combined rewrite the rules when they are
				// compiled and are never called while lexing; the rules
				// they bring in carry their own guards.
				if _, compiled := r.Mutator.(chroma.LexerMutator); !compiled {
					r.Mutator = progressGuard{r.Mutator}
				}
				out[state][i] = r
			}
		}
		return out
	})
}

// rawRules returns l's rules as its rules function writes them, without
// compiling them. chroma's Rules compiles every regular expression of the
// lexer before it returns them, and the guarded copy then compiles its
// own: each language a build met was compiled twice, about 30 ms of CPU
// in every one-shot build, as much as the build of 15 corpus pages.
// chroma keeps the function unexported, so it is reached as
// setMatchTimeout reaches the compiled rules; with a chroma that keeps it
// otherwise, Rules it is.
func rawRules(l *chroma.RegexLexer) (chroma.Rules, error) {
	f := reflect.ValueOf(l).Elem().FieldByName("fetchRulesFunc")
	if !f.IsValid() || f.Type() != reflect.TypeFor[func() (chroma.Rules, error)]() || f.IsNil() {
		return l.Rules()
	}
	rules, err := (*(*func() (chroma.Rules, error))(unsafe.Pointer(f.UnsafeAddr())))()
	if err != nil {
		return nil, fmt.Errorf("%s: failed to compile rules: %w", l.Config().Name, err) // as Rules says it
	}
	return rules, nil
}

type failing struct{ err error }

func (f failing) Mutate(*chroma.LexerState) error { return f.err }

// progressGuard runs before a rule's own mutator, on every match of that
// rule, which is every step the lexer takes that does not consume a
// character unmatched.
type progressGuard struct{ next chroma.Mutator }

// progressKey holds a *progress in each chroma.LexerState, so nested
// lexers keep count separately.
type progressKey struct{}

type progress struct {
	pos     int       // where the last match ended, in runes
	still   int       // matches since pos last moved
	matches int       // all matches, to look at the clock now and then
	start   time.Time // of the first match
}

func (g progressGuard) Mutate(s *chroma.LexerState) error {
	p, _ := s.Get(progressKey{}).(*progress)
	if p == nil {
		p = &progress{pos: s.Pos, start: time.Now()}
		s.Set(progressKey{}, p)
	}
	if s.Pos != p.pos {
		p.pos, p.still = s.Pos, 0
	} else if p.still++; p.still > stuckMatches {
		return errStuck // chroma panics with it; highlightWithin recovers
	}
	// A slow match costs up to chroma's regexp timeout, 250 ms, so the
	// clock is read often enough to stop near the budget, and rarely
	// enough to cost nothing next to the matching.
	if p.matches++; p.matches%64 == 0 && time.Since(p.start) > highlightBudget {
		return errSlow
	}
	if g.next != nil {
		return g.next.Mutate(s)
	}
	return nil
}

type highlighted struct {
	buf *[]byte
	err error
}

// highlightWithin returns code highlighted by lexer, in a buffer from
// codeBuffers, or the reason it could not be within budget.
func highlightWithin(lexer chroma.Lexer, code string, budget time.Duration) (*[]byte, error) {
	done := make(chan highlighted, 1) // so an abandoned highlight can finish and go
	go func() {
		buf := codeBuffers.Get().(*[]byte)
		err := highlightTo(buf, lexer, code)
		done <- highlighted{buf, err}
	}()
	t := time.NewTimer(budget)
	defer t.Stop()
	select {
	case h := <-done:
		if h.err != nil {
			codeBuffers.Put(h.buf)
			return nil, h.err
		}
		return h.buf, nil
	case <-t.C:
		return nil, errSlow
	}
}

// highlightTo sets *buf to code highlighted by lexer. chroma reports a
// lexer's trouble by panicking, and a guard stops a lexer the same way, so
// a panic here is a verdict on the code block, not a bug in the build.
func highlightTo(buf *[]byte, lexer chroma.Lexer, code string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			switch v := v.(type) {
			case error:
				if errors.Is(v, errStuck) || errors.Is(v, errSlow) {
					err = v
					return
				}
				err = fmt.Errorf("failed (%w)", v)
			default:
				err = fmt.Errorf("failed (%v)", v)
			}
		}
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return fmt.Errorf("failed (%w)", err)
	}
	*buf = format((*buf)[:0], it.Tokens())
	return nil
}

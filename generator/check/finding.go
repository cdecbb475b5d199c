package check

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"ppchandbook/generator/content"
)

// Severity says whether a problem must be fixed (error) or should be
// (warning).
type Severity string

// The severities. An error fails check; a warning fails it only with
// -strict.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem, ready to print.
type Finding struct {
	File     string   `json:"file"` // as in content.Error; "" for a problem with no file
	Line     int      `json:"line"` // 1-based; 0 when the problem is with the whole file
	Col      int      `json:"col"`  // 1-based; 0 when unknown
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"` // what to change, in one line
}

// String formats f the way editors and content.Error do:
// "file:line:col: severity: message", leaving out what is unknown.
func (f Finding) String() string {
	place := f.File
	switch {
	case f.Line > 0 && f.Col > 0:
		place = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
	case f.Line > 0:
		place = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if place == "" {
		return fmt.Sprintf("%s: %s", f.Severity, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", place, f.Severity, f.Message)
}

// fixed is a problem found by this package, with its advice attached.
type fixed struct {
	err  *content.Error
	hint string
}

func (f *fixed) Error() string { return f.err.Error() }
func (f *fixed) Unwrap() error { return f.err }

// warnf returns a warning at file:line:col with the advice hint.
func warnf(file string, line, col int, hint, format string, args ...any) error {
	return &fixed{content.Warnf(file, line, col, format, args...), hint}
}

// errorf returns an error at file:line:col with the advice hint.
func errorf(file string, line, col int, hint, format string, args ...any) error {
	return &fixed{content.Errorf(file, line, col, format, args...), hint}
}

// Findings flattens err, which may join problems from any stage of the
// build and from this package, into findings sorted by file, line and
// column. A problem without advice of its own gets advice read from its
// message (see hintFor).
func Findings(err error) []Finding {
	var out []Finding
	for _, e := range content.Errors(err) {
		f := Finding{Severity: Error, Message: e.Error()}
		var ce *content.Error
		if errors.As(e, &ce) {
			f.File, f.Line, f.Col, f.Message = ce.File, ce.Line, ce.Col, ce.Err.Error()
			if ce.Warn {
				f.Severity = Warning
			}
		}
		var fx *fixed
		if errors.As(e, &fx) {
			f.Hint = fx.hint
		} else {
			f.Hint = hintFor(f.File, f.Message)
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return out
}

package content

import (
	"errors"
	"fmt"
)

// Error is a problem at a place in a source file. Every package that reports
// a problem an educator can fix uses it, so all messages share the
// "file:line:col: message" shape that editors and terminals understand.
type Error struct {
	File string // path as the educator knows it, e.g. "content/skills/communication.md"
	Line int    // 1-based; 0 when the problem is with the whole file
	Col  int    // 1-based; 0 when unknown
	Err  error
	Warn bool // a warning: reported, but the site is still published
}

func (e *Error) Error() string {
	msg := e.Err.Error()
	if e.Warn {
		msg = "warning: " + msg
	}
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at file:line:col.
func Errorf(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}

// Errors flattens err (which may be an errors.Join tree) into its leaves, so
// callers can count, sort and print problems one per line.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Errors(e)...)
		}
		return out
	}
	return []error{err}
}

// Warnings splits err's leaves into warnings and errors.
func Warnings(err error) (warnings, errs []error) {
	for _, e := range Errors(err) {
		var ce *Error
		if errors.As(e, &ce) && ce.Warn {
			warnings = append(warnings, e)
		} else {
			errs = append(errs, e)
		}
	}
	return warnings, errs
}

// Warnf returns a warning at file:line:col.
func Warnf(file string, line, col int, format string, args ...any) *Error {
	e := Errorf(file, line, col, format, args...)
	e.Warn = true
	return e
}

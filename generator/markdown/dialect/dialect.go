// Package dialect is the handbook's Markdown: the goldmark extensions and
// parser options that every reader of a page's body uses. Conversion
// (package markdown), a page's title from its first "# Title" (package
// content) and the check command's look at links (package check) each
// parse with it, so a table, a footnote, a definition list, a heading's
// {#id} or the typographer's quotes are read the same way by all three: a
// setext "Title\n===" under a table row is a row everywhere, never a title
// in one place and text in another.
//
// The dialect is GitHub's (tables, task lists, strikethrough, autolinks,
// footnotes), plus definition lists, typographic quotes and dashes, and
// {#id} after a heading. Callouts, quizzes and the rest of the handbook's
// blocks are read from this syntax by package markdown's walker (a
// blockquote opening [!NOTE], a fence with info "quiz"), so they need no
// parser of their own; the text inside a quiz is read in a subset of the
// dialect, QuizOptions.
//
// It imports nothing of ours, so content, the first stage, can use it.
package dialect

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Options are the goldmark options that make the dialect: its extensions
// and parser options. A renderer adds its own options after these.
func Options() []goldmark.Option {
	return []goldmark.Option{
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(), // IDs are given by markdown's walker, as GitHub gives them
		),
	}
}

// QuizOptions are the goldmark options for the text inside a quiz block:
// GitHub's syntax and the typographer, as on the page, but not the
// page-level additions: no footnotes, whose numbers and IDs belong to the
// page, no definition lists, and no heading {#id}, as a quiz holds no
// headings.
func QuizOptions() []goldmark.Option {
	return []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
	}
}

// reader is the dialect's parser for those who only read, built once: it
// holds no state between parses, so it is safe for concurrent use, and
// building one per page would cost more than many a parse.
var reader = sync.OnceValue(func() parser.Parser {
	return goldmark.New(Options()...).Parser()
})

// Parse parses src, a page's body, as conversion parses it.
func Parse(src []byte) ast.Node {
	return reader().Parse(text.NewReader(src))
}

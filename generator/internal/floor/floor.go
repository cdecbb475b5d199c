// Package floor is the least work a static site generator could do with
// goldmark and chroma: convert each Markdown file to HTML, highlighting
// fenced code with CSS classes, and write it to its page's index.html. It
// checks nothing, has no templates and keeps no page in memory once it is
// written. Its time and memory are the floor the generator is measured
// against; see generator/bench.
package floor

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Build converts every .md file under content and writes it to out:
// a/b.md to out/a/b/index.html, and a/_index.md or a/index.md to
// out/a/index.html. Pages are converted in parallel, one worker for each
// of GOMAXPROCS. It returns the number of pages written.
func Build(content, out string) (int, error) {
	var files []string
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeRenderer(), 100))),
	)
	next := make(chan string)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			var buf bytes.Buffer
			for file := range next {
				if errs[i] == nil {
					errs[i] = page(md, &buf, content, file, out)
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return len(files), errors.Join(errs...)
}

// page converts one file, reusing buf for its HTML.
func page(md goldmark.Markdown, buf *bytes.Buffer, content, file, out string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(content, file)
	if err != nil {
		return err
	}
	dir := strings.TrimSuffix(rel, ".md")
	if base := filepath.Base(dir); base == "_index" || base == "index" {
		dir = filepath.Dir(dir)
	}
	dir = filepath.Join(out, dir)
	buf.Reset()
	if err := md.Convert(body(src), buf); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}

// body drops YAML front matter, unread: without this goldmark would
// render it as a rule and a paragraph.
func body(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if _, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
		return after
	}
	return src
}

// codeRenderer highlights fenced code with chroma, as Hugo does with
// markup.highlight.noClasses = false.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func newCodeRenderer() *codeRenderer {
	return &codeRenderer{formatter: chromahtml.New(chromahtml.WithClasses(true)), style: styles.Get("github")}
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
}

func (r *codeRenderer) fenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lexer := lexers.Get(string(n.Language(src)))
	if lexer == nil {
		lexer = lexers.Fallback
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, r.formatter.Format(w, r.style, it)
}

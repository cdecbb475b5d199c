// Command generator builds the Patient Pathway Coordinator Handbook from
// Markdown into a static site, and serves it with live reload while an
// educator edits.
//
// Usage:
//
//	go run ./generator init [FOLDER] [-today YYYY-MM-DD]
//	go run ./generator build [-content DIR] [-layouts DIR] [-out DIR] [-base-url URL]
//	go run ./generator serve [-content DIR] [-layouts DIR] [-out DIR] [-addr 127.0.0.1:1313] [-open]
//	go run ./generator check [-content DIR] [-layouts DIR] [-format text|json] [-strict] [-external] [-today YYYY-MM-DD]
//	go run ./generator new KIND "Title" [-content DIR] [-layouts DIR] [-today YYYY-MM-DD]
//	go run ./generator rename OLD.md NEW.md [-content DIR]
//	go run ./generator export scorm [-content DIR] [-layouts DIR] [-title T] [-identifier ID] [-mastery N] FILE.zip
//
// build reads content/ (Markdown pages) and layouts/ (templates and
// assets) and writes the site to public/. The layouts are built into the
// program (package ppchandbook/layouts); a layouts/ folder beside content/
// replaces them file by file, so a folder holding only content/ builds. It checks every page's front
// matter and every link and heading anchor, and prints every problem as
// file:line:col: message. It writes nothing unless the whole site is good:
// public/ is replaced in one step, so it always holds a complete site.
//
// Exit status is 0 on success, 1 when the content has errors and 2 when
// the command line is wrong.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"ppchandbook/generator/site"
)

// usageError marks a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: generator <command> [flags]

commands:
  init    start a new handbook: init [FOLDER]
  build   build the handbook into the output folder
  serve   build, serve on this computer and rebuild as you edit
  check   report problems without building: review dates, orphan pages,
          alt text, headings, titles, glossary terms (-external: web links)
  new     start a page from a template: new skill|scenario|qualification|page "Title"
  rename  move a page and mend every link to it: rename OLD.md NEW.md
  export  export scorm FILE.zip: the handbook as a SCORM 1.2 package for a
          learning system (ESR/Oracle Learning, Moodle, the Learning Hub)
  version print this program's version and build date

Run "generator <command> -h" for a command's flags.
`

func main() {
	log.SetFlags(0)
	log.SetPrefix("generator: ")
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(args[1:], stdout, stderr)
	case "serve":
		err = runServe(args[1:], stdout, stderr)
	case "check":
		err = runCheck(args[1:], stdout, stderr)
	case "new":
		err = runNew(args[1:], stdout, stderr)
	case "rename":
		err = runRename(args[1:], stdout, stderr)
	case "init":
		err = runInit(args[1:], stdout, stderr)
	case "export":
		err = runExport(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		err = runVersion(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "generator: %s\n", ue.msg)
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintf(stderr, "generator: %v\n", err)
	return 1
}

// errReported means the problems were already printed.
var errReported = errors.New("problems reported")

// commonFlags are the folders every command works on.
type commonFlags struct {
	content, layouts, out string
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.content, "content", "content", "folder of Markdown pages")
	fs.StringVar(&c.layouts, "layouts", "layouts", "folder of templates and assets, each replacing the built-in one of the same name")
	fs.StringVar(&c.out, "out", "public", "folder the site is written to (replaced as a whole)")
}

func (c *commonFlags) sources() site.Sources {
	return site.Sources{Content: c.content, Layouts: c.layouts}
}

// parseFlags parses a command's flags, reporting bad ones as usage errors.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return checkLayoutsFlag(fs)
}

// checkLayoutsFlag refuses a -layouts folder that was named but is not
// there. Without the flag, a missing layouts/ just means the built-in
// layouts; with it, the educator meant a folder, and a typo should not
// quietly give them the built-in look.
func checkLayoutsFlag(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "layouts" {
			return
		}
		dir := f.Value.String()
		if info, serr := os.Stat(dir); serr != nil || !info.IsDir() {
			err = usageError{fmt.Sprintf("-layouts %s: there is no such folder (leave out -layouts to use the built-in layouts)", dir)}
		}
	})
	return err
}

// plainErr is err without the operation and path that os adds, for
// messages that name the file themselves.
func plainErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// newFlagSet is a command's flags, whose -h prints usage (the command's
// own explanation) and then the flags with their defaults.
func newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

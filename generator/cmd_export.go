package main

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ppchandbook/generator/layout"
	"ppchandbook/generator/scorm"
	"ppchandbook/generator/site"
)

// runExport builds the handbook and writes it in a form another system
// takes. Today that is a SCORM 1.2 package for a learning management
// system: export scorm [flags] FILE.zip.
func runExport(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "scorm" {
		return usageError{"export: say what to export: export scorm [flags] FILE.zip"}
	}
	fs := flag.NewFlagSet("export scorm", flag.ContinueOnError)
	var c commonFlags
	fs.StringVar(&c.content, "content", "content", "folder of Markdown pages")
	fs.StringVar(&c.layouts, "layouts", "layouts", "folder of templates and assets, each replacing the built-in one of the same name")
	opt := scorm.Options{}
	fs.StringVar(&opt.Title, "title", siteTitle, "title the learning system shows for the package")
	fs.StringVar(&opt.Identifier, "identifier", "ppc-handbook", "the package's identifier: keep it the same for every new version of the package")
	fs.IntVar(&opt.Mastery, "mastery", 0, "score out of 100 in the knowledge checks that passes (0: none, the package is completed once every page is read)")
	fs.SetOutput(stderr)
	if err := fs.Parse(args[1:]); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	if err := checkLayoutsFlag(fs); err != nil {
		return err
	}
	if fs.NArg() != 1 || !strings.HasSuffix(strings.ToLower(fs.Arg(0)), ".zip") {
		return usageError{"export scorm: give one file to write, ending in .zip, after the flags: export scorm -mastery 80 handbook.zip"}
	}
	if err := opt.Validate(); err != nil {
		return usageError{"export scorm: " + strings.ReplaceAll(err.Error(), "\n", "; ")}
	}
	file := fs.Arg(0)
	m := site.NewMemory()
	s, err := site.Build(context.Background(), c.sources(), site.Options{Site: layout.Site{Title: siteTitle}}, m)
	if err != nil {
		report(stderr, err)
		fmt.Fprintf(stderr, "Nothing was written: %s is unchanged.\n", file)
		return errReported
	}
	report(stderr, joinErrs(s.Warnings))
	var b bytes.Buffer
	if err := scorm.Write(&b, m.Files(), opt); err != nil {
		return fmt.Errorf("making the SCORM package: %w", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err == nil {
		err = scorm.Check(zr)
	}
	if err != nil {
		return fmt.Errorf("the SCORM package came out wrong, which is a bug in the generator: %w", err)
	}
	if err := writeAtomic(file, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: a SCORM 1.2 package of %d pages, %d KB. Upload it to your learning system as a SCORM package.\n",
		file, s.Pages, (b.Len()+1023)/1024)
	return nil
}

// writeAtomic writes data to a file beside name and renames it into
// place, so an upload never picks up half a package.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

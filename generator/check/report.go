package check

import (
	"encoding/json"
	"fmt"
	"io"
)

// Count returns how many findings are errors and how many warnings.
func Count(findings []Finding) (errs, warnings int) {
	for _, f := range findings {
		if f.Severity == Error {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// Text prints findings, sorted as Findings sorts them, grouped under a
// header line per file; each is followed by its advice on an indented
// "fix:" line. A summary line ends the report, even when it is empty.
func Text(w io.Writer, findings []Finding) error {
	files := 0
	for i, f := range findings {
		if i == 0 || f.File != findings[i-1].File {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if f.File != "" {
				files++
				e, warn := Count(group(findings[i:]))
				fmt.Fprintf(w, "%s (%s)\n", f.File, tally(e, warn))
			}
		}
		fmt.Fprintf(w, "%s\n  fix: %s\n", f, f.Hint)
	}
	if len(findings) > 0 {
		fmt.Fprintln(w)
	}
	e, warn := Count(findings)
	_, err := fmt.Fprintf(w, "%s in %s\n", summary(e, warn), amount(files, "file", "files"))
	return err
}

// group is the leading run of findings about the same file.
func group(findings []Finding) []Finding {
	n := 1
	for n < len(findings) && findings[n].File == findings[0].File {
		n++
	}
	return findings[:n]
}

// summary writes "1 error, 2 warnings".
func summary(errs, warnings int) string {
	return amount(errs, "error", "errors") + ", " + amount(warnings, "warning", "warnings")
}

// tally is summary for a file header, where a zero says nothing.
func tally(errs, warnings int) string {
	switch {
	case errs == 0:
		return amount(warnings, "warning", "warnings")
	case warnings == 0:
		return amount(errs, "error", "errors")
	}
	return summary(errs, warnings)
}

func amount(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// JSON prints findings as a JSON array of objects with the keys file,
// line, col, severity, message and hint, for editors and scripts.
func JSON(w io.Writer, findings []Finding) error {
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(findings)
}

package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Check refuses output folders whose replacement would destroy sources:
// any of the keep folders (the content and layouts), a folder holding
// them, the repository root, the file system's root or the home folder.
// An output folder that is a link is checked for where it leads too, as
// that is what gets replaced.
func Check(out string, keep ...string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("the output folder %q is not a usable path: %v", out, err)
	}
	real, err := followLinks(abs)
	if err != nil {
		return fmt.Errorf("the output folder %s: %v", out, err)
	}
	outs := []string{abs, real}
	if resolved, err := filepath.EvalSymlinks(real); err == nil {
		outs = append(outs, resolved)
	}
	for _, abs := range outs {
		if err := checkPath(out, abs, keep); err != nil {
			return err
		}
	}
	return nil
}

func checkPath(out, abs string, keep []string) error {
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to write the site to %q: it is the root of the file system", out)
	}
	if home, err := os.UserHomeDir(); err == nil && abs == home {
		return fmt.Errorf("refusing to write the site to %q: it is your home folder", out)
	}
	for _, keep := range keep {
		k, err := filepath.Abs(keep)
		if err != nil {
			continue
		}
		ks := []string{k}
		if real, err := filepath.EvalSymlinks(k); err == nil {
			ks = append(ks, real)
		}
		for _, k := range ks {
			if k == abs || strings.HasPrefix(k, abs+string(filepath.Separator)) {
				return fmt.Errorf("refusing to write the site to %q: it would replace %q; choose another -out folder", out, keep)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(abs, "go.mod")); err == nil {
		return fmt.Errorf("refusing to write the site to %q: it holds go.mod, so it looks like the project folder", out)
	}
	return nil
}

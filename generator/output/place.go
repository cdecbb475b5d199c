package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// place is where a site for an output folder is built. Normally the new
// site is staged beside the output folder and renamed into place. Two
// kinds of output folder need more: a link (a web server's docroot
// elsewhere) is followed, so the link stays and what it leads to gets the
// site; and a mount point (a Docker volume, a mounted share) cannot be
// renamed at all, so the site is staged inside it and moved in entry by
// entry.
type place struct {
	out   string // the folder that gets the site: -out, made absolute, with links followed
	dir   string // the folder holding the staging folder and the lock: out's parent, or out for a mount point
	base  string // out's name, which the staging folder's and the lock's names start with
	mount bool   // out is a mount point
}

// locate says where a site for out is built.
func locate(out string) (place, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return place{}, fmt.Errorf("the output folder %q is not a usable path: %v", out, err)
	}
	real, err := followLinks(abs)
	if err != nil {
		return place{}, fmt.Errorf("the output folder %s: %v", out, err)
	}
	p := place{out: real, dir: filepath.Dir(real), base: filepath.Base(real)}
	if isMountPoint(real) {
		p.mount = true
		p.dir = real
	}
	return p, nil
}

// followLinks returns where p leads if it is a link, even to something
// that does not exist yet (a first build), and p itself otherwise.
// Links in the folders above p need no help: the system follows those.
func followLinks(p string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			dir := filepath.Dir(p)
			// A target with .. means the parent of where the link's
			// folder really is, not of how p spells it.
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				dir = real
			}
			target = filepath.Join(dir, target)
		}
		p = filepath.Clean(target)
	}
	return "", fmt.Errorf("it is a link that leads round in a circle; point it at a folder")
}

// lock takes the lock that keeps two builds (or a build and serve's
// rebuilds) from writing the same folder at once. out is the folder as
// the user named it, for the message.
func (p place) lock(out string) (unlock func(), err error) {
	unlock, err = lockFile(filepath.Join(p.dir, "."+p.base+".lock"))
	if err == errLocked {
		shown := filepath.Clean(out)
		if !strings.HasSuffix(shown, string(filepath.Separator)) {
			shown += string(filepath.Separator)
		}
		return nil, fmt.Errorf("another build is writing %s (a build or serve in another window?); "+
			"wait for it to finish, or stop it, then try again", shown)
	}
	if err != nil {
		return nil, fmt.Errorf("writing the site beside %s: %v", out, plainErr(err))
	}
	return unlock, nil
}

// Lock takes the lock on out for writing to it other than through
// Stage, as a preview does when it replaces only the files that changed.
func Lock(out string) (unlock func(), err error) {
	p, err := locate(out)
	if err != nil {
		return nil, err
	}
	return p.lock(out)
}

//go:build unix

package layout

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used, so a
// benchmark on a busy machine reports its own work, not its waiting.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// peakRSS is the child's peak resident memory in bytes; Linux reports
// Maxrss in kilobytes.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

// busyCPU is the CPU time every process on the machine has used since
// boot, from the first line of /proc/stat, or -1 if it cannot be read.
func busyCPU() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return -1
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return -1
	}
	// user nice system idle iowait irq softirq [steal ...], in USER_HZ
	// ticks, which are 1/100 s on every Linux the bench is run on.
	var ticks int64
	for i, s := range f[1:] {
		if i == 3 || i == 4 { // idle and iowait are not busy
			continue
		}
		if i >= 8 { // guest time is already counted in user
			break
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return -1
		}
		ticks += v
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}

// startRaised starts cmd at nice -15, so that other work on a shared
// machine takes less of its CPU time. It needs root.
//
// Two settings are raised. With autogroups (the Linux default), the
// scheduler first shares the CPUs between sessions, so cmd gets a session
// of its own and that session's autogroup is raised. Without them, the
// nice value of each thread counts; Linux keeps it per thread and a child
// inherits it from the thread that forks it, so cmd is started from a
// thread raised for the purpose, which then ends with its goroutine (a
// goroutine that exits locked takes its thread with it).
func startRaised(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	done := make(chan error)
	go func() {
		runtime.LockOSThread()
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, 0, -15); err != nil {
			done <- fmt.Errorf("-priority needs root: %v", err)
			return
		}
		done <- cmd.Start()
	}()
	if err := <-done; err != nil {
		return err
	}
	err := os.WriteFile(fmt.Sprintf("/proc/%d/autogroup", cmd.Process.Pid), []byte("-15"), 0)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("-priority: raising the session's priority: %v", err)
	}
	return nil
}

// quietDisk writes out everything the kernel holds for the disk, so the
// next run does not pay for the last one's writes: a tool that follows
// one writing a 10,000-page site would otherwise share the disk with its
// writeback.
func quietDisk() { syscall.Sync() }

// loadAverage is the machine's load over the last 1, 5 and 15 minutes, as
// /proc/loadavg gives it, or "" when it cannot be read.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if err != nil || len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}

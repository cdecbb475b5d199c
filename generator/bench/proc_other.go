//go:build !linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"time"
)

// peakRSS is unknown here: Maxrss has a different unit on each system.
func peakRSS(*os.ProcessState) int64 { return 0 }

// busyCPU is unknown here, so no noise is reported.
func busyCPU() time.Duration { return -1 }

func startRaised(*exec.Cmd) error {
	return errors.New("-priority works on Linux only")
}

// quietDisk does nothing here.
func quietDisk() {}

// loadAverage is unknown here.
func loadAverage() string { return "" }

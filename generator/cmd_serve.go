package main

import (
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	return usageError{"serve is not ready yet"}
}

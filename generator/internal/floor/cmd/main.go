// Command floor is the floor program of generator/bench: it converts
// every Markdown file under -content with goldmark and chroma and writes
// each to its index.html under -out, and does nothing else.
//
// Usage:
//
//	go run ./generator/internal/floor/cmd -content DIR -out DIR
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"ppchandbook/generator/internal/floor"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("floor: ")
	content := flag.String("content", "content", "folder of Markdown pages")
	out := flag.String("out", "public", "folder the pages are written to")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := floor.Build(*content, *out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Wrote %d pages into %s\n", n, *out)
}

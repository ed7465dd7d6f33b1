package main

import "os"

// main hands the command line and the process's streams to run and turns
// its result into the exit status.
func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

package main

import (
	"context"
	"fmt"
	"strings"
)

// cmdShow prints one report: the extracted JSON (default), the cleaned text
// or the raw bytes as fetched, of its latest or a given version.
func cmdShow(c *cli, ctx context.Context, args []string) error {
	var (
		cf                 commonFlags
		asJSON, clean, raw bool
		version            string
	)
	fs := c.newFlags("show", "show ID [--json|--clean|--raw] [--version V]", &cf)
	fs.BoolVar(&asJSON, "json", false, "print the extracted report as JSON (the default)")
	fs.BoolVar(&clean, "clean", false, "print the cleaned text")
	fs.BoolVar(&raw, "raw", false, "print the raw bytes as fetched")
	fs.StringVar(&version, "version", "", "show version `V` (see history) instead of the latest")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError(fs, "want exactly one report ID")
	}
	if n := countTrue(asJSON, clean, raw); n > 1 {
		return usageError(fs, "--json, --clean and --raw exclude each other")
	}
	rd, err := c.openReader(cf)
	if err != nil {
		return err
	}
	defer rd.Close()
	id := pos[0]
	switch {
	case clean:
		text, err := rd.cleanText(ctx, id, version)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.stdout, strings.TrimRight(text, "\n"))
		return err
	case raw:
		body, err := rd.raw(ctx, id, version)
		if err != nil {
			return err
		}
		_, err = c.stdout.Write(body)
		return err
	default:
		rep, err := rd.report(ctx, id, version)
		if err != nil {
			return err
		}
		return writeJSONTo(c.stdout, rep)
	}
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

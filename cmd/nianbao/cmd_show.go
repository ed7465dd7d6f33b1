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
	a, err := c.openArchive(cf)
	if err != nil {
		return err
	}
	defer a.Close()
	id := pos[0]
	switch {
	case clean:
		text, err := a.ex.cleanText(ctx, id, version)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.stdout, strings.TrimRight(text, "\n"))
		return err
	case raw:
		v, _, err := a.ex.version(ctx, id, version)
		if err != nil {
			return err
		}
		body, err := a.store.Body(ctx, v.SHA256)
		if err != nil {
			return err
		}
		_, err = c.stdout.Write(body)
		return err
	default:
		rep, err := a.ex.report(ctx, id, version)
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

package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
)

// showOptions are the flags of `nianbao show`.
type showOptions struct {
	commonFlags
	json, clean, raw bool   // what to print; at most one
	version          string // --version: "" → the latest
}

// cmdShow parses `nianbao show`'s flags and runs it on the report id
// given.
func cmdShow(c *cli, ctx context.Context, args []string) error {
	var o showOptions
	fs := c.newFlags("show", "show ID [--json|--clean|--raw] [--version V]", &o.commonFlags)
	fs.BoolVar(&o.json, "json", false, "print the extracted report as JSON (the default)")
	fs.BoolVar(&o.clean, "clean", false, "print the cleaned text")
	fs.BoolVar(&o.raw, "raw", false, "print the raw bytes as fetched")
	fs.StringVar(&o.version, "version", "", "show version `V` (see history) instead of the latest")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError(fs, "want exactly one report ID")
	}
	if n := countTrue(o.json, o.clean, o.raw); n > 1 {
		return usageError(fs, "--json, --clean and --raw exclude each other")
	}
	return runShow(c, ctx, o, pos[0])
}

// runShow prints report id: the extracted JSON (default), the cleaned text
// or the raw bytes as fetched, of its latest or a given version.
func runShow(c *cli, ctx context.Context, o showOptions, id string) error {
	rd, err := c.openReader(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer rd.Close()
	version := o.version
	switch {
	case o.clean:
		text, err := rd.cleanText(ctx, id, version)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.stdout, strings.TrimRight(text, "\n"))
		return err
	case o.raw:
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
		return httpx.EncodeJSON(c.stdout, rep)
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

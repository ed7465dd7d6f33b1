package main

import (
	"context"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
)

// historyOptions are the flags of `nianbao history`.
type historyOptions struct {
	commonFlags
	format string // --format: table or json
}

// cmdHistory parses `nianbao history`'s flags and runs it on the URL
// given.
func cmdHistory(c *cli, ctx context.Context, args []string) error {
	var o historyOptions
	fs := c.newFlags("history", "history URL [--format table|json]", &o.commonFlags)
	fs.StringVar(&o.format, "format", "table", "output: table or json")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError(fs, "want exactly one URL")
	}
	if !oneOf(o.format, "table", "json") {
		return usageError(fs, "--format %q: want table or json", o.format)
	}
	return runHistory(c, ctx, o, pos[0])
}

// runHistory lists every archived version of url, oldest first.
func runHistory(c *cli, ctx context.Context, o historyOptions, url string) error {
	rd, err := c.openReader(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer rd.Close()
	vs, err := rd.history(ctx, url)
	if err != nil {
		return err
	}
	if o.format == "json" {
		return httpx.EncodeJSON(c.stdout, vs)
	}
	t := &table{header: []string{"VERSION", "FETCHED_AT", "STATUS", "OUTCOME", "CHANGED", "SIZE", "SHA256", "REASON"}}
	for _, v := range vs {
		t.add(v.Version, v.FetchedAt.Format(timeLayout), v.Status, v.Outcome, yesNo(v.Changed()), v.Size, short(v.SHA256), v.Reason)
	}
	return t.writeText(c.stdout)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// short abbreviates a SHA-256 for tables; history --format json has it whole.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

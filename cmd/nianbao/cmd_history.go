package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

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
	fs := c.newFlags("history", "history URL|REPORT_ID [--format table|json]", &o.commonFlags)
	fs.StringVar(&o.format, "format", "table", "output: table or json")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError(fs, "want exactly one URL or report id")
	}
	if !oneOf(o.format, "table", "json") {
		return usageError(fs, "--format %q: want table or json", o.format)
	}
	return runHistory(c, ctx, o, pos[0])
}

// runHistory lists every archived version of url, oldest first. Given a
// report id (or a unique prefix of one) instead, it lists the versions of
// that report's URL, which the table names first.
func runHistory(c *cli, ctx context.Context, o historyOptions, url string) error {
	rd, err := c.openReader(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer rd.Close()
	var ofReport string
	if looksLikeReportID(url) {
		u, err := reportURL(ctx, rd, url)
		if err != nil {
			return err
		}
		ofReport, url = url, u
	}
	vs, err := rd.history(ctx, url)
	if err != nil {
		return err
	}
	if o.format == "json" {
		return httpx.EncodeJSON(c.stdout, vs)
	}
	if ofReport != "" {
		fmt.Fprintf(c.stdout, "report %s: %s\n\n", ofReport, url)
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

// looksLikeReportID tells a report id or a prefix of one (1 to 16 hex
// digits) from a URL.
func looksLikeReportID(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	_, err := strconv.ParseUint(s, 16, 64)
	return err == nil
}

// reportURL returns the URL of report id (or unique prefix), from its
// latest extraction's source.
func reportURL(ctx context.Context, rd reader, id string) (string, error) {
	data, err := rd.report(ctx, id, "")
	if err != nil {
		return "", err
	}
	var rep struct {
		Source struct {
			URL string `json:"url"`
		} `json:"source"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || rep.Source.URL == "" {
		return "", fmt.Errorf("report %s names no URL", id)
	}
	return rep.Source.URL, nil
}

package main

import (
	"context"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
)

// eventsOptions are the flags of `nianbao events`.
type eventsOptions struct {
	commonFlags
	since, kind, agency string
	format              string // table or json
}

// cmdEvents parses `nianbao events`'s flags and runs it.
func cmdEvents(c *cli, ctx context.Context, args []string) error {
	var o eventsOptions
	fs := c.newFlags("events", "events [--since T] [--kind K] [--agency A] [--format table|json]", &o.commonFlags)
	fs.StringVar(&o.since, "since", "", "only events at or after `T` (2026-02-01, China time, or RFC 3339)")
	fs.StringVar(&o.kind, "kind", "", "only events of kind `K`: report_new, report_changed, report_withdrawn, report_restored, report_late, report_missing, portal_broken")
	fs.StringVar(&o.agency, "agency", "", "agency `TEXT` to match, in either script, substrings too")
	fs.StringVar(&o.format, "format", "table", "output: table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(o.format, "table", "json") {
		return usageError(fs, "--format %q: want table or json", o.format)
	}
	var f watch.Filter
	var err error
	if o.since != "" {
		if f.Since, err = watch.ParseSince(o.since); err != nil {
			return usageError(fs, "--since: %s", strings.TrimPrefix(err.Error(), "watch: "))
		}
	}
	if f.Kind, err = watch.ParseKind(o.kind); err != nil {
		return usageError(fs, "--kind: %s", strings.TrimPrefix(err.Error(), "watch: "))
	}
	f.Agency = strings.TrimSpace(o.agency)
	return runEvents(c, ctx, o, f)
}

// runEvents lists the events f selects, oldest first.
func runEvents(c *cli, ctx context.Context, o eventsOptions, f watch.Filter) error {
	src, err := c.openWatch(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer src.Close()
	evs, err := src.events(ctx, f)
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []watch.Event{}
	}
	if o.format == "json" {
		return httpx.EncodeJSON(c.stdout, evs)
	}
	t := &table{header: []string{"TIME", "KIND", "AGENCY", "YEAR", "REPORT", "VERSIONS", "SUMMARY"}}
	for _, e := range evs {
		t.add(e.Time.Format(timeLayout), e.Kind, e.Agency, e.Year, e.ReportID, strings.Join(e.Versions, ","), e.Summary())
	}
	return t.writeText(c.stdout)
}

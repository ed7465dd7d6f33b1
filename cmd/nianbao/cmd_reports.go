package main

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/store"
)

// reportsOptions are the flags of `nianbao reports`.
type reportsOptions struct {
	commonFlags
	agency string // --agency: either script, substrings
	year   string // --year, as typed
	status string // --status: live, gone or failing
	format string // --format: table, json or csv
}

// cmdReports parses `nianbao reports`'s flags and runs it.
func cmdReports(c *cli, ctx context.Context, args []string) error {
	var o reportsOptions
	fs := c.newFlags("reports", "reports [--agency TEXT] [--year N] [--status live|gone|failing] [--format table|json|csv]", &o.commonFlags)
	fs.StringVar(&o.agency, "agency", "", "agency `TEXT` to match, in either script (宿遷 finds 宿迁), substrings too")
	fs.StringVar(&o.year, "year", "", "report year `N`")
	fs.StringVar(&o.status, "status", "", "only reports whose page is `STATUS`: live, gone (withdrawn) or failing (its latest fetch failed)")
	fs.StringVar(&o.format, "format", "table", "output: table, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := api.ParseStatus(o.status); err != nil {
		return usageError(fs, "--status %q: want live, gone or failing", o.status)
	}
	if !oneOf(o.format, "table", "json", "csv") {
		return usageError(fs, "--format %q: want table, json or csv", o.format)
	}
	return runReports(c, ctx, o)
}

// runReports lists archived reports, filtered by agency (either script,
// substrings), year and status.
func runReports(c *cli, ctx context.Context, o reportsOptions) error {
	year, err := httpx.ParseYear("--year", o.year)
	if err != nil {
		return err
	}
	rd, err := c.openReader(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer rd.Close()
	status, _ := api.ParseStatus(o.status) // checked by cmdReports
	out, err := rd.reports(ctx, store.ReportQuery{Agency: strings.TrimSpace(o.agency), Year: year, Status: status})
	if err != nil {
		return err
	}
	if out == nil {
		out = []api.ReportSummary{} // JSON [] rather than null
	}
	switch o.format {
	case "json":
		return httpx.EncodeJSON(c.stdout, out)
	case "csv":
		t := &table{header: []string{"id", "agency", "region", "year", "title", "url", "published", "template", "first_seen", "last_seen", "versions", "status", "status_since"}}
		for _, r := range out {
			t.add(r.ID, r.Agency, r.Region, r.Year, r.Title, r.URL, r.Published, r.Template,
				r.FirstSeen.Format(timeLayout), r.LastSeen.Format(timeLayout), r.Versions, r.Status, sinceText(r.StatusSince, timeLayout))
		}
		return t.writeCSV(c.stdout)
	default:
		t := &table{header: []string{"ID", "AGENCY", "YEAR", "TEMPLATE", "VERSIONS", "LAST_SEEN", "STATUS", "TITLE"}}
		for _, r := range out {
			status := r.Status
			if r.StatusSince != nil {
				status += " since " + r.StatusSince.Format("2006-01-02")
			}
			t.add(r.ID, r.Agency, r.Year, r.Template, r.Versions, r.LastSeen.Format("2006-01-02"), status, r.Title)
		}
		return t.writeText(c.stdout)
	}
}

// timeLayout is how times appear in tables and CSV.
const timeLayout = "2006-01-02T15:04:05Z07:00"

// sinceText formats a status's start, "" when there is none.
func sinceText(t *time.Time, layout string) string {
	if t == nil {
		return ""
	}
	return t.Format(layout)
}

func oneOf(s string, choices ...string) bool { return slices.Contains(choices, s) }

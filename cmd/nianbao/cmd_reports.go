package main

import (
	"context"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
)

// reportsOptions are the flags of `nianbao reports`.
type reportsOptions struct {
	commonFlags
	agency string // --agency: either script, substrings
	year   string // --year, as typed
	format string // --format: table, json or csv
}

// cmdReports parses `nianbao reports`'s flags and runs it.
func cmdReports(c *cli, ctx context.Context, args []string) error {
	var o reportsOptions
	fs := c.newFlags("reports", "reports [--agency TEXT] [--year N] [--format table|json|csv]", &o.commonFlags)
	fs.StringVar(&o.agency, "agency", "", "agency `TEXT` to match, in either script (宿遷 finds 宿迁), substrings too")
	fs.StringVar(&o.year, "year", "", "report year `N`")
	fs.StringVar(&o.format, "format", "table", "output: table, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(o.format, "table", "json", "csv") {
		return usageError(fs, "--format %q: want table, json or csv", o.format)
	}
	return runReports(c, ctx, o)
}

// runReports lists archived reports, filtered by agency (either script,
// substrings) and year.
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
	out, err := rd.reports(ctx, strings.TrimSpace(o.agency), year)
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
		t := &table{header: []string{"id", "agency", "region", "year", "title", "url", "published", "template", "first_seen", "last_seen", "versions"}}
		for _, r := range out {
			t.add(r.ID, r.Agency, r.Region, r.Year, r.Title, r.URL, r.Published, r.Template,
				r.FirstSeen.Format(timeLayout), r.LastSeen.Format(timeLayout), r.Versions)
		}
		return t.writeCSV(c.stdout)
	default:
		t := &table{header: []string{"ID", "AGENCY", "YEAR", "TEMPLATE", "VERSIONS", "LAST_SEEN", "TITLE"}}
		for _, r := range out {
			t.add(r.ID, r.Agency, r.Year, r.Template, r.Versions, r.LastSeen.Format("2006-01-02"), r.Title)
		}
		return t.writeText(c.stdout)
	}
}

// timeLayout is how times appear in tables and CSV.
const timeLayout = "2006-01-02T15:04:05Z07:00"

func oneOf(s string, choices ...string) bool { return slices.Contains(choices, s) }

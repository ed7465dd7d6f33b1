package main

import (
	"context"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/store"
)

// cmdReports lists archived reports, filtered by agency (either script,
// substrings) and year.
func cmdReports(c *cli, ctx context.Context, args []string) error {
	var (
		cf      commonFlags
		agency  string
		yearArg string
		format  string
	)
	fs := c.newFlags("reports", "reports [--agency TEXT] [--year N] [--format table|json|csv]", &cf)
	fs.StringVar(&agency, "agency", "", "agency `TEXT` to match, in either script (宿遷 finds 宿迁), substrings too")
	fs.StringVar(&yearArg, "year", "", "report year `N`")
	fs.StringVar(&format, "format", "table", "output: table, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(format, "table", "json", "csv") {
		return usageError(fs, "--format %q: want table, json or csv", format)
	}
	year, err := parseYear("--year", yearArg)
	if err != nil {
		return err
	}
	a, err := c.openArchive(cf)
	if err != nil {
		return err
	}
	defer a.Close()
	reports, err := allReports(ctx, a, store.ReportQuery{Agency: strings.TrimSpace(agency), Year: year})
	if err != nil {
		return err
	}
	out := make([]reportSummary, 0, len(reports))
	for _, r := range reports {
		out = append(out, summarize(r))
	}
	if format == "json" {
		return writeJSONTo(c.stdout, out)
	}
	t := &table{header: []string{"ID", "AGENCY", "YEAR", "TEMPLATE", "VERSIONS", "LAST_SEEN", "TITLE"}}
	if format == "csv" {
		t.header = []string{"id", "agency", "region", "year", "title", "url", "published", "template", "first_seen", "last_seen", "versions"}
	}
	for _, r := range out {
		if format == "csv" {
			t.add(r.ID, r.Agency, r.Region, r.Year, r.Title, r.URL, r.Published, r.Template,
				r.FirstSeen.Format(timeLayout), r.LastSeen.Format(timeLayout), r.Versions)
			continue
		}
		t.add(r.ID, r.Agency, r.Year, r.Template, r.Versions, r.LastSeen.Format("2006-01-02"), r.Title)
	}
	if format == "csv" {
		return t.writeCSV(c.stdout)
	}
	return t.writeText(c.stdout)
}

// timeLayout is how times appear in tables and CSV.
const timeLayout = "2006-01-02T15:04:05Z07:00"

// allReports pages through the report index to the end.
func allReports(ctx context.Context, a *archive, q store.ReportQuery) ([]store.Report, error) {
	q.Normalize = a.ex.x.Simplify
	q.Limit = maxLimit
	var all []store.Report
	for {
		rs, next, err := a.store.Reports(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, rs...)
		if next == "" {
			return all, nil
		}
		q.Cursor = next
	}
}

func oneOf(s string, choices ...string) bool { return slices.Contains(choices, s) }

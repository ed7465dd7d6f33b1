package main

import (
	"context"
	"slices"
	"strings"
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
	rd, err := c.openReader(cf)
	if err != nil {
		return err
	}
	defer rd.Close()
	out, err := rd.reports(ctx, strings.TrimSpace(agency), year)
	if err != nil {
		return err
	}
	if out == nil {
		out = []reportSummary{} // JSON [] rather than null
	}
	switch format {
	case "json":
		return writeJSONTo(c.stdout, out)
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

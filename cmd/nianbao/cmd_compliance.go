package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
)

// complianceOptions are the flags of `nianbao compliance`.
type complianceOptions struct {
	commonFlags
	year, region string
	format       string // table, json or csv
}

// cmdCompliance parses `nianbao compliance`'s flags and runs it.
func cmdCompliance(c *cli, ctx context.Context, args []string) error {
	var o complianceOptions
	fs := c.newFlags("compliance", "compliance --year Y [--region R] [--format table|json|csv]", &o.commonFlags)
	fs.StringVar(&o.year, "year", "", "report year `Y` (required)")
	fs.StringVar(&o.region, "region", "", "only portals whose region contains `R`")
	fs.StringVar(&o.format, "format", "table", "output: table, json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(o.format, "table", "json", "csv") {
		return usageError(fs, "--format %q: want table, json or csv", o.format)
	}
	year, err := strconv.Atoi(strings.TrimSpace(o.year))
	if err != nil || year < 2000 || year > 9999 {
		return usageError(fs, "--year %q: give the report year, e.g. --year 2024", o.year)
	}
	return runCompliance(c, ctx, o, year)
}

// runCompliance prints every configured agency's standing for year.
func runCompliance(c *cli, ctx context.Context, o complianceOptions, year int) error {
	src, err := c.openWatch(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer src.Close()
	cv, err := src.compliance(ctx, year, strings.TrimSpace(o.region))
	if err != nil {
		return err
	}
	switch o.format {
	case "json":
		return httpx.EncodeJSON(c.stdout, cv)
	case "csv":
		t := &table{header: []string{"agency", "region", "level", "portal", "year", "deadline", "rule", "status", "days_late", "dated", "dated_by", "report_id", "title"}}
		for _, r := range cv.Rows {
			t.add(r.Agency, r.Region, r.Level, r.Portal, r.Year, r.Deadline, r.Rule, r.Status, r.DaysLate, r.Dated, r.DatedBy, r.ReportID, r.Title)
		}
		return t.writeCSV(c.stdout)
	}
	t := &table{header: []string{"AGENCY", "REGION", "LEVEL", "DEADLINE", "STATUS", "DAYS_LATE", "DATED", "REPORT"}}
	for _, r := range cv.Rows {
		late := ""
		if r.DaysLate > 0 {
			late = strconv.Itoa(r.DaysLate)
		}
		t.add(r.Agency, r.Region, r.Level, r.Deadline, r.Status, late, r.Dated, r.ReportID)
	}
	if err := t.writeText(c.stdout); err != nil {
		return err
	}
	s := &table{header: []string{"", "ON_TIME", "LATE", "MISSING", "WITHDRAWN", "NOT_DUE", "TOTAL"}}
	s.add("total", cv.Total.OnTime, cv.Total.Late, cv.Total.Missing, cv.Total.Withdrawn, cv.Total.NotDue, cv.Total.Total)
	for _, k := range cv.ByLevel {
		s.add("level "+orNone(k.Key), k.OnTime, k.Late, k.Missing, k.Withdrawn, k.NotDue, k.Total)
	}
	for _, k := range cv.ByRegion {
		s.add("region "+orNone(k.Key), k.OnTime, k.Late, k.Missing, k.Withdrawn, k.NotDue, k.Total)
	}
	if _, err := c.stdout.Write([]byte("\n")); err != nil {
		return err
	}
	return s.writeText(c.stdout)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

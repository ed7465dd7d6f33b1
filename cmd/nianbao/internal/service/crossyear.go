package service

import (
	"context"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// CrossYear compares cur, the extraction of report rec, with the latest
// content of the same agency's report for the year before, when the
// archive holds it: X1 (extract.CarryOver), X2 (extract.InForce) and X3
// (extract.YearOnYear). It returns the checks and that report's id; no
// checks and "" when the archive holds no such report. A report of that
// year that cannot be read is logged and skipped: the cross-year checks
// are extras, never a reason to fail the report.
func (s *Service) CrossYear(ctx context.Context, rec store.Report, cur *extract.Report) ([]extract.Check, string) {
	prev, prevID := s.previousYear(ctx, rec)
	if prev == nil {
		return nil, ""
	}
	checks := []extract.Check{extract.CarryOver(prev, cur)}
	checks = append(checks, extract.InForce(prev, cur)...)
	checks = append(checks, extract.YearOnYear(prev, cur)...)
	return checks, prevID
}

// previousYear is the extraction of the same agency's report for the
// year before rec's, and its id; nil when the archive holds none.
func (s *Service) previousYear(ctx context.Context, rec store.Report) (*extract.Report, string) {
	if rec.Year <= 1 || rec.Agency == "" {
		return nil, ""
	}
	prev, _, err := s.Reports(ctx, store.ReportQuery{Agency: rec.Agency, Year: rec.Year - 1, Limit: 20})
	if err != nil {
		s.log.Warn("cross-year checks", "report", rec.ID, "error", err)
		return nil, ""
	}
	for _, p := range prev {
		if p.Agency != rec.Agency { // the query matches substrings
			continue
		}
		vs, err := s.ReportVersions(ctx, p.ID)
		if err != nil || len(vs) == 0 {
			continue
		}
		rep, err := s.Extraction(ctx, p, vs[len(vs)-1])
		if err != nil {
			s.log.Warn("cross-year checks", "report", p.ID, "error", err)
			continue
		}
		if rep.IsReport {
			return rep, p.ID
		}
	}
	return nil, ""
}

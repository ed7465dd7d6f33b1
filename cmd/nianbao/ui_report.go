package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// reportPage is the data of report.html.
type reportPage struct {
	Rep      *extract.Report
	Record   store.Report    // the index entry: first/last seen, URL
	Version  store.Version   // the version shown
	Versions []store.Version // the report's content versions, oldest first
	Tables   []tableView     // 二, 三, 四
	Checks   []checkView
	Counts   map[string]int // checks by status
	PrevYear string         // report view of last year's report, when X1 compared with it
	TextURL  string         // cleaned text (API)
	RawURL   string         // the bytes as fetched (API, sandboxed)
}

// report serves GET /reports/{id}?version=: the extracted report as the
// cached extraction has it (as GET /api/v1/reports/{id} serves it), with
// its tables, checks, facts and a version picker. When the archive holds
// the same agency's report for the year before, X1 (carry-over) is added
// to the checks.
func (u *webUI) report(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rec, err := u.reportRecord(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	versions, err := u.a.store.ReportVersions(ctx, rec.ID)
	if err != nil {
		return err
	}
	var v store.Version
	switch vid := r.URL.Query().Get("version"); {
	case vid != "":
		if v, err = u.a.ex.pick(ctx, rec, vid); err != nil {
			return err
		}
	case len(versions) == 0:
		return fmt.Errorf("%w: report %s has no archived content", errNotFound, rec.ID)
	default:
		v = versions[len(versions)-1]
	}
	rep, err := u.a.ex.extraction(ctx, rec, v)
	if err != nil {
		return err
	}
	setSource(rep, rec.ID, v)
	p := reportPage{
		Rep: rep, Record: rec, Version: v, Versions: versions, Counts: map[string]int{},
		TextURL: "/api/v1/reports/" + rec.ID + "/text?" + url.Values{"version": {v.ID}}.Encode(),
		RawURL:  "/api/v1/versions/" + v.ID + "/raw",
	}
	if x1, prevID := u.carryOver(ctx, rec, rep); prevID != "" {
		rep.Checks = append(rep.Checks, x1)
		p.PrevYear = "/reports/" + prevID
	}
	var fail map[string]bool
	p.Checks, fail = checkViews(rep)
	p.Tables = []tableView{activeView(rep, fail), requestsView(rep, fail), reviewsView(rep, fail)}
	for _, c := range p.Checks {
		p.Counts[c.Status]++
	}
	u.render(w, http.StatusOK, "report", p)
	return nil
}

// reportRecord returns the index entry of report id; an id the archive
// could not have issued is errNotFound, as an unknown one.
func (u *webUI) reportRecord(ctx context.Context, id string) (store.Report, error) {
	rec, err := u.a.store.Report(ctx, id)
	if errors.Is(err, store.ErrInvalid) {
		return rec, fmt.Errorf("%w: report %q", errNotFound, id)
	}
	if err != nil {
		return rec, fmt.Errorf("report %q: %w", id, err)
	}
	return rec, nil
}

// carryOver runs X1 against the latest content of the same agency's
// report for the year before, and returns the check and that report's id;
// an empty id when the archive holds no such report (or it cannot be
// read, which is logged: X1 is an extra on this page).
func (u *webUI) carryOver(ctx context.Context, rec store.Report, cur *extract.Report) (extract.Check, string) {
	if rec.Year <= 1 {
		return extract.Check{}, ""
	}
	prev, _, err := u.a.store.Reports(ctx, store.ReportQuery{Agency: rec.Agency, Year: rec.Year - 1, Limit: 20})
	if err != nil {
		u.a.log.Warn("web UI carry-over", "report", rec.ID, "error", err)
		return extract.Check{}, ""
	}
	for _, p := range prev {
		if p.Agency != rec.Agency { // the query matches substrings
			continue
		}
		vs, err := u.a.store.ReportVersions(ctx, p.ID)
		if err != nil || len(vs) == 0 {
			continue
		}
		rep, err := u.a.ex.extraction(ctx, p, vs[len(vs)-1])
		if err != nil {
			u.a.log.Warn("web UI carry-over", "report", p.ID, "error", err)
			continue
		}
		if rep.IsReport {
			return extract.CarryOver(rep, cur), p.ID
		}
	}
	return extract.Check{}, ""
}

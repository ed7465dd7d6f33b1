package main

import (
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
	TextURL  string         // cleaned text (API)
	RawURL   string         // the bytes as fetched (API, sandboxed)
}

// report serves GET /reports/{id}?version=: the extracted report as the
// cached extraction has it (as GET /api/v1/reports/{id} serves it), with
// its tables, checks, facts and a version picker.
func (u *webUI) report(w http.ResponseWriter, r *http.Request) error {
	id, vid := r.PathValue("id"), r.URL.Query().Get("version")
	ctx := r.Context()
	v, rec, err := u.a.ex.version(ctx, id, vid)
	if err != nil {
		return err
	}
	rep, err := u.a.ex.extraction(ctx, rec, v)
	if err != nil {
		return err
	}
	setSource(rep, rec.ID, v)
	versions, err := u.a.store.ReportVersions(ctx, rec.ID)
	if err != nil {
		return err
	}
	checks, fail := checkViews(rep)
	p := reportPage{
		Rep: rep, Record: rec, Version: v, Versions: versions, Checks: checks, Counts: map[string]int{},
		Tables:  []tableView{activeView(rep, fail), requestsView(rep, fail), reviewsView(rep, fail)},
		TextURL: "/api/v1/reports/" + rec.ID + "/text?" + url.Values{"version": {v.ID}}.Encode(),
		RawURL:  "/api/v1/versions/" + v.ID + "/raw",
	}
	for _, c := range checks {
		p.Counts[c.Status]++
	}
	u.render(w, http.StatusOK, "report", p)
	return nil
}

package webui

import (
	"net/http"
	"net/url"
	"strings"

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
	PrevYear string         // report view of last year's report, when the cross-year checks compared with it
	Pre2019  bool           // a pre-2019 report read as facts: no template tables to show
	TextURL  string         // cleaned text (API)
	RawURL   string         // the bytes as fetched (API, sandboxed)
	Document string         // a document report's format, upper case ("PDF"); empty for a page
}

// report serves GET /reports/{id}?version=: the extracted report as the
// cached extraction has it (as GET /api/v1/reports/{id} serves it), with
// its tables, checks, facts and a version picker. When the archive holds
// the same agency's report for the year before, the cross-year checks
// (X1 carry-over, X2 documents in force, X3 year-on-year jumps) are added.
func (u *webUI) report(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rec, err := u.svc.ReportRecord(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	versions, err := u.svc.ReportVersions(ctx, rec.ID)
	if err != nil {
		return err
	}
	v, err := u.svc.Pick(ctx, rec, r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	rep, err := u.svc.Extraction(ctx, rec, v)
	if err != nil {
		return err
	}
	p := reportPage{
		Rep: rep, Record: rec, Version: v, Versions: versions, Counts: map[string]int{},
		TextURL: "/api/v1/reports/" + rec.ID + "/text?" + url.Values{"version": {v.ID}}.Encode(),
		RawURL:  "/api/v1/versions/" + v.ID + "/raw",
		// A report read from an attachment links the original document.
		Document: strings.ToUpper(rep.Format),
	}
	if checks, prevID := u.svc.CrossYear(ctx, rec, rep); prevID != "" {
		rep.Checks = append(rep.Checks, checks...)
		p.PrevYear = "/reports/" + prevID
	}
	var fail map[string]bool
	p.Checks, fail = checkViews(rep)
	p.Tables = tableViews(rep, fail)
	p.Pre2019 = p.Tables == nil
	for _, c := range p.Checks {
		p.Counts[c.Status]++
	}
	u.render(w, http.StatusOK, "report", p)
	return nil
}

// tableViews are tables 二, 三 and 四 as the page draws them — none for a
// pre-2019 report with facts: that template has no national tables, so
// its statistics table and sentences, listed as facts, are the whole
// result rather than three missing tables.
func tableViews(rep *extract.Report, fail map[string]bool) []tableView {
	if rep.Template == extract.TemplatePre2019 && len(rep.Facts) > 0 {
		return nil
	}
	return []tableView{activeView(rep, fail), requestsView(rep, fail), reviewsView(rep, fail)}
}

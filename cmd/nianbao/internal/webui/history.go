package webui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// historyDiffs is how many content changes one history page diffs; older
// ones are on the page linked as "earlier".
const historyDiffs = 5

// historyPage is the data of history.html.
type historyPage struct {
	URL      string
	Report   *store.Report // the indexed report of URL, when reached through it
	Versions []historyRow
	Diffs    []versionDiff
	Earlier  string // URL of the page with the diffs before these
}

// historyRow is one archived fetch.
type historyRow struct {
	store.Version
	Changed bool   // brought content different from the version before
	Diffed  bool   // its diff is on this page
	ReadURL string // the report view of this version, when it has a body and a report
}

// versionDiff compares a content version with the content version before
// it: the cleaned text line by line, and the table numbers cell by cell.
type versionDiff struct {
	Old, New       store.Version
	Text           []diffLine
	TextErr        string // why the text could not be compared
	Cells          []cellChange
	Tables         []tableChange
	CellsErr       string // why the tables could not be compared
	OldURL, NewURL string // report views of both versions, when there is a report
}

// reportHistory serves GET /reports/{id}/history?before=: the history of
// the report's URL.
func (u *webUI) reportHistory(w http.ResponseWriter, r *http.Request) error {
	rec, err := u.svc.ReportRecord(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return u.history(w, r, rec.URL, &rec)
}

// urlHistory serves GET /history?url=&before=: the history of any
// archived URL, report or not.
func (u *webUI) urlHistory(w http.ResponseWriter, r *http.Request) error {
	target := strings.TrimSpace(r.URL.Query().Get("url"))
	if target == "" {
		return fmt.Errorf("%w: missing url parameter", service.ErrInvalid)
	}
	return u.history(w, r, target, nil)
}

// history renders every archived version of target, oldest first, and
// diffs up to historyDiffs content changes, newest first, older than the
// version ?before= names (all when absent).
func (u *webUI) history(w http.ResponseWriter, r *http.Request, target string, rec *store.Report) error {
	ctx := r.Context()
	vs, err := u.svc.History(ctx, target)
	if err != nil {
		return err
	}
	pairs := contentPairs(vs)
	before := r.URL.Query().Get("before")
	if before != "" {
		i := slices.IndexFunc(pairs, func(p [2]store.Version) bool { return p[1].ID == before })
		if i < 0 {
			return fmt.Errorf("%w: before %q is not a changed version of %s", service.ErrInvalid, before, target)
		}
		pairs = pairs[:i]
	}
	p := historyPage{URL: target, Report: rec}
	from := max(0, len(pairs)-historyDiffs)
	diffed, texts := map[string]bool{}, map[string]string{}
	for i := len(pairs) - 1; i >= from; i-- {
		p.Diffs = append(p.Diffs, u.versionDiff(ctx, target, rec, pairs[i][0], pairs[i][1], texts))
		diffed[pairs[i][1].ID] = true
	}
	if from > 0 {
		p.Earlier = historyURL(target, rec) + "before=" + url.QueryEscape(pairs[from][1].ID)
	}
	for _, v := range vs {
		row := historyRow{Version: v, Changed: service.Changed(v), Diffed: diffed[v.ID]}
		if rec != nil && v.HasBody() {
			row.ReadURL = reportURL(rec.ID, v.ID)
		}
		p.Versions = append(p.Versions, row)
	}
	u.render(w, http.StatusOK, "history", p)
	return nil
}

// contentPairs pairs every content version (outcome new) after the first
// with the content version before it, oldest first.
func contentPairs(vs []store.Version) [][2]store.Version {
	var out [][2]store.Version
	var prev *store.Version
	for i := range vs {
		if vs[i].Outcome != store.OutcomeNew {
			continue
		}
		if prev != nil {
			out = append(out, [2]store.Version{*prev, vs[i]})
		}
		prev = &vs[i]
	}
	return out
}

// versionDiff compares old and cur. A failure to read or extract either
// is shown in the diff, not raised: the rest of the history stays useful.
// texts keeps the cleaned texts already made for this page, by version.
func (u *webUI) versionDiff(ctx context.Context, target string, rec *store.Report, old, cur store.Version, texts map[string]string) versionDiff {
	d := versionDiff{Old: old, New: cur}
	ident := store.Report{URL: target}
	if rec != nil {
		ident = *rec
		d.OldURL, d.NewURL = reportURL(rec.ID, old.ID), reportURL(rec.ID, cur.ID)
	}
	a, aerr := u.cleanTextOf(ctx, ident, old, texts)
	b, berr := u.cleanTextOf(ctx, ident, cur, texts)
	if err := errors.Join(aerr, berr); err != nil {
		d.TextErr = u.shown(err)
	} else {
		d.Text = lineDiff(a, b)
	}
	ea, aerr := u.svc.Extraction(ctx, ident, old)
	eb, berr := u.svc.Extraction(ctx, ident, cur)
	if err := errors.Join(aerr, berr); err != nil {
		d.CellsErr = u.shown(err)
	} else {
		d.Cells, d.Tables = cellDiff(ea, eb)
	}
	return d
}

// cleanTextOf returns the cleaned text of version v of rec's URL, from
// texts when made before.
func (u *webUI) cleanTextOf(ctx context.Context, rec store.Report, v store.Version, texts map[string]string) (string, error) {
	if t, ok := texts[v.ID]; ok {
		return t, nil
	}
	t, err := u.svc.CleanTextOf(ctx, rec, v)
	if err == nil {
		texts[v.ID] = t
	}
	return t, err
}

// shown is the text of an error as a page may show it: an unexpected
// error is logged and not described.
func (u *webUI) shown(err error) string {
	if errors.Is(err, extract.ErrUnsupported) || errors.Is(err, extract.ErrEmpty) {
		return err.Error()
	}
	u.log.Warn("web UI diff", "error", err)
	return "internal error"
}

func reportURL(id, vid string) string {
	return "/reports/" + id + "?" + url.Values{"version": {vid}}.Encode()
}

// historyURL is the history page of target, ready for one more query
// parameter.
func historyURL(target string, rec *store.Report) string {
	if rec != nil {
		return "/reports/" + rec.ID + "/history?"
	}
	return "/history?" + url.Values{"url": {target}}.Encode() + "&"
}

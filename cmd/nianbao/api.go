package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc"
)

// api serves /api/v1. Its handlers return errors; errorHandler turns them
// into {"error": "…"} with the status from statusTable.
type api struct {
	store    *store.Store
	ex       *extractions
	portals  *portalSet
	nextRuns func() map[string]time.Time // nil when no scheduler runs
	log      *slog.Logger
}

// routes registers the API, /healthz and /metrics on mux. GET / is left
// free for the web UI.
func (a *api) routes(mux *http.ServeMux, health handlerFunc, metrics http.Handler) {
	h := func(f handlerFunc) http.Handler { return errorHandler(a.log, f) }
	mux.Handle("GET /api/v1/portals", h(a.listPortals))
	mux.Handle("GET /api/v1/reports", h(a.listReports))
	mux.Handle("GET /api/v1/reports/{id}", h(a.getReport))
	mux.Handle("GET /api/v1/reports/{id}/text", h(a.getReportText))
	mux.Handle("GET /api/v1/pages", h(a.listPages))
	mux.Handle("GET /api/v1/versions/{vid}/raw", h(a.rawVersion))
	mux.Handle("GET /api/v1/export/warc", h(a.exportWARC))
	mux.Handle("/api/", h(a.noRoute))
	mux.Handle("GET /healthz", h(health))
	mux.Handle("GET /metrics", metrics)
	mountUI(mux, a)
}

func (a *api) noRoute(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSON(w, http.StatusMethodNotAllowed, apiError{Error: "method " + r.Method + " not allowed"})
		return nil
	}
	return fmt.Errorf("%w: no route %s", errNotFound, r.URL.Path)
}

// listReports serves GET /api/v1/reports?agency=&year=&limit=&cursor=.
func (a *api) listReports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := parseLimit(q)
	if err != nil {
		return err
	}
	year, err := parseYear("year", q.Get("year"))
	if err != nil {
		return err
	}
	rs, next, err := a.store.Reports(r.Context(), store.ReportQuery{
		Agency: strings.TrimSpace(q.Get("agency")), Year: year,
		Limit: limit, Cursor: q.Get("cursor"),
	})
	if err != nil {
		return err
	}
	writePage(w, rs, next, summarize)
	return nil
}

// getReport serves GET /api/v1/reports/{id}?version=.
func (a *api) getReport(w http.ResponseWriter, r *http.Request) error {
	rep, err := a.ex.report(r.Context(), r.PathValue("id"), r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// getReportText serves GET /api/v1/reports/{id}/text?version=: the cleaned
// text of the report, as `show --clean` prints it.
func (a *api) getReportText(w http.ResponseWriter, r *http.Request) error {
	text, err := a.ex.cleanText(r.Context(), r.PathValue("id"), r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = io.WriteString(w, text) // the client may have gone
	return nil
}

// listPages serves GET /api/v1/pages?url=&limit=&cursor=: the versions of
// one URL, oldest first.
func (a *api) listPages(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	u := strings.TrimSpace(q.Get("url"))
	if u == "" {
		return fmt.Errorf("%w: missing url parameter", errInvalid)
	}
	limit, err := parseLimit(q)
	if err != nil {
		return err
	}
	vs, err := a.store.Versions(r.Context(), u)
	if err != nil {
		return fmt.Errorf("versions of %s: %w", u, err)
	}
	if len(vs) == 0 {
		return fmt.Errorf("%w: no archived versions of %s", errNotFound, u)
	}
	items, next, err := sliceCursor(vs, limit, q.Get("cursor"))
	if err != nil {
		return err
	}
	writePage(w, items, next, versionOf)
	return nil
}

// rawVersion serves GET /api/v1/versions/{vid}/raw: the bytes as fetched,
// with their original Content-Type, sandboxed so archived HTML cannot run
// script in our origin.
func (a *api) rawVersion(w http.ResponseWriter, r *http.Request) error {
	vid := r.PathValue("vid")
	v, err := a.store.Version(r.Context(), vid)
	if errors.Is(err, store.ErrInvalid) {
		return fmt.Errorf("%w: version %q", errNotFound, vid)
	}
	if err != nil {
		return fmt.Errorf("version %q: %w", vid, err)
	}
	if v.SHA256 == "" {
		return fmt.Errorf("%w: version %s holds no body (%s)", errNotFound, vid, v.Outcome)
	}
	body, err := a.store.Body(r.Context(), v.SHA256)
	if err != nil {
		return fmt.Errorf("body of version %s: %w", vid, err)
	}
	ct := v.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", fmt.Sprint(len(body)))
	h.Set("ETag", `"`+v.SHA256+`"`)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // the client may have gone; nothing to do about it
	}
	return nil
}

// Trailers of GET /api/v1/export/warc: the export's summary (JSON of
// warc.Summary) and, when it failed part way, the error. The status is
// sent before the export starts, so only a trailer can tell.
const (
	trailerWARCSummary = "Nianbao-Warc-Summary"
	trailerWARCError   = "Nianbao-Warc-Error"
)

// exportWARC streams the whole archive as WARC 1.1 (one gzip member per
// record), as `nianbao export --warc` writes it; that command uses this
// route when the daemon holds the archive.
func (a *api) exportWARC(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "application/warc")
	h.Set("Content-Disposition", `attachment; filename="nianbao.warc.gz"`)
	h.Set("Trailer", trailerWARCSummary+", "+trailerWARCError)
	w.WriteHeader(http.StatusOK)
	sum, err := warc.Export(r.Context(), a.store, w, warc.Options{Software: software(), Filename: "nianbao.warc.gz", Logger: a.log})
	if js, jerr := json.Marshal(sum); jerr == nil {
		h.Set(trailerWARCSummary, string(js))
	}
	if err != nil {
		a.log.Warn("WARC export", "error", err)
		h.Set(trailerWARCError, err.Error())
	}
	return nil
}

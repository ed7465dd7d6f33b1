package api

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Options are what the API needs besides the service.
type Options struct {
	// Portals returns the configured portals; nil serves none.
	Portals func() []config.Portal
	// NextRun returns a portal's next scheduled run (zero: none known);
	// nil when no scheduler runs. It is asked once per portal listed, not
	// for a table of every portal: configs have 100 000 of them.
	NextRun func(portal string) time.Time
	// Watch answers /api/v1/events and /api/v1/compliance; nil answers
	// them with 501.
	Watch *watch.Reader
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
}

// handler serves /api/v1. Its handlers return errors; httpx.ErrorHandler
// turns them into {"error": "…"} with the status from httpx.StatusOf.
type handler struct {
	svc  *service.Service
	opts Options
	log  *slog.Logger
	// exporting holds a token while a WARC export runs: one at a time.
	exporting chan struct{}
}

// NewHandler returns the handler of every path under /api/ (mount it
// there): the routes below, and a JSON 404 or 405 for any other.
func NewHandler(svc *service.Service, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Portals == nil {
		opts.Portals = func() []config.Portal { return nil }
	}
	h := &handler{svc: svc, opts: opts, log: opts.Logger, exporting: make(chan struct{}, 1)}
	return h.routes()
}

// routes registers every API route.
func (a *handler) routes() http.Handler {
	mux := http.NewServeMux()
	h := func(f httpx.HandlerFunc) http.Handler { return httpx.ErrorHandler(a.log, f) }
	mux.Handle("GET /api/v1/portals", h(a.listPortals))
	mux.Handle("GET /api/v1/reports", h(a.listReports))
	mux.Handle("GET /api/v1/reports/{id}", h(a.getReport))
	mux.Handle("GET /api/v1/reports/{id}/text", h(a.getReportText))
	mux.Handle("GET /api/v1/pages", h(a.listPages))
	mux.Handle("GET /api/v1/versions/{vid}/raw", h(a.rawVersion))
	mux.Handle("GET /api/v1/export/warc", h(a.getWARC))
	mux.Handle("GET /api/v1/events", h(a.listEvents))
	mux.Handle("GET /api/v1/compliance", h(a.getCompliance))
	mux.Handle("/api/", h(a.noRoute))
	return mux
}

func (a *handler) noRoute(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		httpx.WriteJSON(w, http.StatusMethodNotAllowed, httpx.Error{Error: "method " + r.Method + " not allowed"})
		return nil
	}
	return fmt.Errorf("%w: no route %s", service.ErrNotFound, r.URL.Path)
}

// ParseStatus reads a status filter: "" (any), live, gone or failing;
// service.ErrInvalid for anything else.
func ParseStatus(s string) (store.Status, error) {
	if s == "" {
		return "", nil
	}
	st, err := store.ParseStatus(s)
	if err != nil {
		return "", fmt.Errorf("%w: status %q: want live, gone or failing", service.ErrInvalid, s)
	}
	return st, nil
}

// listReports serves GET /api/v1/reports?agency=&year=&status=&limit=&cursor=.
func (a *handler) listReports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := httpx.ParseLimit(q)
	if err != nil {
		return err
	}
	year, err := httpx.ParseYear("year", q.Get("year"))
	if err != nil {
		return err
	}
	status, err := ParseStatus(q.Get("status"))
	if err != nil {
		return err
	}
	rs, next, err := a.svc.Reports(r.Context(), store.ReportQuery{
		Agency: strings.TrimSpace(q.Get("agency")), Year: year, Status: status,
		Limit: limit, Cursor: q.Get("cursor"),
	})
	if err != nil {
		return err
	}
	writePage(w, rs, next, Summarize)
	return nil
}

// getReport serves GET /api/v1/reports/{id}?version=.
func (a *handler) getReport(w http.ResponseWriter, r *http.Request) error {
	rep, err := a.svc.Report(r.Context(), r.PathValue("id"), r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, rep)
	return nil
}

// getReportText serves GET /api/v1/reports/{id}/text?version=: the cleaned
// text of the report, as `show --clean` prints it.
func (a *handler) getReportText(w http.ResponseWriter, r *http.Request) error {
	text, err := a.svc.CleanText(r.Context(), r.PathValue("id"), r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	httpx.NoSniff(w)
	_, _ = io.WriteString(w, text) // the client may have gone
	return nil
}

// listPages serves GET /api/v1/pages?url=&limit=&cursor=: the versions of
// one URL, oldest first.
func (a *handler) listPages(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	u := strings.TrimSpace(q.Get("url"))
	if u == "" {
		return fmt.Errorf("%w: missing url parameter", service.ErrInvalid)
	}
	limit, err := httpx.ParseLimit(q)
	if err != nil {
		return err
	}
	vs, err := a.svc.History(r.Context(), u)
	if err != nil {
		return err
	}
	items, next, err := SliceCursor(vs, limit, q.Get("cursor"))
	if err != nil {
		return err
	}
	writePage(w, items, next, VersionOf)
	return nil
}

// rawVersion serves GET /api/v1/versions/{vid}/raw: the bytes as fetched,
// with their original Content-Type, sandboxed so archived HTML cannot run
// script in our origin.
func (a *handler) rawVersion(w http.ResponseWriter, r *http.Request) error {
	v, body, err := a.svc.RawVersion(r.Context(), r.PathValue("vid"))
	if err != nil {
		return err
	}
	ct := v.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Security-Policy", "sandbox")
	httpx.NoSniff(w)
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
	TrailerWARCSummary = "Nianbao-Warc-Summary"
	TrailerWARCError   = "Nianbao-Warc-Error"
)

// exportRetryAfter is the Retry-After of a WARC export refused because
// another one is running.
const exportRetryAfter = "30"

// getWARC serves GET /api/v1/export/warc: the whole archive as WARC 1.1
// (one gzip member per record), as `nianbao export --warc` writes it; that
// command uses this route when the daemon holds the archive. One export runs at a time (each
// reads the whole archive): another request meanwhile gets 429 with
// Retry-After.
func (a *handler) getWARC(w http.ResponseWriter, r *http.Request) error {
	select {
	case a.exporting <- struct{}{}:
		defer func() { <-a.exporting }()
	default:
		w.Header().Set("Retry-After", exportRetryAfter)
		httpx.WriteJSON(w, http.StatusTooManyRequests, httpx.Error{Error: "a WARC export is already running; one runs at a time, try again later"})
		return nil
	}
	h := w.Header()
	h.Set("Content-Type", "application/warc")
	h.Set("Content-Disposition", `attachment; filename="nianbao.warc.gz"`)
	h.Set("Trailer", TrailerWARCSummary+", "+TrailerWARCError)
	w.WriteHeader(http.StatusOK)
	sum, err := a.svc.ExportWARC(r.Context(), w, "nianbao.warc.gz")
	if js, jerr := json.Marshal(sum); jerr == nil {
		h.Set(TrailerWARCSummary, string(js))
	}
	if err != nil {
		a.log.Warn("WARC export", "error", err)
		h.Set(TrailerWARCError, err.Error())
	}
	return nil
}

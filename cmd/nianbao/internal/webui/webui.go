package webui

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/extract"
)

// uiFiles holds the web UI's templates and its one stylesheet.
//
//go:embed templates/*.html templates/*.css
var uiFiles embed.FS

// uiCSP is the Content-Security-Policy of every UI page: everything from
// our own origin only (the UI serves no script at all), no inline styles,
// forms posting only to us, and no framing.
const uiCSP = "default-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Options are what the web UI needs besides the service.
type Options struct {
	// Watch serves the compliance page and the matrix's late, missing and
	// withdrawn marks; nil leaves them out (the page answers 501).
	Watch *watch.Reader
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
	// Location is the zone pages show times in, to the second with the
	// zone's abbreviation; nil means China Standard Time (Asia/Shanghai,
	// config's http.timezone default).
	Location *time.Location
}

// chinaTime is China Standard Time, the UI's default zone: the fixed
// UTC+8 that Asia/Shanghai has kept since 1991, so that the UI needs no
// zone database.
var chinaTime = time.FixedZone("CST", 8*60*60)

// webUI serves the server-rendered web UI: the agencies × years matrix,
// the report view and the version history. It reads through the report
// service, as /api/v1 does, so it sees what the API serves. Its pages are
// parsed once, in NewHandler; handlers only execute them.
type webUI struct {
	svc   *service.Service
	watch *watch.Reader // nil: no compliance page or marks
	log   *slog.Logger
	pages map[string]*template.Template
}

// NewHandler returns the web UI over svc. Mount it at "/": it answers
// every path it is given, with an HTML 404 for those it does not serve.
func NewHandler(svc *service.Service, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Location == nil {
		opts.Location = chinaTime
	}
	u := &webUI{svc: svc, watch: opts.Watch, log: opts.Logger, pages: parsePages(opts.Location)}
	return u.routes()
}

// routes registers every UI page: GET / (the matrix), GET /reports/{id},
// GET /reports/{id}/history, GET /history?url=, GET /compliance,
// GET /static/style.css and
// an HTML 404 (405 for other methods) for every other path.
func (u *webUI) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", u.handle(u.matrix))
	mux.Handle("GET /reports/{id}", u.handle(u.report))
	mux.Handle("GET /reports/{id}/history", u.handle(u.reportHistory))
	mux.Handle("GET /history", u.handle(u.urlHistory))
	mux.Handle("GET /compliance", u.handle(u.compliance))
	static, _ := fs.Sub(uiFiles, "templates") // a constant, present directory
	mux.Handle("GET /static/style.css", staticHeaders(http.StripPrefix("/static/", http.FileServerFS(static))))
	mux.Handle("/", u.handle(u.noPage))
	return mux
}

// parsePages parses each page template together with the shared layout.
// The templates are embedded, so a parse error is a bug in this file's
// package and is raised at start-up.
func parsePages(loc *time.Location) map[string]*template.Template {
	funcs := template.FuncMap{
		"when":      func(t time.Time) string { return formatTime(t, loc) },
		"zh":        extract.WarningZh,
		"checkZh":   checkTextZh,
		"short":     shortHash,
		"yearLabel": yearLabel,
		"fnum":      func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
		"status":    statusLabel,
	}
	pages := map[string]*template.Template{}
	for _, name := range []string{"matrix", "report", "history", "compliance", "error"} {
		pages[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(uiFiles, "templates/layout.html", "templates/"+name+".html"))
	}
	return pages
}

// uiHandler renders one UI page or returns an error, which handle turns
// into an HTML error page.
type uiHandler func(w http.ResponseWriter, r *http.Request) error

// handle sets the UI's security headers and renders a returned error as
// an HTML page with the status from statusTable. Internal errors are
// logged here and their text is not shown.
func (u *webUI) handle(h uiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", uiCSP)
		httpx.NoSniff(w)
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := httpx.StatusOf(err), err.Error()
		var mna methodNotAllowed
		switch {
		case errors.As(err, &mna):
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", "GET, HEAD")
		case status == http.StatusInternalServerError:
			u.log.Error("web UI request failed", "method", r.Method, "path", r.URL.Path, "error", err)
			msg = "internal error"
		}
		u.render(w, status, "error", errorPage{Status: status, Title: statusTitleZh(status), Message: errorMessageZh(status, msg), Detail: msg})
	})
}

// render executes page into a buffer first, so a template failure is a
// clean 500 instead of half a page.
func (u *webUI) render(w http.ResponseWriter, status int, page string, data any) {
	var b bytes.Buffer
	if err := u.pages[page].Execute(&b, data); err != nil {
		u.log.Error("web UI template", "page", page, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes()) // the client may have gone
}

// errorPage is the data of error.html: the status, its Chinese title and
// what it means for the reader, and the error's own (English) wording,
// shown folded for a bug report.
type errorPage struct {
	Status         int
	Title, Message string
	Detail         string
}

// methodNotAllowed is the error of a non-GET request to a UI path.
type methodNotAllowed string

func (m methodNotAllowed) Error() string { return "method " + string(m) + " not allowed" }

// noPage answers every path the UI and the API do not serve.
func (u *webUI) noPage(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return methodNotAllowed(r.Method)
	}
	return fmt.Errorf("%w: no page %s", service.ErrNotFound, r.URL.Path)
}

// staticHeaders marks the stylesheet cacheable for an hour and unsniffable.
func staticHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.NoSniff(w)
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// formatTime shows a time in loc to the second, with the zone's
// abbreviation (2022-02-01 11:00:00 CST); the zero time is blank.
func formatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// shortHash is the first 12 hex digits of a SHA-256, as `history` prints.
func shortHash(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

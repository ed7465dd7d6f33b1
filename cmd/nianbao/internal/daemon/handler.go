package daemon

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/webui"
	"github.com/nianbao/nianbao/config"
)

// HandlerOptions are the HTTP server's dependencies besides the service.
type HandlerOptions struct {
	// Portals and NextRun feed GET /api/v1/portals (see api.Options).
	Portals func() []config.Portal
	NextRun func(portal string) time.Time
	// Health serves GET /healthz; Metrics serves GET /metrics.
	Health  httpx.HandlerFunc
	Metrics http.Handler
	// Watch serves GET /feeds/events.atom, the API's events and
	// compliance and the UI's compliance page and marks; nil leaves them
	// out (501 from the API).
	Watch *watch.Reader
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
	// Location is the zone the web UI shows times in (http.timezone); nil
	// means China Standard Time.
	Location *time.Location
	// Token, when set, is required (Authorization: Bearer, or the password
	// of Basic credentials) on every route but /healthz, and on /metrics
	// only with ProtectMetrics.
	Token          config.Secret
	ProtectMetrics bool
}

// NewHandler is the daemon's whole HTTP surface: the API under /api/
// (api.NewHandler), /healthz, /metrics, and the web UI on every other
// path (webui.NewHandler), behind one gate (protect.go): the token when
// one is set, bounded request URIs (8 KiB, else 414) and bodies (64 KiB,
// else 413), and Content-Security-Policy and nosniff on every response.
func NewHandler(svc *service.Service, opts HandlerOptions) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.NewHandler(svc, api.Options{Portals: opts.Portals, NextRun: opts.NextRun, Watch: opts.Watch, Logger: opts.Logger}))
	if opts.Watch != nil {
		mux.Handle("GET /feeds/events.atom", opts.Watch.FeedHandler())
	}
	mux.Handle("GET /healthz", httpx.ErrorHandler(opts.Logger, opts.Health))
	mux.Handle("GET /metrics", opts.Metrics)
	mux.Handle("/", webui.NewHandler(svc, webui.Options{Watch: opts.Watch, Logger: opts.Logger, Location: opts.Location}))
	return &gate{next: mux, token: opts.Token, protectMetrics: opts.ProtectMetrics, log: opts.Logger}
}

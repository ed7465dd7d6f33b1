package daemon

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
)

// Options are the App's dependencies besides the config.
type Options struct {
	// Logger receives the daemon's logs; nil discards them.
	Logger *slog.Logger
	// Now is the clock of the archive and the crawler; nil means time.Now.
	Now func() time.Time
	// Client is the crawler's HTTP client; nil lets the crawler build one.
	Client *http.Client
	// Getenv and Overrides are laid over every config, the first and each
	// reloaded one, in that order: flags beat environment beat file.
	// A nil Getenv reads no environment.
	Getenv    func(string) string
	Overrides config.Overrides
	// Scheduler tunes the scheduler (jitter, concurrent runs); tests use it
	// to start runs at once.
	Scheduler []crawler.SchedulerOption
	// ShutdownTimeout bounds the HTTP server's graceful shutdown; 0 → 10 s.
	ShutdownTimeout time.Duration
}

// lockTimeout is how long New waits for another process to release the
// archive.
const lockTimeout = 2 * time.Second

// App is the daemon: the archive, the scheduler running every portal on its
// cron schedule, and the HTTP server for the API and metrics. NewApp opens
// and listens; Run serves until its context ends and then shuts down in
// order; Close releases the archive. An App runs once.
type App struct {
	cfg     *config.Config // as started
	opts    Options
	log     *slog.Logger
	svc     *service.Service
	crawler *crawler.Crawler
	sched   *crawler.Scheduler
	portals *portalSet
	watcher *config.Watcher
	ln      net.Listener
	srv     *http.Server
	running atomic.Bool // the scheduler runs: /healthz says ok
	events  *watch.Service

	closeOnce sync.Once
	closeErr  error
}

// New lays opts' environment and overrides over cfg (which it keeps and
// modifies), opens the archive, builds the crawler and scheduler, and
// listens on cfg.HTTP.Listen (":0" picks a port; see Addr). On error
// everything opened so far is closed again.
func New(cfg *config.Config, opts Options) (_ *App, err error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ShutdownTimeout == 0 {
		opts.ShutdownTimeout = 10 * time.Second
	}
	cfg.Override(opts.Getenv, opts.Overrides)
	if cfg.HTTP.Token.IsSet() {
		// The file's token is checked when it is read; NIANBAO_TOKEN here.
		if err := config.CheckToken(cfg.HTTP.Token.Reveal()); err != nil {
			return nil, fmt.Errorf("http.token (or %s): %w", config.EnvToken, err)
		}
	}
	a := &App{cfg: cfg, opts: opts, log: opts.Logger, portals: &portalSet{}}
	a.portals.set(cfg.Portals)

	a.svc, err = service.Open(cfg, service.Options{Logger: a.log, Now: opts.Now, LockTimeout: lockTimeout})
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			a.svc.Close()
		}
	}()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(newArchiveCollector(a.svc, a.portals.get, a.log))
	a.crawler = crawler.New(a.svc.Store(), a.svc.Classifier(a.log), crawler.Options{
		Logger: a.log, Now: opts.Now, Metrics: crawler.NewMetrics(reg), Client: opts.Client,
		Simplify:             a.svc.Simplify,
		AllowPrivateNetworks: cfg.AllowPrivateNetworks,
	})
	if a.events, err = newEvents(cfg, a.svc, a.portals.get, opts.Now, a.log); err != nil {
		return nil, err
	}
	a.sched = crawler.NewScheduler(a.crawler, a.svc.Store(), a.log,
		append(opts.Scheduler, crawler.WithAfterRun(func(string) { a.events.Kick() }))...)

	file := cfg.File
	if file == config.EmbeddedFile {
		file = ""
	}
	a.watcher = config.NewWatcher(file, a.log, config.WithCurrent(cfg), config.WithOverrides(opts.Getenv, opts.Overrides))

	var loc *time.Location // nil: the UI's default, China Standard Time
	if cfg.HTTP.Timezone != "" {
		// Checked by config, which embeds the zone database.
		if loc, err = time.LoadLocation(cfg.HTTP.Timezone); err != nil {
			return nil, fmt.Errorf("http.timezone: %w", err)
		}
	}
	handler := NewHandler(a.svc, HandlerOptions{
		Portals: a.portals.get, NextRun: a.sched.NextRun, Logger: a.log, Location: loc,
		Watch:   watch.NewReader(a.svc.Store(), a.svc.Simplify, a.portals.get, opts.Now),
		Health:  a.health,
		Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn)}),
		Token:   cfg.HTTP.Token, ProtectMetrics: cfg.HTTP.ProtectMetrics,
	})
	a.srv = &http.Server{
		Handler:           handler,
		MaxHeaderBytes:    maxHeaderBytes,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	if a.ln, err = net.Listen("tcp", cfg.HTTP.Listen); err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.HTTP.Listen, err)
	}
	logExposure(a.log, cfg)
	return a, nil
}

// Addr is the address the HTTP server listens on.
func (a *App) Addr() net.Addr { return a.ln.Addr() }

// Reload asks the App to re-read its config file (SIGHUP). Portals that
// were added, removed or changed are applied to the scheduler; the archive
// path and listen address only take effect on restart. A file that does not
// load or validate is logged and the running config stays. Safe to call
// from any goroutine; it does not block.
func (a *App) Reload() { a.watcher.Reload() }

// Run starts the scheduler and serves HTTP until ctx ends or the server
// fails, then shuts down in order: the scheduler stops taking runs,
// running crawls are cancelled and joined, the HTTP server shuts down
// within ShutdownTimeout. The archive stays open until Close.
func (a *App) Run(ctx context.Context) error {
	// Runs outlive ctx: sched.Stop below cancels them, in order.
	a.sched.Start(context.WithoutCancel(ctx), a.portals.get())
	a.running.Store(true)
	a.log.Info("serving", "addr", a.ln.Addr().String(), "portals", len(a.portals.get()), "config", a.cfg.File)
	a.recordAddr()

	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Go(func() { serveErr <- a.srv.Serve(a.ln) })
	watchCtx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		a.watcher.Run(watchCtx, a.apply)
	}()
	eventsCtx, stopEvents := context.WithCancel(context.WithoutCancel(ctx))
	eventsDone := make(chan struct{})
	go func() {
		defer close(eventsDone)
		a.events.Run(eventsCtx, eventInterval, a.portals.get, a.opts.Now)
	}()

	var err error
	select {
	case <-ctx.Done():
		a.log.Info("shutting down", "cause", context.Cause(ctx))
	case err = <-serveErr:
		err = fmt.Errorf("http server: %w", err)
		a.log.Error("http server failed", "error", err)
	}

	// No reload may reach the scheduler once it stops.
	stopWatch()
	<-watchDone
	// 1–3: stop taking runs, cancel running crawls, join their workers
	// (Scheduler.Stop does all three).
	a.running.Store(false)
	a.sched.Stop()
	// Event derivation and webhook delivery stop before the archive
	// closes; an undelivered item stays in the outbox for the next start.
	stopEvents()
	<-eventsDone
	// 4: HTTP shutdown with a deadline.
	shCtx, cancel := context.WithTimeout(context.Background(), a.opts.ShutdownTimeout)
	defer cancel()
	if serr := a.srv.Shutdown(shCtx); serr != nil {
		a.log.Warn("http shutdown", "error", serr)
		_ = a.srv.Close()
	}
	wg.Wait()
	if rerr := removeAddrFile(a.cfg.Storage.Path); rerr != nil {
		a.log.Warn("daemon address file", "error", rerr)
	}
	a.log.Info("stopped")
	return err
}

// recordAddr writes the address file beside the archive, so that the read
// commands find this daemon; failing to is logged: they then fall back to
// the configured listen address.
func (a *App) recordAddr() {
	host, _ := os.Hostname()
	rec := Recorded{URL: baseURL(a.ln.Addr()), Archive: a.cfg.Storage.Path, PID: os.Getpid(), Host: host, Started: a.opts.Now().UTC()}
	if err := writeAddrFile(a.cfg.Storage.Path, rec); err != nil {
		a.log.Warn("read commands will look for this daemon at the configured listen address only", "error", err)
	}
}

// Close closes the listener (if Run never served it) and then the archive.
// Call it after Run has returned; it is idempotent.
func (a *App) Close() error {
	a.closeOnce.Do(func() {
		_ = a.ln.Close() // already closed when Run served
		a.closeErr = a.svc.Close()
	})
	return a.closeErr
}

// health serves GET /healthz: 200 while the archive is open and the
// scheduler runs, 503 otherwise.
func (a *App) health(w http.ResponseWriter, r *http.Request) error {
	if !a.running.Load() {
		httpx.WriteJSON(w, http.StatusServiceUnavailable, httpx.Error{Error: "scheduler not running"})
		return nil
	}
	if _, err := a.svc.Stats(r.Context()); err != nil {
		httpx.WriteJSON(w, http.StatusServiceUnavailable, httpx.Error{Error: "archive unavailable"})
		a.log.Warn("healthz: archive", "error", err)
		return nil
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// apply takes a reloaded config from the watcher: added, removed and
// changed portals go to the scheduler. The watcher has already applied the
// overrides, kept storage.path and http.listen at their running values and
// logged what changed.
func (a *App) apply(cfg *config.Config) {
	if restartNeeded(a.cfg, cfg) {
		a.log.Warn("config reloaded: http.token, http.protect_metrics and crawl.allow_private_networks changed, which takes a restart; the running values stay")
	}
	a.portals.set(cfg.Portals)
	a.sched.Update(cfg.Portals)
	a.log.Info("config reloaded", "portals", len(cfg.Portals))
}

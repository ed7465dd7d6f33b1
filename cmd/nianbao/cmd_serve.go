package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/memlimit"
	"github.com/nianbao/nianbao/config"
)

// serveOptions are the flags of `nianbao serve`.
type serveOptions struct {
	commonFlags
	listen    string // --listen: HTTP listen address
	logFormat string // --log-format: text or json
	logLevel  string // --log-level
}

// cmdServe parses `nianbao serve`'s flags and runs it.
func cmdServe(c *cli, ctx context.Context, args []string) error {
	var o serveOptions
	fs := c.newFlags("serve", "serve [-c FILE] [--db PATH] [--listen ADDR] [--log-format text|json] [--log-level LEVEL]", &o.commonFlags)
	fs.StringVar(&o.listen, "listen", "", "HTTP listen `ADDR`; overrides NIANBAO_LISTEN and http.listen")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&o.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(c, o.logFormat, o.logLevel)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	return runServe(c, ctx, o, log)
}

// runServe runs the daemon (daemon.App) until SIGINT or SIGTERM; SIGHUP
// reloads the config.
func runServe(c *cli, ctx context.Context, o serveOptions, log *slog.Logger) error {
	cfg, err := config.Load(o.config)
	if err != nil {
		return err
	}
	app, err := daemon.New(cfg, daemon.Options{
		Logger: log, Now: c.now,
		Getenv: c.getenv, Overrides: config.Overrides{DB: o.db, Listen: o.listen},
	})
	if err != nil {
		return err
	}
	ctx, stop := c.withSignals(ctx, app.Reload)
	defer stop()
	if held := holdMemoryLimit(c, ctx, log, len(cfg.Portals)); held != nil {
		defer func() { <-held }()
	}
	runErr := app.Run(ctx)
	if err := app.Close(); err != nil {
		return errors.Join(runErr, fmt.Errorf("close archive: %w", err))
	}
	return runErr
}

// newLogger builds the daemon's logger on stderr.
func newLogger(c *cli, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	default:
		return nil, fmt.Errorf("log format %q: want text or json", format)
	}
}

// defaultMemoryLimit is serve's memory budget unless GOMEMLIMIT says
// otherwise: the Go runtime's soft limit is held to it, less the memory
// outside Go's heap (holdMemoryLimit). With it the collector works harder
// as the process nears the limit and hands freed memory back to the
// system, which keeps a daemon with 10 000 portals under 150 MB resident
// while it crawls and reads PDFs (see TestServeMemory). It is soft: when the
// live heap needs more, the process grows past it rather than failing — but
// a live heap above the limit keeps the collector running all the time (up
// to half the CPU), so the budget grows with the configured portals
// (memoryPerPortal each).
const defaultMemoryLimit = 72 << 20

// memoryPerPortal is the soft limit's allowance per configured portal: a
// daemon holds 1–2 KiB of live heap per portal (its config and scheduler
// entry alone take 1 KiB), so 2.5 KiB leaves the collector room without
// letting the heap and the archive's mapped pages pass the 400 MB budget
// at 100 000 portals (TestServeMemory: 3 KiB did, once).
const memoryPerPortal = 5 << 9

// serveMemoryLimit is the soft limit for a daemon of n portals.
func serveMemoryLimit(n int) int64 {
	return max(defaultMemoryLimit, int64(n)*memoryPerPortal)
}

// holdMemoryLimit holds the soft limit to serveMemoryLimit for n portals
// less the memory outside Go's heap (memlimit.Hold: PDFium's code and
// memory once a PDF was read), never below half of it, until ctx ends;
// the channel closes when it stopped. Nothing is held (nil) when
// GOMEMLIMIT is set. The budget is set once at start: portals added by a
// reload do not raise it.
func holdMemoryLimit(c *cli, ctx context.Context, log *slog.Logger, n int) <-chan struct{} {
	if c.getenv("GOMEMLIMIT") != "" {
		return nil
	}
	budget := serveMemoryLimit(n)
	debug.SetMemoryLimit(budget)
	log.Debug("memory budget", "bytes", budget, "portals", n)
	done := make(chan struct{})
	go func() {
		defer close(done)
		memlimit.Hold(ctx, budget, budget/2, log)
	}()
	return done
}

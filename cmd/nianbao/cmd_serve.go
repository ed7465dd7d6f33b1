package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/nianbao/nianbao/config"
)

// cmdServe runs the daemon until SIGINT or SIGTERM; SIGHUP reloads the
// config.
func cmdServe(c *cli, ctx context.Context, args []string) error {
	var (
		cf        commonFlags
		listen    string
		logFormat string
		logLevel  string
	)
	fs := c.newFlags("serve", "serve [-c FILE] [--db PATH] [--listen ADDR] [--log-format text|json] [--log-level LEVEL]", &cf)
	fs.StringVar(&listen, "listen", "", "HTTP listen `ADDR`; overrides NIANBAO_LISTEN and http.listen")
	fs.StringVar(&logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(c, logFormat, logLevel)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	cfg, err := config.Load(cf.config)
	if err != nil {
		return err
	}
	setMemoryLimit(c, log)
	app, err := NewApp(cfg, AppOptions{
		Logger: log, Now: c.now,
		Getenv: c.getenv, Overrides: config.Overrides{DB: cf.db, Listen: listen},
	})
	if err != nil {
		return err
	}
	ctx, stop := c.withSignals(ctx, app.Reload)
	defer stop()
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

// defaultMemoryLimit is the Go runtime's soft memory limit for serve unless
// GOMEMLIMIT says otherwise. With it the collector works harder as the
// process nears the limit and hands freed memory back to the system, which
// keeps a daemon with 10 000 portals under 150 MB resident while it crawls
// (see TestServeMemory). It is soft: when the live heap needs more, the
// process grows past it rather than failing.
const defaultMemoryLimit = 72 << 20

// setMemoryLimit applies defaultMemoryLimit when GOMEMLIMIT is unset.
func setMemoryLimit(c *cli, log *slog.Logger) {
	if c.getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	log.Debug("memory limit", "bytes", defaultMemoryLimit)
}

package main

import (
	"log/slog"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/config"
)

// commonFlags are the flags every command takes.
type commonFlags struct {
	config string // -c/--config: YAML file; "" → embedded default
	db     string // --db: archive path
}

// loadConfig reads the config named by the flags (or the embedded default)
// and lays the environment and then the flags over it: flags beat env beat
// file.
func (c *cli) loadConfig(cf commonFlags) (*config.Config, error) {
	cfg, err := config.Load(cf.config)
	if err != nil {
		return nil, err
	}
	cfg.Override(c.getenv, config.Overrides{DB: cf.db})
	return cfg, nil
}

// openService opens cfg's archive and the report service over it (see
// service.Open) with the CLI's clock and lock timeout, logging to log.
func (c *cli) openService(cfg *config.Config, log *slog.Logger) (*service.Service, error) {
	return service.Open(cfg, service.Options{Logger: log, Now: c.now, LockTimeout: c.lockTimeout})
}

// quietLogger is the logger of one-shot commands that have no log flags:
// their output is the result, problems come back as errors.
func (c *cli) quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

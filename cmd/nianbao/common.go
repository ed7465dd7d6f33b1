package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
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

// openStore opens the archive at cfg.Storage.Path, creating its directory.
// It waits up to lockTimeout for another process to release the file.
// normalize is the agency normaliser the store caches per agency name
// (extract's Simplify), so agency lookups match either script.
func openStore(cfg *config.Config, log *slog.Logger, now func() time.Time, lockTimeout time.Duration, normalize func(string) string) (*store.Store, error) {
	path := cfg.Storage.Path
	if path == "" {
		return nil, fmt.Errorf("%w: no archive path: set storage.path, NIANBAO_DB or --db", errInvalid)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("archive directory: %w", err)
	}
	s, err := store.Open(path, store.Options{Timeout: lockTimeout, Now: now, Logger: log, Normalize: normalize})
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("archive %s is in use by another process (a running nianbao serve?): %w", path, err)
	}
	return s, err
}

// quietLogger is the logger of one-shot commands that have no log flags:
// their output is the result, problems come back as errors.
func (c *cli) quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

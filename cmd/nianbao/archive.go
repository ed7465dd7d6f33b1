package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// archive is the archive opened directly: the store and the extraction
// service over it.
type archive struct {
	store *store.Store
	ex    *extractions
}

// openArchive opens the extractor and cfg's archive (see openStore), and
// the extraction service over both. The caller closes the archive.
// store.ErrLocked when another process holds it.
func openArchive(cfg *config.Config, log *slog.Logger, now func() time.Time, lockTimeout time.Duration) (*archive, error) {
	x, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	s, err := openStore(cfg, log, now, lockTimeout, x.Simplify)
	if err != nil {
		return nil, err
	}
	return &archive{store: s, ex: &extractions{store: s, x: x}}, nil
}

// openArchiveOf opens cfg's archive for a one-shot command: quiet logs,
// the CLI's clock and lock timeout.
func (c *cli) openArchiveOf(cfg *config.Config) (*archive, error) {
	return openArchive(cfg, c.quietLogger(), c.now, c.lockTimeout)
}

func (a *archive) Close() error { return a.store.Close() }

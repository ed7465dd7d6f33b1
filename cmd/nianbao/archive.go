package main

import (
	"fmt"

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

// openArchiveOf opens cfg's archive and the extractor. The caller closes
// the archive. store.ErrLocked when another process holds it.
func (c *cli) openArchiveOf(cfg *config.Config) (*archive, error) {
	x, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	s, err := openStore(cfg, c.quietLogger(), c.now, c.lockTimeout, x.Simplify)
	if err != nil {
		return nil, err
	}
	return &archive{store: s, ex: &extractions{store: s, x: x}}, nil
}

func (a *archive) Close() error { return a.store.Close() }

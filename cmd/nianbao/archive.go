package main

import (
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// archive is what the read-only commands work on: the opened store and
// the extraction service over it.
type archive struct {
	store *store.Store
	ex    *extractions
}

// openArchive loads the config named by cf, opens its archive and the
// extractor. The caller closes the archive.
func (c *cli) openArchive(cf commonFlags) (*archive, error) {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	x, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	s, err := openStore(cfg, c.quietLogger(), c.now)
	if err != nil {
		return nil, err
	}
	return &archive{store: s, ex: &extractions{store: s, x: x}}, nil
}

func (a *archive) Close() error { return a.store.Close() }

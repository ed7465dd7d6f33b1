package service

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Service reads reports out of the archive: the store and the extractor
// over it. Safe for concurrent use.
type Service struct {
	store *store.Store
	x     *extract.Extractor
	ownX  bool // Open made x: Close closes it
	log   *slog.Logger
	now   func() time.Time
	// charset is the charset forced for a portal's pages, by name.
	charset func(portal string) string
	// documents holds a token while the crawler's Classifier reads a
	// document: one at a time, as PDFium does.
	documents chan struct{}
}

// Options are a Service's dependencies besides the config.
type Options struct {
	// Logger receives the service's warnings; nil discards them.
	Logger *slog.Logger
	// Now is the archive's clock; nil means time.Now.
	Now func() time.Time
	// LockTimeout is how long Open waits for another process to release
	// the archive file; 0 fails at once.
	LockTimeout time.Duration
	// Charset returns the charset forced for a portal's pages (its
	// config's charset:), "" for none; extraction from the archive reads
	// a version with the charset of the portal that fetched it. Open
	// takes it from cfg when nil; nil in New forces none.
	Charset func(portal string) string
	// ReadOnly opens an existing archive for reading only (the read
	// commands): nothing is created — a missing file is ErrNoArchive —, a
	// file without write permission is read, and extractions are not
	// cached.
	ReadOnly bool
}

// ErrNoArchive: Open with Options.ReadOnly found no archive at the path.
// Its message says "no archive at PATH" and which commands create one.
var ErrNoArchive = store.ErrNoArchive

// Open builds the extractor and opens cfg's archive at
// cfg.Storage.Path, creating its directory unless opts.ReadOnly (then a
// missing archive is ErrNoArchive); it waits up to
// opts.LockTimeout for another process to release the file
// (store.ErrLocked, wrapped with a message saying so, when it does not).
// The store matches agencies in either script through the extractor's
// Simplify. The caller closes the Service.
func Open(cfg *config.Config, opts Options) (*Service, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Charset == nil {
		forced := map[string]string{}
		for _, p := range cfg.Portals {
			if p.Charset != "" {
				forced[p.Name] = p.Charset
			}
		}
		opts.Charset = func(portal string) string { return forced[portal] }
	}
	path := cfg.Storage.Path
	if path == "" {
		return nil, fmt.Errorf("%w: no archive path: set storage.path, NIANBAO_DB or --db", ErrInvalid)
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("archive directory: %w", err)
		}
	}
	// The PDF reader's compiled module is cached beside the archive (the
	// data volume in the container), so only the first start compiles it;
	// a read-only archive leaves it to the user's cache directory.
	// One PDFium instance: documents are a few of the crawl's fetches, and
	// an instance holds at least 18 MiB of WebAssembly memory. 64 MiB of it
	// at most (every report measured reads in 24): a document that needs
	// more is not read (an error, indexed unread with a WARN) rather than
	// growing the daemon.
	xopts := extract.Options{PDF: extract.PDFOptions{Instances: 1, MemoryLimit: 64 << 20}}
	if !opts.ReadOnly {
		xopts.CompileCacheDir = filepath.Join(filepath.Dir(path), "pdfium-cache")
	}
	x, err := extract.NewWithOptions(xopts)
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	s, err := store.Open(path, store.Options{Timeout: opts.LockTimeout, Now: opts.Now, Logger: opts.Logger,
		Normalize: x.Simplify, ReadOnly: opts.ReadOnly})
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("archive %s is in use by another process (a running nianbao serve?): %w", path, err)
	}
	if errors.Is(err, store.ErrNoArchive) {
		return nil, fmt.Errorf("no archive at %s (crawl and serve create one; check --db, NIANBAO_DB or storage.path)%.0w", path, err)
	}
	if err != nil {
		return nil, err
	}
	svc := New(s, x, opts)
	svc.ownX = true
	return svc, nil
}

// New is the Service over an open store and an extractor; the store
// should have been opened with x.Simplify as its Normalize. Closing the
// Service closes s.
func New(s *store.Store, x *extract.Extractor, opts Options) *Service {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Charset == nil {
		opts.Charset = func(string) string { return "" }
	}
	return &Service{store: s, x: x, log: opts.Logger, now: opts.Now, charset: opts.Charset, documents: make(chan struct{}, 1)}
}

// Store is the archive, for wiring the crawler and the scheduler, which
// write to it. Readers use the Service's methods.
func (s *Service) Store() *store.Store { return s.store }

// Simplify is the extractor's matching form of a text (Traditional →
// Simplified, NFKC, no white space); the crawler matches report titles
// and pagination labels in either script with it (crawler.Options.Simplify).
func (s *Service) Simplify(text string) string { return s.x.Simplify(text) }

// Close closes the archive, and the extractor when Open made it.
func (s *Service) Close() error {
	err := s.store.Close()
	if s.ownX {
		err = errors.Join(err, s.x.Close())
	}
	return err
}

package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// DefaultTimeout is how long Open waits for another process to release the
// file when Options.Timeout is zero.
const DefaultTimeout = 5 * time.Second

// Options configure Open. The zero value is usable.
type Options struct {
	// Timeout bounds the wait for the file lock held by another process;
	// zero means DefaultTimeout. When it expires Open returns ErrLocked.
	Timeout time.Duration
	// Now stamps fetches that carry no FetchedAt and runs; nil means time.Now.
	Now func() time.Time
	// Logger receives rare operational messages; nil discards them.
	Logger *slog.Logger
	// NoSync skips fsync on commit. Only for tests and benchmarks: a power
	// failure may then lose or damage recent commits (a process crash does not).
	NoSync bool
	// Normalize is the store's agency normaliser (e.g. extract's
	// Traditional → Simplified + NFKC). Reports uses it when a query has no
	// Normalize of its own, caching its result per agency name, which makes
	// agency lookups cheap. Nil means none.
	Normalize func(string) string
	// MaxBatch caps how many fetches one write transaction applies when
	// concurrent Record/RecordBatch calls are coalesced; zero means 4096.
	MaxBatch int
	// ReadOnly opens an existing archive for reading only: nothing is
	// created (a missing file is ErrNoArchive), the file may be read-only
	// (a copy, a shared volume), and several read-only opens share the
	// file; a writer's lock still makes them wait (ErrLocked). Every write
	// method then returns ErrReadOnly. A schema-1 file, which must be
	// converted in place first, is ErrSchema.
	ReadOnly bool
}

// Store is an open archive. All methods are safe for concurrent use by
// multiple goroutines. Writes are serialised through one writer goroutine
// that groups concurrent calls into one transaction; reads run in their own
// short read transactions and never wait for a writer.
type Store struct {
	db        *bolt.DB
	path      string
	now       func() time.Time
	log       *slog.Logger
	enc       *zstd.Encoder
	dec       *zstd.Decoder
	writer    *writer
	readOnly  bool
	agencies  *agencyDir
	releaser  *releaser
	closeOnce sync.Once
	closeErr  error
}

// Open opens the archive at path, creating it (mode 0600, parent
// directories 0700) when absent unless opts.ReadOnly is set (then a missing
// file is ErrNoArchive). It returns ErrLocked when another process holds
// the file past opts.Timeout, and ErrSchema when the file was written with
// another schema version or is not an archive.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("store: open: empty path: %w", ErrInvalid)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 4096
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("store: open %s: %w", path, ErrNoArchive)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create directory of %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		ReadOnly:        opts.ReadOnly,
		Timeout:         opts.Timeout,
		NoSync:          opts.NoSync,
		FreelistType:    bolt.FreelistMapType,
		InitialMmapSize: 1 << 30, // fewer remaps: a remap waits for every open read transaction
	})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("store: open %s: another process (another nianbao?) holds it; waited %s: %w",
			path, opts.Timeout, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := prepareSchema(db, opts); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Fastest level: HTML still shrinks to about 1/8. No frame checksum:
	// Body verifies the SHA-256 of every body it returns. A 1 MiB window
	// with the encoder's low-memory history: each encoder keeps 1.1 MiB of
	// history instead of 16 MiB (the default 8 MiB window), which a
	// daemon held as live heap for as long as it ran; pages and documents
	// are rarely longer, and matches further back than 1 MiB are rare in
	// them.
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false), zstd.WithNoEntropyCompression(true),
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithWindowSize(encoderWindow), zstd.WithLowerEncoderMem(true))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: zstd encoder: %w", err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<32))
	if err != nil {
		enc.Close()
		db.Close()
		return nil, fmt.Errorf("store: zstd decoder: %w", err)
	}
	s := &Store{db: db, path: path, now: opts.Now, log: opts.Logger, enc: enc, dec: dec, readOnly: opts.ReadOnly,
		agencies: newAgencyDir(opts.Normalize)}
	if err := db.View(s.agencies.load); err != nil {
		enc.Close()
		dec.Close()
		db.Close()
		return nil, fmt.Errorf("store: open %s: load agencies: %w", path, err)
	}
	s.releaser = startReleaser(s)
	s.writer = startWriter(s, opts.MaxBatch)
	return s, nil
}

// encoderWindow is the zstd window of the archive's encoder.
const encoderWindow = 1 << 20

// prepareSchema converts a schema-1 file and creates the buckets of a new
// one; opened read-only, it only checks that the file is an archive of
// this schema.
func prepareSchema(db *bolt.DB, opts Options) error {
	if opts.ReadOnly {
		return db.View(checkSchema)
	}
	if err := migrate(db, opts.Logger); err != nil {
		return err
	}
	return db.Update(initSchema)
}

// checkSchema accepts a file of this build's schema and nothing else.
func checkSchema(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("not a nianbao archive (no meta bucket): %w", ErrSchema)
	}
	v := meta.Get(metaSchema)
	if len(v) != 4 {
		return fmt.Errorf("meta bucket has no schema version: %w", ErrSchema)
	}
	switch got := binary.BigEndian.Uint32(v); {
	case got == 1:
		return fmt.Errorf("file has schema version 1, converted in place the first time crawl or serve opens it (back it up first to keep the old format): %w", ErrSchema)
	case got != SchemaVersion:
		return fmt.Errorf("file has schema version %d, this build reads version %d: %w", got, SchemaVersion, ErrSchema)
	}
	return nil
}

// initSchema creates the buckets of a new file and checks the schema version
// of an existing one.
func initSchema(tx *bolt.Tx) error {
	if tx.Bucket(bucketMeta) != nil {
		if err := checkSchema(tx); err != nil {
			return err
		}
		for _, name := range addedBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	}
	var foreign []string
	_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		foreign = append(foreign, string(name))
		return nil
	})
	if len(foreign) > 0 {
		return fmt.Errorf("not a nianbao archive (buckets %q, no meta): %w", foreign, ErrSchema)
	}
	for _, name := range append(slices.Clone(allBuckets), addedBuckets...) {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, SchemaVersion))
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close waits for pending writes, then closes the file. Calling it again
// returns the first result. No method may be called after Close.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.writer.stop()
		s.releaser.stop()
		s.enc.Close()
		s.dec.Close()
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("store: close %s: %w", s.path, err)
		}
	})
	return s.closeErr
}

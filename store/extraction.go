package store

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// PutExtraction caches the extraction result of a version made by the
// given extractor version (extract.Version), replacing any earlier result
// of that same pair. data is stored compressed. Errors: ErrInvalid for a
// malformed version id or empty extractor, ErrNotFound for an unknown version.
func (s *Store) PutExtraction(ctx context.Context, versionID, extractor string, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	seq, err := parseVersionID(versionID)
	if err != nil {
		return err
	}
	if extractor == "" {
		return fmt.Errorf("store: put extraction of version %s: empty extractor version: %w", versionID, ErrInvalid)
	}
	rec, _ := s.encodeBlob(data)
	err = s.update(ctx, func(tx *bolt.Tx) error {
		if _, err := getVersion(tx.Bucket(bucketVersions), seq); err != nil {
			return err
		}
		return tx.Bucket(bucketExtractions).Put(extractionKey(seq, extractor), rec)
	})
	if err != nil {
		return fmt.Errorf("store: put extraction of version %s: %w", versionID, err)
	}
	return nil
}

// Extraction returns the cached result of a version made by exactly the
// given extractor version. ErrNotFound when there is none — including when
// only another extractor version's result is cached, which the caller must
// treat as stale and re-extract.
func (s *Store) Extraction(ctx context.Context, versionID, extractor string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seq, err := parseVersionID(versionID)
	if err != nil {
		return nil, err
	}
	var rec []byte
	err = s.view(func(tx *bolt.Tx) error {
		// Decompress after the transaction, as Body does.
		rec = bytes.Clone(tx.Bucket(bucketExtractions).Get(extractionKey(seq, extractor)))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: extraction of version %s: %w", versionID, err)
	}
	if rec == nil {
		return nil, fmt.Errorf("store: extraction of version %s by extractor %q: %w", versionID, extractor, ErrNotFound)
	}
	return s.decodeBlob(rec)
}

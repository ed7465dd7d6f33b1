package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Blob records: one codec byte, the raw size as a uvarint, then the payload.
// A body that zstd does not shrink is kept as is.
const (
	codecIdentity = 0
	codecZstd     = 1
)

// encodeBlob compresses raw into a blob record and reports the payload size.
func (s *Store) encodeBlob(raw []byte) (rec []byte, payload int) {
	// Room for HTML's usual ratio, so the encoder does not grow dst in steps.
	head := binary.AppendUvarint(make([]byte, 1, 16+len(raw)/4), uint64(len(raw)))
	head[0] = codecZstd
	rec = s.enc.EncodeAll(raw, head)
	if len(rec)-len(head) >= len(raw) {
		head[0] = codecIdentity
		rec = append(head, raw...)
	}
	return rec, len(rec) - len(head)
}

// decodeBlob returns a fresh copy of the raw bytes of a blob record; rec may
// point into the mmap, the result does not.
func (s *Store) decodeBlob(rec []byte) ([]byte, error) {
	if len(rec) < 2 {
		return nil, fmt.Errorf("store: decode blob: short record: %w", ErrCorrupt)
	}
	size, n := binary.Uvarint(rec[1:])
	if n <= 0 || size > 1<<40 {
		return nil, fmt.Errorf("store: decode blob: bad size: %w", ErrCorrupt)
	}
	payload := rec[1+n:]
	switch rec[0] {
	case codecIdentity:
		if uint64(len(payload)) != size {
			return nil, fmt.Errorf("store: decode blob: size %d, have %d bytes: %w", size, len(payload), ErrCorrupt)
		}
		return bytes.Clone(payload), nil
	case codecZstd:
		if size > 4*uint64(len(payload))+1<<30 {
			return nil, fmt.Errorf("store: decode blob: implausible size %d: %w", size, ErrCorrupt)
		}
		raw, err := s.dec.DecodeAll(payload, make([]byte, 0, size))
		if err != nil {
			return nil, fmt.Errorf("store: decode blob: %v: %w", err, ErrCorrupt)
		}
		if uint64(len(raw)) != size {
			return nil, fmt.Errorf("store: decode blob: size %d, decoded %d: %w", size, len(raw), ErrCorrupt)
		}
		return raw, nil
	default:
		return nil, fmt.Errorf("store: decode blob: codec %d: %w", rec[0], ErrCorrupt)
	}
}

// Body returns the raw bytes stored under sha256 (hex), verified against
// that hash. The slice is the caller's. ErrNotFound when no such blob,
// ErrInvalid for a malformed hash, ErrCorrupt when the bytes do not match.
func (s *Store) Body(ctx context.Context, sha256Hex string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var key [hashLen]byte
	if len(sha256Hex) != 2*hashLen {
		return nil, fmt.Errorf("store: body %q: not a SHA-256: %w", sha256Hex, ErrInvalid)
	}
	if _, err := hex.Decode(key[:], []byte(sha256Hex)); err != nil {
		return nil, fmt.Errorf("store: body %q: not a SHA-256: %w", sha256Hex, ErrInvalid)
	}
	var rec []byte
	err := s.view(func(tx *bolt.Tx) error {
		// Copy the compressed record out and decompress after the
		// transaction, so a large body never holds a read transaction open.
		rec = bytes.Clone(getBlob(tx, key[:]))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: body %s: %w", sha256Hex, err)
	}
	if rec == nil {
		return nil, fmt.Errorf("store: body %s: %w", sha256Hex, ErrNotFound)
	}
	raw, err := s.decodeBlob(rec)
	if err != nil {
		return nil, err
	}
	if sha256.Sum256(raw) != key {
		return nil, fmt.Errorf("store: body %s: content does not match its hash: %w", sha256Hex, ErrCorrupt)
	}
	return raw, nil
}

// appendBlob stores a blob record at the end of the blob tree and indexes it
// under its SHA-256.
func appendBlob(blobs, blobIdx *bolt.Bucket, sha, rec []byte) error {
	seq, err := blobs.NextSequence()
	if err != nil {
		return fmt.Errorf("next blob number: %w", err)
	}
	if err := blobs.Put(seqKey(seq), rec); err != nil {
		return fmt.Errorf("put blob: %w", err)
	}
	if err := blobIdx.Put(sha, seqKey(seq)); err != nil {
		return fmt.Errorf("put blob index: %w", err)
	}
	return nil
}

// getBlob returns the blob record stored under sha, or nil. The slice points
// into the transaction's pages.
func getBlob(tx *bolt.Tx, sha []byte) []byte {
	seq := tx.Bucket(bucketBlobIdx).Get(sha)
	if len(seq) != seqLen {
		return nil
	}
	return tx.Bucket(bucketBlobs).Get(seq)
}

package store

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Stats are archive totals for /metrics.
type Stats struct {
	Versions int64 // recorded fetches of every outcome
	Blobs    int64 // distinct bodies stored
	// RawBytes is the sum of the sizes of all content versions (outcome new):
	// what the archive would hold storing each new body as received.
	RawBytes int64
	// StoredBytes is the sum of the compressed blob payloads.
	StoredBytes int64
	// DedupSavedBytes is RawBytes minus the raw size of the distinct blobs:
	// bytes not stored because another version had the same body.
	DedupSavedBytes int64
	// FileSize is the size of the bbolt file, free pages included.
	FileSize int64
}

// Counter keys in the meta bucket.
var (
	statVersions = []byte("stat/versions")
	statBlobs    = []byte("stat/blobs")
	statRaw      = []byte("stat/raw_bytes")
	statBlobRaw  = []byte("stat/blob_raw_bytes")
	statStored   = []byte("stat/stored_bytes")
)

// statsDelta accumulates counter changes within one write transaction.
type statsDelta struct{ versions, blobs, raw, blobRaw, stored int64 }

func (d statsDelta) flush(meta *bolt.Bucket) error {
	for _, c := range []struct {
		key []byte
		add int64
	}{{statVersions, d.versions}, {statBlobs, d.blobs}, {statRaw, d.raw}, {statBlobRaw, d.blobRaw}, {statStored, d.stored}} {
		if c.add == 0 {
			continue
		}
		if err := meta.Put(c.key, binary.BigEndian.AppendUint64(nil, uint64(counter(meta, c.key)+c.add))); err != nil {
			return fmt.Errorf("update counter %s: %w", c.key, err)
		}
	}
	return nil
}

func counter(meta *bolt.Bucket, key []byte) int64 {
	v := meta.Get(key)
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

// Stats reads the running totals in one short read transaction.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	var st Stats
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		st = Stats{
			Versions:        counter(meta, statVersions),
			Blobs:           counter(meta, statBlobs),
			RawBytes:        counter(meta, statRaw),
			StoredBytes:     counter(meta, statStored),
			DedupSavedBytes: counter(meta, statRaw) - counter(meta, statBlobRaw),
			FileSize:        tx.Size(),
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}

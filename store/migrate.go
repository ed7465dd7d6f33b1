package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log/slog"

	bolt "go.etcd.io/bbolt"
)

// Schema 1's buckets that schema 2 replaced: blobs (sha256[32] → blob
// record) and byurl (urlhash ‖ time ‖ seq → empty, now in urls).
var (
	bucketBlobsV1 = []byte("blobs")
	bucketByURLV1 = []byte("byurl")
)

// migrateChunk is how many records one migration transaction moves, so that
// moving a large archive never builds one huge transaction in memory.
const migrateChunk = 512

// migrate brings a schema-1 file to schema 2 by moving, in chunks, its
// blobs from the hash-keyed bucket to the appended bodies bucket and its
// hash index, then its URL history entries from byurl into urls. Each chunk
// moves and deletes its records in one transaction, so a crash in the
// middle leaves a file that the next Open continues to migrate; no record
// is ever in neither place. Files of any other version are left for
// initSchema to accept or refuse.
func migrate(db *bolt.DB, log *slog.Logger) error {
	var version uint32
	if err := db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if v := meta.Get(metaSchema); len(v) == 4 {
				version = binary.BigEndian.Uint32(v)
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version != 1 {
		return nil
	}
	log.Info("store: moving blobs and URL histories to schema 2")
	moved := 0
	for {
		n, err := migrateStep(db)
		if err != nil {
			return fmt.Errorf("migrate schema 1 to 2 after %d records: %w", moved, err)
		}
		if n == 0 {
			break
		}
		moved += n
	}
	log.Info("store: migrated to schema 2", "records", moved)
	return nil
}

// migrateStep moves the next chunk (blobs first, then history entries) and
// returns how many records it moved; when none are left it drops the old
// buckets and records schema 2.
func migrateStep(db *bolt.DB) (int, error) {
	n := 0
	err := db.Update(func(tx *bolt.Tx) error {
		var err error
		if n, err = moveBlobs(tx); err != nil || n > 0 {
			return err
		}
		if n, err = moveHistory(tx); err != nil || n > 0 {
			return err
		}
		for _, name := range [][]byte{bucketBlobsV1, bucketByURLV1} {
			if tx.Bucket(name) == nil {
				continue
			}
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("drop bucket %s: %w", name, err)
			}
		}
		return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, 2))
	})
	return n, err
}

// moveBlobs moves up to migrateChunk schema-1 blobs into bodies and
// bodyidx and returns how many it moved.
func moveBlobs(tx *bolt.Tx) (int, error) {
	old := tx.Bucket(bucketBlobsV1)
	if old == nil {
		return 0, nil
	}
	bodies, err := tx.CreateBucketIfNotExists(bucketBlobs)
	if err != nil {
		return 0, fmt.Errorf("create bucket %s: %w", bucketBlobs, err)
	}
	bodies.FillPercent = 1
	idx, err := tx.CreateBucketIfNotExists(bucketBlobIdx)
	if err != nil {
		return 0, fmt.Errorf("create bucket %s: %w", bucketBlobIdx, err)
	}
	return moveChunk(old, func(k, v []byte) error {
		if idx.Get(k) != nil {
			return nil
		}
		return appendBlob(bodies, idx, k, v)
	})
}

// moveHistory moves up to migrateChunk schema-1 history entries from byurl
// into urls and returns how many it moved.
func moveHistory(tx *bolt.Tx) (int, error) {
	old := tx.Bucket(bucketByURLV1)
	if old == nil {
		return 0, nil
	}
	urls := tx.Bucket(bucketURLs)
	return moveChunk(old, func(k, v []byte) error {
		if err := urls.Put(k, v); err != nil {
			return fmt.Errorf("put history entry: %w", err)
		}
		return nil
	})
}

// moveChunk hands up to migrateChunk records of old to put (copies, valid
// for the transaction) and deletes each from old.
func moveChunk(old *bolt.Bucket, put func(k, v []byte) error) (int, error) {
	n := 0
	c := old.Cursor()
	for k, v := c.First(); k != nil && n < migrateChunk; k, v = c.First() {
		if err := put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return n, err
		}
		if err := c.Delete(); err != nil {
			return n, fmt.Errorf("delete moved record: %w", err)
		}
		n++
	}
	return n, nil
}

package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log/slog"

	bolt "go.etcd.io/bbolt"
)

// bucketBlobsV1 is schema 1's blob bucket: sha256[32] → blob record.
var bucketBlobsV1 = []byte("blobs")

// migrateChunk is how many blobs one migration transaction moves, so that
// moving a large archive never builds one huge transaction in memory.
const migrateChunk = 512

// migrate brings a schema-1 file to schema 2 by moving its blobs, in
// chunks, from the hash-keyed bucket to the appended bodies bucket and its
// hash index. Each chunk moves and deletes its blobs in one transaction, so
// a crash in the middle leaves a file that the next Open continues to
// migrate; no blob is ever in neither place. Files of any other version
// are left for initSchema to accept or refuse.
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
	log.Info("store: moving blobs to schema 2")
	moved := 0
	for {
		n, err := moveBlobs(db)
		if err != nil {
			return fmt.Errorf("migrate schema 1 to 2 after %d blobs: %w", moved, err)
		}
		if n == 0 {
			break
		}
		moved += n
	}
	log.Info("store: migrated to schema 2", "blobs", moved)
	return nil
}

// moveBlobs moves up to migrateChunk schema-1 blobs and returns how many it
// moved; when none are left it drops the old bucket and records schema 2.
func moveBlobs(db *bolt.DB) (int, error) {
	n := 0
	err := db.Update(func(tx *bolt.Tx) error {
		bodies, err := tx.CreateBucketIfNotExists(bucketBlobs)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketBlobs, err)
		}
		bodies.FillPercent = 1
		idx, err := tx.CreateBucketIfNotExists(bucketBlobIdx)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketBlobIdx, err)
		}
		old := tx.Bucket(bucketBlobsV1)
		if old == nil {
			return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, 2))
		}
		c := old.Cursor()
		for k, v := c.First(); k != nil && n < migrateChunk; k, v = c.First() {
			if idx.Get(k) == nil {
				if err := appendBlob(bodies, idx, bytes.Clone(k), bytes.Clone(v)); err != nil {
					return err
				}
			}
			if err := c.Delete(); err != nil {
				return fmt.Errorf("delete old blob: %w", err)
			}
			n++
		}
		if n == 0 {
			if err := tx.DeleteBucket(bucketBlobsV1); err != nil {
				return fmt.Errorf("drop old blob bucket: %w", err)
			}
			return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, 2))
		}
		return nil
	})
	return n, err
}

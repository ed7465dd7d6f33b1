package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// downgradeToV1 rewrites a closed schema-2 file into schema 1's layout:
// blob records keyed by SHA-256 in "blobs", no bodies or bodyidx, and the
// URL history entries in "byurl" instead of urls.
func downgradeToV1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		old, err := tx.CreateBucket(bucketBlobsV1)
		if err != nil {
			return err
		}
		bodies := tx.Bucket(bucketBlobs)
		if err := tx.Bucket(bucketBlobIdx).ForEach(func(sha, seq []byte) error {
			return old.Put(bytes.Clone(sha), bytes.Clone(bodies.Get(seq)))
		}); err != nil {
			return err
		}
		byURL, err := tx.CreateBucket(bucketByURLV1)
		if err != nil {
			return err
		}
		urls := tx.Bucket(bucketURLs)
		var history [][]byte
		if err := urls.ForEach(func(k, _ []byte) error {
			if len(k) == byURLKeyLen {
				history = append(history, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range history {
			if err := byURL.Put(k, []byte{}); err != nil {
				return err
			}
			if err := urls.Delete(k); err != nil {
				return err
			}
		}
		for _, name := range [][]byte{bucketBlobs, bucketBlobIdx} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, 1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpenMigratesSchema1 opens schema-1 files, one untouched and one whose
// migration was interrupted after its first chunk.
func TestOpenMigratesSchema1(t *testing.T) {
	for _, chunksBefore := range []int{0, 1} {
		t.Run(fmt.Sprintf("interrupted-after-%d-chunks", chunksBefore), func(t *testing.T) {
			testMigration(t, chunksBefore)
		})
	}
}

func testMigration(t *testing.T, chunksBefore int) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	// More distinct bodies than one migration chunk, plus a body shared by
	// two URLs.
	fs := make([]Fetch, 0, 2*migrateChunk+3)
	for i := range 2*migrateChunk + 2 {
		fs = append(fs, ok200(fmt.Sprintf("http://a.test/%d", i), i, fmt.Sprintf("body %d", i)))
	}
	fs = append(fs, ok200("http://b.test/copy", 0, "body 7"))
	before, err := s.RecordBatch(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	statsBefore, _ := s.Stats(ctx)
	historyBefore, err := s.Versions(ctx, "http://a.test/7")
	if err != nil || len(historyBefore) != 1 {
		t.Fatalf("Versions before = %v, %v", historyBefore, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	downgradeToV1(t, path)
	if chunksBefore > 0 {
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range chunksBefore {
			if _, err := migrateStep(db); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
	}

	s = MustOpenAt(t, path)
	for i, v := range before {
		body, err := s.Body(ctx, v.SHA256)
		if err != nil || !bytes.Equal(body, fs[i].Body) {
			t.Fatalf("after migration Body(%s) = %q, %v; want %q", v.URL, body, err, fs[i].Body)
		}
	}
	for i, v := range before {
		if got, err := s.Latest(ctx, v.URL); err != nil || got.ID != v.ID {
			t.Errorf("after migration Latest(%s) = %s, %v; want version %s (fetch %d)", v.URL, got.ID, err, v.ID, i)
		}
	}
	if history, err := s.Versions(ctx, "http://a.test/7"); err != nil || !reflect.DeepEqual(history, historyBefore) {
		t.Errorf("Versions after migration = %v, %v; want %v", history, err, historyBefore)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketBlobsV1, bucketByURLV1} {
			if tx.Bucket(name) != nil {
				t.Errorf("schema 1 bucket %s still present", name)
			}
		}
		if n := tx.Bucket(bucketBlobs).Stats().KeyN; n != 2*migrateChunk+2 {
			t.Errorf("bodies holds %d blobs, want %d", n, 2*migrateChunk+2)
		}
		if v := tx.Bucket(bucketMeta).Get(metaSchema); binary.BigEndian.Uint32(v) != SchemaVersion {
			t.Errorf("schema after migration = %d", binary.BigEndian.Uint32(v))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.Blobs != statsBefore.Blobs || st.Versions != statsBefore.Versions {
		t.Errorf("stats after migration = %+v, before %+v", st, statsBefore)
	}
	// New fetches land in the new layout and dedup against migrated blobs.
	if v := MustRecord(t, s, ok200("http://c.test/", 0, "body 3")); v.Outcome != OutcomeNew {
		t.Errorf("new URL with a migrated body: outcome %s", v.Outcome)
	}
	if st, _ := s.Stats(ctx); st.Blobs != statsBefore.Blobs {
		t.Errorf("a migrated body was stored again: %d blobs, want %d", st.Blobs, statsBefore.Blobs)
	}
}

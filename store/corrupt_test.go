package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A damaged record fails the fetches that touch it with ErrCorrupt and
// nothing else, also when concurrent calls share its transaction.
func TestCorruptURLStateFailsOnlyItsFetch(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const bad = "http://a.test/damaged"
	MustRecord(t, s, ok200(bad, 0, "A"))
	h := urlHash(bad)
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketURLs).Put(h[:], []byte{recordFormat, 0xff}) }); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			u := "http://a.test/fine"
			if i == 0 {
				u = bad
			}
			_, err := s.Record(ctx, ok200(u, i+1, "B"))
			switch {
			case u == bad && !errors.Is(err, ErrCorrupt):
				t.Errorf("Record(damaged URL) = %v, want ErrCorrupt", err)
			case u != bad && err != nil:
				t.Errorf("Record(healthy URL) = %v, want success", err)
			}
		})
	}
	wg.Wait()
	if vs, _ := s.Versions(ctx, "http://a.test/fine"); len(vs) != 7 {
		t.Errorf("healthy URL has %d versions, want 7", len(vs))
	}
}

func TestBodyDetectsDamagedBlob(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	v := MustRecord(t, s, ok200("http://a.test/1", 0, "original bytes"))
	other, _ := s.encodeBlob([]byte("other bytes"))
	key := mustHex(t, v.SHA256)
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketBlobs).Put(tx.Bucket(bucketBlobIdx).Get(key), other) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Body(ctx, v.SHA256); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Body(damaged) = %v, want ErrCorrupt", err)
	}
}

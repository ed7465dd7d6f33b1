package store

import (
	"context"
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestGroupedCommitIsolatesAFailingJob commits, in one group, two fetches,
// a change that fails and one that succeeds: the failing job alone gets its
// error, everything else is committed.
func TestGroupedCommitIsolatesAFailingJob(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	prep := func(f Fetch) *job {
		p, err := s.prepare(f)
		if err != nil {
			t.Fatal(err)
		}
		return &job{items: []*prepared{p}, done: make(chan struct{})}
	}
	fn := func(fn func(tx *bolt.Tx) error) *job { return &job{fn: fn, done: make(chan struct{})} }
	errBad := errors.New("bad change")
	batch := []*job{
		prep(ok200("http://a.test/1", 0, "one")),
		fn(func(tx *bolt.Tx) error {
			if err := tx.Bucket(bucketFrontier).Put([]byte("written-then-failed"), []byte{1}); err != nil {
				return err
			}
			return errBad
		}),
		fn(func(tx *bolt.Tx) error { return tx.Bucket(bucketFrontier).Put([]byte("kept"), []byte{1}) }),
		prep(ok200("http://a.test/2", 0, "two")),
	}
	s.writer.commit(batch)
	for i, j := range batch {
		<-j.done
		if want := i == 1; (j.err != nil) != want {
			t.Errorf("job %d: err = %v, want error: %v", i, j.err, want)
		}
	}
	if !errors.Is(batch[1].err, errBad) {
		t.Errorf("failing job's error = %v, want %v", batch[1].err, errBad)
	}
	for _, url := range []string{"http://a.test/1", "http://a.test/2"} {
		if _, err := s.Latest(ctx, url); err != nil {
			t.Errorf("Latest(%s) = %v, want the committed fetch", url, err)
		}
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		f := tx.Bucket(bucketFrontier)
		if f.Get([]byte("kept")) == nil {
			t.Error("the succeeding change was not committed")
		}
		if f.Get([]byte("written-then-failed")) != nil {
			t.Error("the failing change's write was committed")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

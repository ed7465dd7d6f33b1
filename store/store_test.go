package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "archive.db")
	MustOpenAt(t, path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode = %v, want 0600", mode)
	}
}

func TestOpenLockedByAnother(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	MustOpenAt(t, path)
	start := time.Now()
	_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second Open returned after %v, want about the 100ms timeout", time.Since(start))
	}
}

func TestOpenRejectsOtherSchemas(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		setup func(tx *bolt.Tx) error
	}{
		{"newer schema version", func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			return b.Put(metaSchema, binary.BigEndian.AppendUint32(nil, SchemaVersion+1))
		}},
		{"meta without version", func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket(bucketMeta)
			return err
		}},
		{"foreign bbolt file", func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("widgets"))
			return err
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("%d.db", i))
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tt.setup); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if s, err := Open(path, Options{}); !errors.Is(err, ErrSchema) {
				if err == nil {
					s.Close()
				}
				t.Errorf("Open = %v, want ErrSchema", err)
			}
		})
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	ctx := context.Background()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := MustRecord(t, s, ok200("http://a.test/1", 0, "kept across restarts"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if _, err := s.Record(ctx, ok200("http://a.test/1", 1, "x")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Record after Close = %v, want ErrInvalid", err)
	}
	s = MustOpenAt(t, path)
	_, raw, err := s.Raw(ctx, v.ID)
	if err != nil || string(raw) != "kept across restarts" {
		t.Errorf("Raw after reopen = %q, %v", raw, err)
	}
	next := MustRecord(t, s, ok200("http://a.test/1", 1, "kept across restarts"))
	if next.Outcome != OutcomeUnchanged || next.ID == v.ID {
		t.Errorf("fetch after reopen = %s %v, want a new id, unchanged", next.ID, next.Outcome)
	}
}

// Writers, readers and batch writers at once: run with -race. Every
// recorded version must be readable afterwards and ids must be unique.
func TestConcurrentUse(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	ids := make(chan string, 1000)
	for w := range 8 {
		wg.Go(func() {
			for i := range 40 {
				u := fmt.Sprintf("http://c.test/%d", i%5)
				v, err := s.Record(ctx, ok200(u, i, fmt.Sprintf("w%d body %d", w, i%3)))
				if err != nil {
					t.Error(err)
					return
				}
				ids <- v.ID
				if _, err := s.Latest(ctx, u); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		fs := make([]Fetch, 100)
		for i := range fs {
			fs[i] = ok200(fmt.Sprintf("http://batch.test/%d", i), 0, fmt.Sprint(i))
		}
		vs, err := s.RecordBatch(ctx, fs)
		if err != nil {
			t.Error(err)
		}
		for _, v := range vs {
			ids <- v.ID
		}
	})
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("version id %s handed out twice", id)
		}
		seen[id] = true
		if _, _, err := s.Raw(ctx, id); err != nil {
			t.Errorf("Raw(%s) = %v", id, err)
		}
	}
	if len(seen) != 8*40+100 {
		t.Errorf("%d versions, want %d", len(seen), 8*40+100)
	}
}

// An open read transaction (an API request, an export chunk) must not block
// the writer, even while the file grows by several megabytes.
func TestWriterNotBlockedByReader(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	tx, err := s.db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	base := govPage(7, 20<<10)
	fs := make([]Fetch, 300)
	for i := range fs {
		fs[i] = Fetch{URL: fmt.Sprintf("http://r.test/%d", i), Status: 200, Body: uniquePage(base, i)}
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.RecordBatch(ctx, fs)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("RecordBatch still blocked after a minute behind an open read transaction")
	}
	if n := tx.Bucket(bucketVersions).Stats().KeyN; n != 0 {
		t.Errorf("the old read transaction sees %d versions, want 0 (its snapshot)", n)
	}
}

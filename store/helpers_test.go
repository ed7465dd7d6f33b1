package store

import (
	"context"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// t0 is the fixed start of test time.
var t0 = time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)

// MustOpen opens a fresh archive in tb.TempDir() and, at cleanup, checks
// the file's consistency with tx.Check before closing it.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	return MustOpenAt(tb, filepath.Join(tb.TempDir(), "archive.db"))
}

// MustOpenAt opens the archive at path with a fixed clock and no fsync.
func MustOpenAt(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(path, Options{NoSync: true, Now: func() time.Time { return t0 }})
	if err != nil {
		tb.Fatalf("Open(%s) = %v", path, err)
	}
	tb.Cleanup(func() {
		MustCheck(tb, s)
		if err := s.Close(); err != nil {
			tb.Errorf("Close() = %v", err)
		}
	})
	return s
}

// MustCheck runs bbolt's consistency check on an open store.
func MustCheck(tb testing.TB, s *Store) {
	tb.Helper()
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			tb.Errorf("tx.Check: %v", err)
		}
		return nil
	})
	if err != nil {
		tb.Errorf("check view: %v", err)
	}
}

// MustRecord records f and fails the test on error.
func MustRecord(tb testing.TB, s *Store, f Fetch) Version {
	tb.Helper()
	v, err := s.Record(context.Background(), f)
	if err != nil {
		tb.Fatalf("Record(%s, %d) = %v", f.URL, f.Status, err)
	}
	return v
}

// ok200 is a 2xx fetch of url at minute m with body.
func ok200(url string, m int, body string) Fetch {
	return Fetch{Portal: "test", URL: url, FetchedAt: at(m), Status: 200, Body: []byte(body),
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}}
}

// at is test time plus m minutes.
func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

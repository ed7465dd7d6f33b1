package warc_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc"
)

// t0 is the clock of the test archives.
var t0 = time.Date(2025, 3, 4, 5, 6, 7, 891_000_000, time.UTC)

// fixedOptions make an export byte-for-byte reproducible.
func fixedOptions() warc.Options {
	return warc.Options{
		Software:  "nianbao/test",
		Now:       func() time.Time { return t0.Add(1000 * time.Hour) },
		Namespace: uuid.MustParse("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
	}
}

// MustOpen opens a fresh archive in a temp dir, closed at cleanup.
func MustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "archive.db"), store.Options{NoSync: true, Now: func() time.Time { return t0 }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustRecord records f and checks the outcome the store decided.
func MustRecord(tb testing.TB, s *store.Store, f store.Fetch, want store.Outcome) store.Version {
	tb.Helper()
	v, err := s.Record(context.Background(), f)
	if err != nil {
		tb.Fatalf("Record(%s): %v", f.URL, err)
	}
	if v.Outcome != want {
		tb.Fatalf("Record(%s) outcome = %s, want %s", f.URL, v.Outcome, want)
	}
	return v
}

// MustExport exports s and returns the file and the summary.
func MustExport(tb testing.TB, s *store.Store, opts warc.Options) ([]byte, warc.Summary) {
	tb.Helper()
	var buf bytes.Buffer
	sum, err := warc.Export(context.Background(), s, &buf, opts)
	if err != nil {
		tb.Fatalf("Export: %v", err)
	}
	if sum.Bytes != int64(buf.Len()) {
		tb.Errorf("Summary.Bytes = %d, wrote %d", sum.Bytes, buf.Len())
	}
	return buf.Bytes(), sum
}

// gzipMembers splits data into its gzip members, decompressed; it fails
// when data is not a plain sequence of gzip members.
func gzipMembers(tb testing.TB, data []byte) [][]byte {
	tb.Helper()
	br := bytes.NewReader(data)
	var out [][]byte
	zr, err := gzip.NewReader(br)
	for err == nil {
		zr.Multistream(false)
		var m []byte
		if m, err = io.ReadAll(zr); err != nil {
			tb.Fatalf("gzip member %d: %v", len(out), err)
		}
		out = append(out, m)
		err = zr.Reset(br)
	}
	if !errors.Is(err, io.EOF) {
		tb.Fatalf("after gzip member %d: %v", len(out), err)
	}
	return out
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

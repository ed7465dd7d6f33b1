package warc_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
	bolt "go.etcd.io/bbolt"

	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc"
	"github.com/nianbao/nianbao/store/warc/warctest"
)

// damageBlob replaces the stored bytes of body sha (hex) by other bytes of
// the same length, so that store.Body reports store.ErrCorrupt. It closes
// s and works on the file directly (bucket names of store/schema.go,
// schema 2); the caller reopens it.
func damageBlob(tb testing.TB, path, sha string) {
	tb.Helper()
	key, err := hex.DecodeString(sha)
	if err != nil {
		tb.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		seq := tx.Bucket([]byte("bodyidx")).Get(key)
		if seq == nil {
			return errors.New("no such blob")
		}
		rec := binary.AppendUvarint([]byte{0}, 5) // identity codec, 5 raw bytes
		return tx.Bucket([]byte("bodies")).Put(seq, append(rec, "WRONG"...))
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// A damaged body costs its response and the revisits of it, nothing else:
// the file stays readable and Export reports ErrCorrupt with the count.
func TestExportSkipsDamagedBody(t *testing.T) {
	s := MustOpen(t)
	path := s.Path()
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	ok := func(u string, h int, body string) store.Fetch {
		return store.Fetch{URL: u, FetchedAt: at(h), Status: 200, Body: []byte(body)}
	}
	bad := MustRecord(t, s, ok("http://a.test/bad", 0, "hello"), store.OutcomeNew)
	MustRecord(t, s, ok("http://a.test/good", 1, "fine"), store.OutcomeNew)
	MustRecord(t, s, ok("http://a.test/bad", 2, "hello"), store.OutcomeUnchanged)
	MustRecord(t, s, ok("http://a.test/good", 3, "fine"), store.OutcomeUnchanged)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	damageBlob(t, path, bad.SHA256)
	s2, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()

	var logs bytes.Buffer
	opts := fixedOptions()
	opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	var buf bytes.Buffer
	sum, err := warc.Export(context.Background(), s2, &buf, opts)
	if !errors.Is(err, store.ErrCorrupt) || !strings.Contains(err.Error(), "2 versions skipped") {
		t.Errorf("Export = %v, want ErrCorrupt naming 2 skipped versions", err)
	}
	want := warc.Summary{Warcinfo: 1, Responses: 1, Revisits: 1, Skipped: 2, PayloadBytes: 4, Bytes: int64(buf.Len())}
	if sum != want {
		t.Errorf("Summary = %+v, want %+v", sum, want)
	}
	recs := warctest.Read(t, buf.Bytes())
	var types []string
	for _, r := range recs {
		types = append(types, r.Type.String()+" "+r.Header.Get(gowarc.WarcTargetURI))
	}
	if got, want := strings.Join(types, ", "), "warcinfo , response http://a.test/good, revisit http://a.test/good"; got != want {
		t.Errorf("records = %s, want %s", got, want)
	}
	if n := strings.Count(logs.String(), "version skipped"); n != 2 {
		t.Errorf("%d skip warnings, want 2:\n%s", n, logs.String())
	}
}

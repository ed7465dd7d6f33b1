package warc_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"

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

// record is one record read back, with its block split up.
type record struct {
	typ      gowarc.RecordType
	id       string
	header   *gowarc.WarcFields
	status   int      // HTTP status of response and revisit records
	http     []string // Content-Type, ETag, Last-Modified, Date, Content-Length, Location of the HTTP block
	payload  []byte   // response payload; a request's body
	request  string   // request records: "METHOD URI Host Content-Type"
	fields   *gowarc.WarcFields
	rawBlock []byte
}

// MustRead parses data with gowarc's strict reader (which also checks every
// digest and Content-Length) and returns its records.
func MustRead(tb testing.TB, data []byte) []record {
	tb.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	var out []record
	for rec, err := range r.Records() {
		if err != nil {
			tb.Fatalf("record %d: %v", len(out), err)
		}
		if len(rec.Validation) > 0 {
			tb.Errorf("record %d: validation findings %v", len(out), rec.Validation)
		}
		wr := rec.WarcRecord
		got := record{typ: wr.Type(), id: wr.RecordId(), header: wr.WarcHeader()}
		raw, err := wr.Block().RawBytes()
		if err != nil {
			tb.Fatalf("record %d block: %v", len(out), err)
		}
		if got.rawBlock, err = io.ReadAll(raw); err != nil {
			tb.Fatal(err)
		}
		switch b := wr.Block().(type) {
		case gowarc.HttpResponseBlock:
			p, err := b.PayloadBytes()
			if err != nil {
				tb.Fatal(err)
			}
			if got.payload, err = io.ReadAll(p); err != nil {
				tb.Fatal(err)
			}
		case gowarc.WarcFieldsBlock:
			got.fields = b.WarcFields()
		}
		if got.typ == gowarc.Response || got.typ == gowarc.Revisit {
			// Parsed with net/http, independently of the library.
			resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(got.rawBlock)), nil)
			if err != nil {
				tb.Fatalf("record %d: HTTP block: %v", len(out), err)
			}
			got.status = resp.StatusCode
			h := resp.Header
			got.http = []string{h.Get("Content-Type"), h.Get("ETag"), h.Get("Last-Modified"), h.Get("Date"), h.Get("Content-Length"), h.Get("Location")}
		}
		if got.typ == gowarc.Request {
			req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(got.rawBlock)))
			if err != nil {
				tb.Fatalf("record %d: HTTP request block: %v", len(out), err)
			}
			got.request = strings.Join([]string{req.Method, req.RequestURI, req.Host, req.Header.Get("Content-Type")}, " ")
			if got.payload, err = io.ReadAll(req.Body); err != nil {
				tb.Fatal(err)
			}
		}
		out = append(out, got)
		rec.Close()
	}
	return out
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

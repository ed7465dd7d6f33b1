package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"testing"
)

// FuzzPutGet: whatever body is recorded is read back byte for byte, by
// hash and by version, and recording it again is unchanged.
func FuzzPutGet(f *testing.F) {
	f.Add([]byte("<html><body>2023年政府信息公开工作年度报告</body></html>"))
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0}, 5000))
	f.Add([]byte{0xff, 0xfe, 0x00, 0xb0, 0xa1})
	s := MustOpen(f)
	ctx := context.Background()
	n := 0
	f.Fuzz(func(t *testing.T, body []byte) {
		n++
		u := fmt.Sprintf("http://fuzz.test/%d", n)
		v, err := s.Record(ctx, Fetch{URL: u, Status: 200, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		if v.Outcome != OutcomeNew || v.SHA256 != hex.EncodeToString(sum[:]) || v.Size != int64(len(body)) {
			t.Fatalf("Record = %+v, want new with sha %x size %d", v, sum, len(body))
		}
		got, err := s.Body(ctx, v.SHA256)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("Body = %d bytes, %v; want the %d bytes put", len(got), err, len(body))
		}
		_, raw, err := s.Raw(ctx, v.ID)
		if err != nil || !bytes.Equal(raw, body) {
			t.Fatalf("Raw = %d bytes, %v; want the %d bytes put", len(raw), err, len(body))
		}
		again, err := s.Record(ctx, Fetch{URL: u, Status: 200, Body: bytes.Clone(body)})
		if err != nil || again.Outcome != OutcomeUnchanged {
			t.Fatalf("second Record = %v, %v, want unchanged", again.Outcome, err)
		}
	})
}

// FuzzDecodeVersion: a damaged version record is an error, never a panic,
// and whatever decodes re-encodes to a record that decodes the same.
func FuzzDecodeVersion(f *testing.F) {
	sum := sha256.Sum256([]byte("x"))
	f.Add(encodeVersion(Version{URL: "http://a.test/", FinalURL: "http://a.test/", Portal: "p", Status: 200,
		Outcome: OutcomeNew, ContentType: "text/html", ContentLength: -1, Size: 1}, sum[:]))
	f.Add(encodeVersion(Version{URL: "u", Outcome: OutcomeFailed, Reason: "timeout"}, nil))
	f.Add(encodeVersion(Version{URL: "http://a.test/c.jsp?id=1", FinalURL: "http://a.test/1.html", Status: 200,
		Outcome: OutcomeNew, Redirects: []Redirect{{URL: "http://a.test/c.jsp?id=1", Status: 301,
			Location: "/1.html", Body: []byte("moved")}, {URL: "http://a.test/x", Status: 302, BodyDropped: true}}}, sum[:]))
	f.Add([]byte{recordFormat})
	f.Fuzz(func(t *testing.T, rec []byte) {
		v, err := decodeVersion(7, rec)
		if err != nil {
			return
		}
		var sha []byte
		if v.SHA256 != "" {
			sha, _ = hex.DecodeString(v.SHA256)
		}
		back, err := decodeVersion(7, encodeVersion(v, sha))
		if err != nil || !reflect.DeepEqual(back, v) {
			t.Fatalf("round trip = %+v, %v; want %+v", back, err, v)
		}
	})
}

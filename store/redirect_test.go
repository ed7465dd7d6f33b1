package store

import (
	"context"
	"net/http"
	"reflect"
	"testing"
)

// TestRecordKeepsRedirects: the hops of a redirect chain come back with the
// version, from Record and from every read.
func TestRecordKeepsRedirects(t *testing.T) {
	s := MustOpen(t)
	const (
		orig   = "http://gov.test/content.jsp?id=7"
		middle = "http://gov.test/art/7"
		final  = "http://gov.test/art/2024/t20240115_7.html"
	)
	hops := []Redirect{
		{URL: orig, Status: 301, Location: "/art/7", Date: "Mon, 15 Jan 2024 08:00:00 GMT",
			ContentType: "text/html", Body: []byte("<a href=\"/art/7\">Moved</a>")},
		{URL: middle, Status: 302, Location: final, BodyDropped: true},
	}
	f := ok200(orig, 0, "报告")
	f.FinalURL, f.Redirects = final, hops
	v := MustRecord(t, s, f)
	if !reflect.DeepEqual(v.Redirects, hops) {
		t.Fatalf("Record: Redirects=%+v, want %+v", v.Redirects, hops)
	}
	got, err := s.Version(context.Background(), v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Redirects, hops) || got.FinalURL != final {
		t.Fatalf("Version: Redirects=%+v FinalURL=%q, want %+v %q", got.Redirects, got.FinalURL, hops, final)
	}
	plain := MustRecord(t, s, Fetch{URL: final, Status: 200, Header: http.Header{}, Body: []byte("报告")})
	if plain.Redirects != nil {
		t.Fatalf("a fetch without redirects: Redirects=%+v, want nil", plain.Redirects)
	}
}

// TestDecodeVersionWithoutRedirects: a version record written before the
// archive kept redirect hops (it ends after the size) still decodes, with
// no hops.
func TestDecodeVersionWithoutRedirects(t *testing.T) {
	v := Version{URL: "http://gov.test/a", FinalURL: "http://gov.test/b", FetchedAt: t0, Status: 200,
		Outcome: OutcomeNew, ContentLength: -1, Size: 3}
	rec := encodeVersion(v, nil)
	old := rec[:len(rec)-1] // the hop count, 0, is the last byte
	got, err := decodeVersion(9, old)
	if err != nil {
		t.Fatalf("decode an older record: %v", err)
	}
	v.ID = "9"
	if !reflect.DeepEqual(got, v) {
		t.Fatalf("decode an older record = %+v, want %+v", got, v)
	}
}

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

// TestVersionRecordTrailingFields: the fields added within schema 2 are
// written only when they hold something, so a plain GET's record is as
// schema 2 first wrote it, and each combination reads back as written.
func TestVersionRecordTrailingFields(t *testing.T) {
	base := Version{ID: "9", URL: "http://gov.test/a", FinalURL: "http://gov.test/b", FetchedAt: t0, Status: 200,
		Outcome: OutcomeNew, ContentLength: -1, Size: 3}
	hops := []Redirect{{URL: "http://gov.test/a", Status: 301, Location: "/b"}}
	post := func(v Version) Version {
		v.Method, v.RequestBody, v.RequestContentType = "POST", []byte("page=2"), "application/x-www-form-urlencoded"
		return v
	}
	redirected := func(v Version) Version { v.Redirects = hops; return v }
	plain := encodeVersion(base, nil)
	for _, tc := range []struct {
		name string
		v    Version
	}{
		{"a plain GET", base},
		{"a GET through a redirect", redirected(base)},
		{"a POST", post(base)},
		{"a POST through a redirect", redirected(post(base))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := encodeVersion(tc.v, nil)
			if (tc.v.Method == "" && tc.v.Redirects == nil) != (len(rec) == len(plain)) {
				t.Errorf("record of %d bytes, a plain GET's has %d", len(rec), len(plain))
			}
			got, err := decodeVersion(9, rec)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.v) {
				t.Errorf("decoded %+v, want %+v", got, tc.v)
			}
		})
	}
}

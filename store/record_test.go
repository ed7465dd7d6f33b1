package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func shaOf(body string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:])
}

func TestRecordOutcomes(t *testing.T) {
	type step struct {
		status int
		body   string
		reason string
	}
	type want struct {
		outcome Outcome
		reason  string
		sha     string // body in force, "" for none
	}
	const u = "http://gov.test/nb/2023.html"
	tests := []struct {
		name  string
		steps []step
		want  []want
	}{
		{"first 200 is new", []step{{200, "A", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}}},
		{"same body is unchanged", []step{{200, "A", ""}, {200, "A", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeUnchanged, "", shaOf("A")}}},
		{"edited body is new", []step{{200, "A", ""}, {200, "B", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeNew, "", shaOf("B")}}},
		{"back to an earlier body is new", []step{{200, "A", ""}, {200, "B", ""}, {200, "A", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeNew, "", shaOf("B")}, {OutcomeNew, "", shaOf("A")}}},
		{"304 keeps the previous version", []step{{200, "A", ""}, {304, "", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeNotModified, "", shaOf("A")}}},
		{"404 after success is gone", []step{{200, "A", ""}, {404, "not here", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeGone, "", ""}}},
		{"410 after success is gone", []step{{200, "A", ""}, {410, "", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeGone, "", ""}}},
		{"404 on a never-seen URL fails", []step{{404, "not here", ""}},
			[]want{{OutcomeFailed, "http_404", ""}}},
		{"repeated 404 after success stays gone", []step{{200, "A", ""}, {404, "", ""}, {404, "", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeGone, "", ""}, {OutcomeGone, "", ""}}},
		{"same body after a tombstone is new", []step{{200, "A", ""}, {404, "", ""}, {200, "A", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeGone, "", ""}, {OutcomeNew, "", shaOf("A")}}},
		{"5xx fails with its status", []step{{503, "busy", ""}},
			[]want{{OutcomeFailed, "http_503", ""}}},
		{"no response without reason", []step{{0, "", ""}},
			[]want{{OutcomeFailed, "no_response", ""}}},
		{"reason wins over a 200", []step{{200, "truncated", "too_large"}},
			[]want{{OutcomeFailed, "too_large", ""}}},
		{"timeout between equal bodies keeps them unchanged", []step{{200, "A", ""}, {0, "", "timeout"}, {200, "A", ""}},
			[]want{{OutcomeNew, "", shaOf("A")}, {OutcomeFailed, "timeout", ""}, {OutcomeUnchanged, "", shaOf("A")}}},
		{"empty 200 body is content", []step{{200, "", ""}, {200, "", ""}},
			[]want{{OutcomeNew, "", shaOf("")}, {OutcomeUnchanged, "", shaOf("")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			ctx := context.Background()
			var got []Version
			for i, st := range tt.steps {
				f := Fetch{Portal: "p", URL: u, FetchedAt: at(i), Status: st.status, Reason: st.reason}
				if st.body != "" || st.status == 200 {
					f.Body = []byte(st.body)
				}
				v := MustRecord(t, s, f)
				w := tt.want[i]
				if v.Outcome != w.outcome || v.Reason != w.reason || v.SHA256 != w.sha {
					t.Errorf("step %d: outcome=%v reason=%q sha=%.8s, want %v %q %.8s", i, v.Outcome, v.Reason, v.SHA256, w.outcome, w.reason, w.sha)
				}
				if v.HasBody() {
					body, err := s.Body(ctx, v.SHA256)
					if err != nil {
						t.Fatalf("step %d: Body = %v", i, err)
					}
					if shaOf(string(body)) != v.SHA256 {
						t.Errorf("step %d: body does not hash to %s", i, v.SHA256)
					}
				}
				got = append(got, v)
			}
			stored, err := s.Versions(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(stored, got) {
				t.Errorf("Versions =\n%+v\nwant\n%+v", stored, got)
			}
		})
	}
}

func TestRecordOnlyNewStoresBodies(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	MustRecord(t, s, ok200("http://a.test/1", 0, "page one"))
	MustRecord(t, s, ok200("http://a.test/1", 1, "page one"))
	MustRecord(t, s, Fetch{URL: "http://a.test/1", FetchedAt: at(2), Status: 304})
	MustRecord(t, s, Fetch{URL: "http://a.test/1", FetchedAt: at(3), Status: 500, Body: []byte("error page")})
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Versions != 4 || st.Blobs != 1 || st.RawBytes != int64(len("page one")) {
		t.Errorf("Stats = %+v, want 4 versions, 1 blob, %d raw bytes", st, len("page one"))
	}
	if _, err := s.Body(ctx, shaOf("error page")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Body(error page) = %v, want ErrNotFound", err)
	}
}

func TestRecordDedupAcrossURLs(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	body := "<html>同一份年报 mirrored on two portals</html>"
	a := MustRecord(t, s, ok200("http://a.test/nb.html", 0, body))
	b := MustRecord(t, s, ok200("http://b.test/copy.html", 1, body))
	if a.Outcome != OutcomeNew || b.Outcome != OutcomeNew {
		t.Fatalf("outcomes = %v, %v, want new, new (each URL's first body)", a.Outcome, b.Outcome)
	}
	if a.SHA256 != b.SHA256 {
		t.Fatalf("sha256 differ for equal bodies: %s %s", a.SHA256, b.SHA256)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(len(body))
	if st.Blobs != 1 || st.RawBytes != 2*n || st.DedupSavedBytes != n {
		t.Errorf("Stats = %+v, want 1 blob, raw %d, saved %d", st, 2*n, n)
	}
	for _, v := range []Version{a, b} {
		_, raw, err := s.Raw(ctx, v.ID)
		if err != nil || string(raw) != body {
			t.Errorf("Raw(%s) = %q, %v, want the shared body", v.ID, raw, err)
		}
	}
}

func TestRecordKeepsFetchFields(t *testing.T) {
	s := MustOpen(t)
	f := Fetch{
		Portal: "duodao", URL: "http://a.test/r?id=1", FinalURL: "https://a.test/r/1.html", FetchedAt: at(5),
		Status: 200, Body: []byte("<p>x</p>"),
		Header: http.Header{
			"Content-Type": {"text/html; charset=GBK"}, "Etag": {`W/"abc"`}, "Last-Modified": {"Tue, 01 Dec 2020 10:00:00 GMT"},
			"Content-Length": {"8"}, "Date": {"Wed, 02 Dec 2020 10:00:00 GMT"}, "Set-Cookie": {"dropped=1"},
		},
	}
	v := MustRecord(t, s, f)
	want := Version{ID: v.ID, URL: f.URL, FinalURL: f.FinalURL, Portal: "duodao", FetchedAt: at(5), Status: 200,
		Outcome: OutcomeNew, ContentType: "text/html; charset=GBK", ETag: `W/"abc"`,
		LastModified: "Tue, 01 Dec 2020 10:00:00 GMT", Date: "Wed, 02 Dec 2020 10:00:00 GMT",
		ContentLength: 8, SHA256: shaOf("<p>x</p>"), Size: 8}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("Record =\n%+v\nwant\n%+v", v, want)
	}
	got, err := s.Version(context.Background(), v.ID)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Version(%s) = %+v, %v; want %+v", v.ID, got, err, want)
	}
	noLen := MustRecord(t, s, Fetch{URL: "http://a.test/x", Status: 0, Reason: "reset"})
	if noLen.ContentLength != -1 || noLen.FinalURL != noLen.URL || !noLen.FetchedAt.Equal(t0) {
		t.Errorf("failed fetch = %+v, want ContentLength -1, FinalURL = URL, FetchedAt from Now", noLen)
	}
}

func TestRecordRejectsEmptyURL(t *testing.T) {
	s := MustOpen(t)
	if _, err := s.Record(context.Background(), Fetch{Status: 200}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Record(no URL) = %v, want ErrInvalid", err)
	}
}

func TestValidators(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/v"
	check := func(step, wantETag, wantLM string) {
		t.Helper()
		etag, lm, err := s.Validators(ctx, u)
		if err != nil || etag != wantETag || lm != wantLM {
			t.Errorf("%s: Validators = %q, %q, %v, want %q, %q", step, etag, lm, err, wantETag, wantLM)
		}
	}
	check("unknown URL", "", "")
	f := ok200(u, 0, "A")
	f.Header.Set("ETag", `"1"`)
	f.Header.Set("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")
	MustRecord(t, s, f)
	check("after 200", `"1"`, "Mon, 01 Jan 2024 00:00:00 GMT")
	MustRecord(t, s, Fetch{URL: u, FetchedAt: at(1), Status: 304, Header: http.Header{"Etag": {`"2"`}}})
	check("after 304 with a new ETag", `"2"`, "")
	MustRecord(t, s, Fetch{URL: u, FetchedAt: at(2), Status: 0, Reason: "timeout"})
	check("after a failure", `"2"`, "")
	MustRecord(t, s, Fetch{URL: u, FetchedAt: at(3), Status: 404})
	check("after gone", "", "")
}

// TestRecordPOSTKeepsRequest: a POST capture keeps its method, form and
// Content-Type, and the pages of one POST endpoint (same URL, another
// form) each have their own body in force.
func TestRecordPOSTKeepsRequest(t *testing.T) {
	s := MustOpen(t)
	const u = "http://a.test/module/xxgk/search.jsp"
	post := func(m int, form, body string) Version {
		return MustRecord(t, s, Fetch{URL: u, FetchedAt: at(m), Status: 200, Body: []byte(body),
			Method: http.MethodPost, RequestBody: []byte(form), RequestContentType: "application/x-www-form-urlencoded"})
	}
	p1 := post(1, "currpage=1", "page one")
	p2 := post(2, "currpage=2", "page two")
	again := post(3, "currpage=1", "page one")
	if p1.Outcome != OutcomeNew || p2.Outcome != OutcomeNew || again.Outcome != OutcomeUnchanged {
		t.Errorf("outcomes %s, %s, %s; want new, new, unchanged (each form its own body in force)", p1.Outcome, p2.Outcome, again.Outcome)
	}
	got, err := s.Version(context.Background(), p2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RequestMethod() != "POST" || string(got.RequestBody) != "currpage=2" || got.RequestContentType != "application/x-www-form-urlencoded" {
		t.Errorf("version read back: method %q body %q type %q", got.RequestMethod(), got.RequestBody, got.RequestContentType)
	}
	get := MustRecord(t, s, ok200(u, 4, "a GET"))
	if get.Outcome != OutcomeNew || get.RequestMethod() != "GET" || get.RequestBody != nil {
		t.Errorf("GET after POSTs: %+v", get)
	}
}

// TestVersionRecordWithoutRequestFields: a GET's record is byte for byte
// what schema 2 wrote before the request fields existed, so old archives
// read unchanged and new GET records stay as small.
func TestVersionRecordWithoutRequestFields(t *testing.T) {
	v := Version{URL: "http://a.test/", FinalURL: "http://a.test/", Portal: "p", Status: 200, Outcome: OutcomeNew, ContentLength: -1,
		FetchedAt: time.Unix(0, 0).UTC()}
	rec := encodeVersion(v, nil)
	e := newEncoder(64)
	e.string(v.URL)
	e.string(v.FinalURL)
	e.string(v.Portal)
	e.int(0)
	e.uint(200)
	e.uint(outcomeCodes[OutcomeNew])
	for range 5 {
		e.string("")
	}
	e.int(-1)
	e.bytes(nil)
	e.int(0)
	old := e.b
	if !bytes.Equal(rec, old) {
		t.Fatalf("GET record %x, want the pre-request-fields layout %x", rec, old)
	}
	back, err := decodeVersion(1, old)
	if err != nil || back.Method != "" || back.RequestBody != nil {
		t.Errorf("old record decodes to %+v, %v", back, err)
	}
}

package store

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestAtTimeTravel(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/nb.html"
	v1 := MustRecord(t, s, ok200(u, 10, "first edition"))
	v2 := MustRecord(t, s, ok200(u, 20, "second edition"))
	v3 := MustRecord(t, s, Fetch{URL: u, FetchedAt: at(30), Status: 410})
	tests := []struct {
		name string
		t    time.Time
		want string // version id, "" for ErrNotFound
	}{
		{"before the first fetch", at(9), ""},
		{"exactly at the first fetch", at(10), v1.ID},
		{"between the first and second", at(15), v1.ID},
		{"at the edit", at(20), v2.ID},
		{"just before the tombstone", at(30).Add(-time.Nanosecond), v2.ID},
		{"after the tombstone", at(31), v3.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := s.At(ctx, u, tt.t)
			if tt.want == "" {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("At = %+v, %v, want ErrNotFound", v, err)
				}
				return
			}
			if err != nil || v.ID != tt.want {
				t.Errorf("At = %s, %v, want version %s", v.ID, err, tt.want)
			}
		})
	}
	if _, err := s.At(ctx, "http://a.test/other", at(100)); !errors.Is(err, ErrNotFound) {
		t.Errorf("At(unknown URL) = %v, want ErrNotFound", err)
	}
}

func TestTombstone(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/deleted.html"
	v1 := MustRecord(t, s, ok200(u, 0, "the report as first published"))
	gone := MustRecord(t, s, Fetch{URL: u, FetchedAt: at(1), Status: 404, Body: []byte("404 page")})
	latest, err := s.Latest(ctx, u)
	if err != nil || latest.ID != gone.ID || latest.Outcome != OutcomeGone {
		t.Errorf("Latest = %+v, %v, want the tombstone %s", latest, err, gone.ID)
	}
	if _, _, err := s.Raw(ctx, gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Raw(tombstone) = %v, want ErrNotFound", err)
	}
	before, err := s.At(ctx, u, at(0))
	if err != nil || before.ID != v1.ID {
		t.Fatalf("At(before deletion) = %s, %v, want %s", before.ID, err, v1.ID)
	}
	_, raw, err := s.Raw(ctx, before.ID)
	if err != nil || string(raw) != "the report as first published" {
		t.Errorf("Raw(before deletion) = %q, %v, want the original bytes", raw, err)
	}
}

func TestLatestIsByFetchTime(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/x"
	late := MustRecord(t, s, ok200(u, 50, "B"))
	MustRecord(t, s, ok200(u, 40, "A")) // recorded later, fetched earlier
	v, err := s.Latest(ctx, u)
	if err != nil || v.ID != late.ID {
		t.Errorf("Latest = %s, %v, want %s (latest fetch time)", v.ID, err, late.ID)
	}
	if _, err := s.Latest(ctx, "http://a.test/never"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest(unknown) = %v, want ErrNotFound", err)
	}
}

func TestVersionLookupErrors(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	for _, id := range []string{"", "abc", "-1", "0", "01", "1.0"} {
		if _, err := s.Version(ctx, id); !errors.Is(err, ErrInvalid) {
			t.Errorf("Version(%q) = %v, want ErrInvalid", id, err)
		}
	}
	if _, err := s.Version(ctx, "42"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Version(42) = %v, want ErrNotFound", err)
	}
	for _, sha := range []string{"", "zz", shaOf("x")[:10]} {
		if _, err := s.Body(ctx, sha); !errors.Is(err, ErrInvalid) {
			t.Errorf("Body(%q) = %v, want ErrInvalid", sha, err)
		}
	}
}

func TestEachVersionVisitsAllInChunks(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	n := 2*EachVersionChunk + 17
	fs := make([]Fetch, n)
	for i := range fs {
		fs[i] = ok200(fmt.Sprintf("http://a.test/%d", i%100), i, fmt.Sprintf("body %d", i))
	}
	if _, err := s.RecordBatch(ctx, fs); err != nil {
		t.Fatal(err)
	}
	var seen int
	err := s.EachVersion(ctx, func(v Version) error {
		seen++
		if seen > n {
			return nil // recorded during the walk
		}
		if v.ID != fmt.Sprint(seen) || v.URL != fs[seen-1].URL {
			return fmt.Errorf("visit %d: version %s of %s, want %d of %s", seen, v.ID, v.URL, seen, fs[seen-1].URL)
		}
		if seen%500 != 0 {
			return nil
		}
		// Calling the store from fn must not deadlock: no transaction is open.
		_, err := s.Record(ctx, Fetch{URL: "http://a.test/during-walk", Status: 0, Reason: "timeout"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < n {
		t.Errorf("EachVersion visited %d, want at least %d", seen, n)
	}
	stop := errors.New("stop")
	calls := 0
	err = s.EachVersion(ctx, func(Version) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachVersion with failing fn = %v after %d calls, want stop after 1", err, calls)
	}
}

// TestFirstVersion: the first capture of a URL, whatever came after; none
// for a URL never fetched or only POSTed to.
func TestFirstVersion(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/column.html"
	for i, body := range []string{"one", "two", "one"} {
		if _, err := s.Record(ctx, ok200(u, 10*i+5, body)); err != nil {
			t.Fatal(err)
		}
	}
	post := ok200("http://a.test/api", 1, "list")
	post.Method, post.RequestBody = http.MethodPost, []byte("page=1")
	if _, err := s.Record(ctx, post); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		url   string
		found bool
		at    time.Time
	}{
		{u, true, at(5)},
		{"http://a.test/never.html", false, time.Time{}},
		{"http://a.test/api", false, time.Time{}},
	} {
		v, found, err := s.FirstVersion(ctx, c.url)
		if err != nil || found != c.found || !v.FetchedAt.Equal(c.at) {
			t.Errorf("FirstVersion(%s) = fetched %s, %v, %v; want %s, %v", c.url, v.FetchedAt, found, err, c.at, c.found)
		}
	}
}

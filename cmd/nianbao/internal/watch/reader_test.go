package watch_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// seededEvents stores n report_new events of two agencies, one a minute.
func seededEvents(tb testing.TB, n int) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	var evs []store.Event
	for i, e := range testEvents(n) {
		if i%2 == 1 {
			e.Agency, e.Region, e.Kind = "乙县财政局", "乙县", watch.KindChanged
		}
		data, _ := json.Marshal(e)
		evs = append(evs, store.Event{ID: e.ID, Time: e.Time, Scope: "test", Data: data})
	}
	if _, err := st.ReplaceEvents(context.Background(), "test", 1, evs); err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestFeedHandler(t *testing.T) {
	st := seededEvents(t, 6)
	r := watch.NewReader(st, nil, func() []config.Portal { return nil }, nil)
	srv := httptest.NewServer(r.FeedHandler())
	defer srv.Close()
	for _, tt := range []struct {
		query   string
		status  int
		entries int
		body    string
	}{
		{"", 200, 6, ""},
		{"agency=乙县", 200, 3, ""},
		{"kind=report_changed&limit=2", 200, 2, ""},
		{"year=2024", 200, 0, ""},
		{"kind=report_edited", 400, 0, "report_edited"},
		{"year=abc", 400, 0, "year"},
		{"limit=0", 400, 0, "limit"},
		{"since=yesterday", 400, 0, "since"},
	} {
		resp, err := http.Get(srv.URL + "/feeds/events.atom?" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("?%s: status %d, want %d (%s)", tt.query, resp.StatusCode, tt.status, body)
			continue
		}
		if tt.status != 200 {
			if !strings.Contains(string(body), tt.body) {
				t.Errorf("?%s: 400 body %q does not name %q", tt.query, body, tt.body)
			}
			continue
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
			t.Errorf("?%s: Content-Type %q", tt.query, ct)
		}
		doc := strings.ReplaceAll(string(body), srv.URL+"/", "http://127.0.0.1:8080/")
		if f := checkAtom(t, doc); len(f.Entries) != tt.entries {
			t.Errorf("?%s: %d entries, want %d", tt.query, len(f.Entries), tt.entries)
		}
	}
}

func TestParseSince(t *testing.T) {
	got, err := watch.ParseSince("2026-02-01")
	if want := time.Date(2026, 1, 31, 16, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("ParseSince(2026-02-01) = %v, %v; want %v (the day's start in China)", got, err, want)
	}
}

// FuzzParseFilter: any query either parses into a filter within bounds or
// fails with ErrInvalid.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "agency=乙县&year=2024", "kind=report_late", "since=2026-02-01", "since=2026-02-01T08:00:00Z", "limit=500", "year=-1", "limit=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := watch.ParseFilter(q, 50, 500)
		if err != nil {
			if !errors.Is(err, watch.ErrInvalid) {
				t.Fatalf("ParseFilter(%q) = %v, not ErrInvalid", raw, err)
			}
			return
		}
		if flt.Limit < 1 || flt.Limit > 500 || flt.Year < 0 || flt.Year > 9999 {
			t.Fatalf("ParseFilter(%q) = %+v out of bounds", raw, flt)
		}
	})
}

package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// newEventsAPI serves an archive holding n events, three to a minute
// (so pages end inside a timestamp), every third of another agency and
// kind.
func newEventsAPI(t *testing.T, n int) http.Handler {
	t.Helper()
	svc := testarchive.Service(t, testarchive.Seed(t).DB)
	var evs []store.Event
	for i := range n {
		e := watch.Event{ID: fmt.Sprintf("%032x", (i*37)%n+1), Kind: watch.KindNew, Time: testarchive.T0.Add(time.Duration(i/3) * time.Minute),
			Agency: "甲县教育局", Year: 2025, Link: "/reports/x"}
		if i%3 == 2 {
			e.Agency, e.Kind = "乙县财政局", watch.KindChanged
		}
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, store.Event{ID: e.ID, Time: e.Time, Scope: "test", Data: data})
	}
	if _, err := svc.Store().ReplaceEvents(context.Background(), "test", 1, evs); err != nil {
		t.Fatal(err)
	}
	portals := func() []config.Portal { return nil }
	return api.NewHandler(svc, api.Options{
		Portals: portals,
		Logger:  testarchive.Discard(),
		Watch:   watch.NewReader(svc.Store(), svc.Simplify, portals, func() time.Time { return testarchive.T0 }),
	})
}

// getEvents asks path and decodes the page; status other than 200 fails.
func getEvents(t *testing.T, h http.Handler, path string) api.Page[watch.Event] {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	var p api.Page[watch.Event]
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &p) != nil {
		t.Fatalf("GET %s = %d\n%s", path, rec.Code, rec.Body)
	}
	if p.Next == "" && strings.Contains(rec.Body.String(), `"next"`) {
		t.Errorf("GET %s: an empty next is in the body:\n%s", path, rec.Body)
	}
	return p
}

// TestAPIEventsPaging: pages of the events, each asked with the
// previous page's next, add up to the whole listing, newest first, every
// event once; the last page has no next; filters hold across pages.
func TestAPIEventsPaging(t *testing.T) {
	h := newEventsAPI(t, 17)
	for _, tt := range []struct {
		name, query string
		want        int
	}{
		{"all", "", 17},
		{"one kind", "kind=report_changed", 5},
		{"one agency", "agency=" + url.QueryEscape("甲县"), 12},
		{"since", "since=" + url.QueryEscape(testarchive.T0.Add(2*time.Minute).Format(time.RFC3339)), 11},
	} {
		whole := getEvents(t, h, "/api/v1/events?limit=500&"+tt.query)
		if len(whole.Items) != tt.want || whole.Next != "" {
			t.Fatalf("%s in one page: %d events, next %q; want %d and no next", tt.name, len(whole.Items), whole.Next, tt.want)
		}
		for i := 1; i < len(whole.Items); i++ {
			if whole.Items[i].Time.After(whole.Items[i-1].Time) {
				t.Errorf("%s: event %d is newer than the one before it", tt.name, i)
			}
		}
		for _, size := range []int{1, 2, 3, 16} {
			var got []string
			cursor := ""
			for pages := 1; ; pages++ {
				q := fmt.Sprintf("/api/v1/events?limit=%d&%s", size, tt.query)
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				p := getEvents(t, h, q)
				for _, e := range p.Items {
					got = append(got, e.ID)
				}
				if p.Next == "" {
					break
				}
				if len(p.Items) != size || pages > tt.want {
					t.Fatalf("%s, limit=%d: page %d has %d events and a next", tt.name, size, pages, len(p.Items))
				}
				cursor = p.Next
			}
			want := make([]string, len(whole.Items))
			for i, e := range whole.Items {
				want[i] = e.ID
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s, limit=%d: pages give %v\nwant %v", tt.name, size, got, want)
			}
		}
	}
	// A page that ends exactly at the last event has no next.
	if p := getEvents(t, h, "/api/v1/events?limit=17"); len(p.Items) != 17 || p.Next != "" {
		t.Errorf("limit=17 over 17 events: %d events, next %q; want 17, no next", len(p.Items), p.Next)
	}
}

func TestAPIEventsBadCursor(t *testing.T) {
	h := newEventsAPI(t, 3)
	for _, c := range []string{"x", "%ff%00", "AAAA", "1", strings.Repeat("A", 33)} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/events?cursor="+c, nil))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "cursor") {
			t.Errorf("GET /api/v1/events?cursor=%s = %d, want 400 naming the cursor\n%s", c, rec.Code, rec.Body)

		}
	}
}

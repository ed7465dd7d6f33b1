package store

import (
	"context"
	"encoding/hex"
	"errors"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fetchAt is a fetch of url at minute m answering status (200 with body,
// 0 with a failure reason).
func fetchAt(url string, m, status int, body string) Fetch {
	if status == 200 {
		return ok200(url, m, body)
	}
	f := Fetch{Portal: "test", URL: url, FetchedAt: at(m), Status: status}
	if status == 0 {
		f.Reason = "timeout"
	}
	return f
}

func TestReportStatus(t *testing.T) {
	type step struct {
		status int
		body   string
	}
	const url = "http://a.test/2023.html"
	tests := []struct {
		name                  string
		steps                 []step // fetched at minutes 0, 1, 2, …
		want                  Status
		since                 int // minute; -1 for none
		withdrawn, returnedAt int // minutes; -1 for none
	}{
		{"served", []step{{200, "a"}, {304, ""}}, StatusLive, -1, -1, -1},
		{"edited", []step{{200, "a"}, {200, "b"}}, StatusLive, -1, -1, -1},
		{"withdrawn", []step{{200, "a"}, {404, ""}, {410, ""}}, StatusGone, 1, -1, -1},
		{"withdrawn, then the portal fails", []step{{200, "a"}, {404, ""}, {0, ""}, {503, ""}}, StatusGone, 1, -1, -1},
		{"failing", []step{{200, "a"}, {200, "a"}, {503, ""}, {0, ""}}, StatusFailing, 2, -1, -1},
		{"failing, then served", []step{{200, "a"}, {0, ""}, {304, ""}}, StatusLive, -1, -1, -1},
		{"came back", []step{{200, "a"}, {404, ""}, {404, ""}, {200, "a"}}, StatusLive, -1, 1, 3},
		{"came back, then failing", []step{{200, "a"}, {404, ""}, {200, "b"}, {0, ""}}, StatusFailing, 3, 1, 2},
		{"came back and withdrawn again", []step{{200, "a"}, {404, ""}, {200, "a"}, {0, ""}, {404, ""}}, StatusGone, 4, 1, 2},
	}
	minute := func(m int) time.Time {
		if m < 0 {
			return time.Time{}
		}
		return at(m)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			ctx := context.Background()
			for i, st := range tt.steps {
				MustRecord(t, s, fetchAt(url, i, st.status, st.body))
			}
			mustIndex(t, s, ReportEntry{Agency: "甲", Year: 2023, URL: url})
			check := func(how string) {
				t.Helper()
				r, err := s.Report(ctx, reportIDOf(url))
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != tt.want || !r.StatusSince.Equal(minute(tt.since)) {
					t.Errorf("%s: status %s since %v, want %s since %v", how, r.Status, r.StatusSince, tt.want, minute(tt.since))
				}
				if !r.WithdrawnAt.Equal(minute(tt.withdrawn)) || !r.ReturnedAt.Equal(minute(tt.returnedAt)) {
					t.Errorf("%s: withdrawn %v, returned %v; want %v, %v", how, r.WithdrawnAt, r.ReturnedAt, minute(tt.withdrawn), minute(tt.returnedAt))
				}
			}
			check("kept as fetched")
			stripStatusTrack(t, s, url)
			check("rebuilt from the history of an older state record")
		})
	}
}

// stripStatusTrack rewrites url's state as a build from before the status
// track wrote it.
func stripStatusTrack(t *testing.T, s *Store, url string) {
	t.Helper()
	h := urlHash(url)
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketURLs)
		st, err := decodeURLState(b.Get(h[:]))
		if err != nil {
			return err
		}
		st.track = statusTrack{}
		rec := encodeURLState(st)
		return b.Put(h[:], rec[:len(rec)-4]) // four zero varints
	})
	if err != nil {
		t.Fatal(err)
	}
}

func reportIDOf(url string) string { return hex.EncodeToString(reportID(url)) }

func TestReportsByStatus(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	for i, u := range []string{"http://a.test/1", "http://a.test/2", "http://a.test/3", "http://a.test/4"} {
		MustRecord(t, s, ok200(u, 0, u))
		mustIndex(t, s, ReportEntry{Agency: "甲", Year: 2020 + i, URL: u})
	}
	MustRecord(t, s, fetchAt("http://a.test/2", 1, 404, ""))
	MustRecord(t, s, fetchAt("http://a.test/4", 1, 410, ""))
	MustRecord(t, s, fetchAt("http://a.test/3", 1, 0, ""))
	tests := []struct {
		status Status
		limit  int
		want   []string
	}{
		{StatusGone, 0, []string{"http://a.test/2", "http://a.test/4"}},
		{StatusGone, 1, []string{"http://a.test/2", "http://a.test/4"}}, // one per page
		{StatusFailing, 0, []string{"http://a.test/3"}},
		{StatusLive, 0, []string{"http://a.test/1"}},
	}
	for _, tt := range tests {
		var got []string
		q := ReportQuery{Status: tt.status, Limit: tt.limit}
		for {
			rs, next, err := s.Reports(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if r.Status != tt.status {
					t.Errorf("Reports(status %s) returned %s with status %s", tt.status, r.URL, r.Status)
				}
				got = append(got, r.URL)
			}
			if next == "" {
				break
			}
			q.Cursor = next
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Reports(status %s, limit %d) = %v, want %v", tt.status, tt.limit, got, tt.want)
		}
	}
	if _, _, err := s.Reports(ctx, ReportQuery{Status: "withdrawn"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Reports(status withdrawn) = %v, want ErrInvalid", err)
	}
}

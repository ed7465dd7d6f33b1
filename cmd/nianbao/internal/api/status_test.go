package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

// withdrawAndCrowd records a 404 for the seeded report (withdrawn a day
// after its last fetch) and indexes 17 more reports, so that two ids share
// a first hex digit; it returns that digit.
func withdrawAndCrowd(t *testing.T, sd testarchive.Seeded) (gone time.Time, shared string) {
	t.Helper()
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	gone = testarchive.T0.Add(10 * 24 * time.Hour)
	if _, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: sd.URL, FetchedAt: gone, Status: 404}); err != nil {
		t.Fatal(err)
	}
	first := map[byte]int{}
	for i := range 17 {
		u := fmt.Sprintf("http://127.0.0.1:1/other/%d.html", i)
		if _, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: u, FetchedAt: testarchive.T0, Status: 200, Body: []byte(u)}); err != nil {
			t.Fatal(err)
		}
		r, err := s.IndexReport(ctx, store.ReportEntry{Agency: "某局", Year: 2020, URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if first[r.ID[0]]++; first[r.ID[0]] == 2 {
			shared = r.ID[:1]
		}
	}
	return gone, shared
}

func TestAPIReportStatusAndIDPrefix(t *testing.T) {
	sd := testarchive.Seed(t)
	gone, shared := withdrawAndCrowd(t, sd)
	h := newTestAPI(t, sd)
	since := gone.UTC().Format(time.RFC3339)
	tests := []struct {
		name   string
		path   string
		status int
		want   []string
		not    []string
	}{
		{"a withdrawn report is gone, since its tombstone", "/api/v1/reports?agency=" + "%E5%AE%BF%E8%BF%81", 200,
			[]string{`"status": "gone"`, `"status_since": "` + since + `"`}, nil},
		{"status=gone lists only withdrawn reports", "/api/v1/reports?status=gone", 200, []string{sd.ReportID}, []string{`"status": "live"`}},
		{"status=live leaves them out", "/api/v1/reports?status=live&limit=500", 200, []string{`"status": "live"`}, []string{sd.ReportID}},
		{"an unknown status is 400", "/api/v1/reports?status=withdrawn", 400, []string{`status \"withdrawn\": want live, gone or failing`}, nil},
		{"a unique id prefix finds the report", "/api/v1/reports/" + sd.ReportID[:6], 200, []string{`"id": "` + sd.ReportID + `"`}, nil},
		{"a unique prefix in capitals too", "/api/v1/reports/" + strings.ToUpper(sd.ReportID[:6]) + "/text", 200, []string{"一、总体情况"}, nil},
		{"an ambiguous prefix is 400 naming the matches", "/api/v1/reports/" + shared, 400, []string{`report id prefix \"` + shared + `\" is ambiguous: it matches ` + shared}, nil},
		{"a prefix nothing has is 404", "/api/v1/reports/" + strings.Repeat("f", 15), 404, []string{`"error"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d; body %s", tt.path, rec.Code, tt.status, body)
			}
			testarchive.Contains(t, "body", body, tt.want...)
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body has %q:\n%s", n, body)
				}
			}
		})
	}
}

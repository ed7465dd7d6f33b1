package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/store"
)

// newUIOnly serves the web UI over a fresh archive holding only the given
// index entries (no fetched pages).
func newUIOnly(tb testing.TB, entries []store.ReportEntry) http.Handler {
	tb.Helper()
	x := mustExtractor(tb)
	s, err := store.Open(filepath.Join(tb.TempDir(), "archive.db"), store.Options{NoSync: true, Normalize: x.Simplify})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	for _, e := range entries {
		if _, err := s.IndexReport(context.Background(), e); err != nil {
			tb.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mountUI(mux, &api{store: s, ex: &extractions{store: s, x: x}, portals: &portalSet{}, log: discard()})
	return mux
}

// TestUIMatrixManyAgencies pages through 130 agencies with five reports
// each: every page holds whole agencies (also when a page needs more than
// one store query), and every agency and report is shown exactly once.
func TestUIMatrixManyAgencies(t *testing.T) {
	const agencies, years = 130, 5
	var entries []store.ReportEntry
	for a := range agencies {
		for y := range years {
			entries = append(entries, store.ReportEntry{
				Agency: fmt.Sprintf("第%03d街道办事处", a), Year: 2017 + y,
				URL: fmt.Sprintf("http://127.0.0.1:1/%d/%d.html", a, y), Title: "年报",
			})
		}
	}
	h := newUIOnly(t, entries)
	for _, tt := range []struct {
		limit int
		pages []int // rows per page
	}{
		{50, []int{50, 50, 30}},
		{120, []int{120, 10}}, // 600 reports: two store reads, then a cut
		{500, []int{130}},
	} {
		t.Run(fmt.Sprint("limit ", tt.limit), func(t *testing.T) {
			seen := map[string]int{}
			links := 0
			var rows []int
			path := fmt.Sprintf("/?limit=%d", tt.limit)
			for path != "" && len(rows) < 10 {
				rec, doc := getPage(t, h, http.MethodGet, path)
				if rec.Code != 200 {
					t.Fatalf("GET %s = %d: %s", path, rec.Code, rec.Body)
				}
				n := 0
				doc.Find("table.matrix tbody tr").Each(func(_ int, tr *goquery.Selection) {
					n++
					seen[tr.Find("th.agency").Contents().First().Text()]++
					if got := tr.Find("a.report").Length(); got != years {
						t.Errorf("row %d of %s has %d reports, want %d", n, path, got, years)
					}
					links += tr.Find("a.report").Length()
				})
				rows = append(rows, n)
				path = doc.Find("a[rel=next]").AttrOr("href", "")
			}
			if fmt.Sprint(rows) != fmt.Sprint(tt.pages) {
				t.Errorf("rows per page = %v, want %v", rows, tt.pages)
			}
			if len(seen) != agencies || links != agencies*years {
				t.Errorf("saw %d agencies and %d reports, want %d and %d", len(seen), links, agencies, agencies*years)
			}
			for a, n := range seen {
				if n != 1 {
					t.Errorf("agency %s shown %d times", a, n)
				}
			}
		})
	}
}

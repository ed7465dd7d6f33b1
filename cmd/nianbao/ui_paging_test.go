package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// TestUIHistoryPaging: a page edited eight times shows every fetch, diffs
// the latest five changes, and links to a page with the two before them.
func TestUIHistoryPaging(t *testing.T) {
	const page = "http://127.0.0.1:1/notice.html"
	x := mustExtractor(t)
	s, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{NoSync: true, Normalize: x.Simplify})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	var ids []string
	for i := range 8 {
		body := fmt.Sprintf("<html><head><title>通知</title></head><body><h1>关于年报的通知</h1><p>这是第%d版的正文，说明年度报告的发布安排。</p><p>联系电话：0527-8000000</p></body></html>", i+1)
		v, err := s.Record(context.Background(), store.Fetch{URL: page, FinalURL: page, FetchedAt: t0.Add(time.Duration(i) * time.Hour), Status: 200, Header: hdr, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	mux := http.NewServeMux()
	mountUI(mux, &api{store: s, ex: &extractions{store: s, x: x}, portals: &portalSet{}, log: discard()})

	sections := func(doc *goquery.Document) []string {
		return doc.Find("section.change").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("id", "") })
	}
	rec, doc := getPage(t, mux, http.MethodGet, "/history?url="+url.QueryEscape(page))
	if rec.Code != 200 {
		t.Fatalf("history = %d: %s", rec.Code, rec.Body)
	}
	if n := doc.Find("tr.version").Length(); n != 8 {
		t.Errorf("versions listed = %d, want 8", n)
	}
	if got, want := sections(doc), []string{"diff-" + ids[7], "diff-" + ids[6], "diff-" + ids[5], "diff-" + ids[4], "diff-" + ids[3]}; !slices.Equal(got, want) {
		t.Errorf("diffs = %v, want %v", got, want)
	}
	if got := text(doc.Find("section#diff-" + ids[7] + " .diff .ins ins")); got != "8" {
		t.Errorf("latest change inserts %q, want 8", got)
	}
	earlier := doc.Find("p.pager a").AttrOr("href", "")
	if earlier == "" {
		t.Fatal("no link to earlier changes")
	}
	_, doc = getPage(t, mux, http.MethodGet, earlier)
	if got, want := sections(doc), []string{"diff-" + ids[2], "diff-" + ids[1]}; !slices.Equal(got, want) {
		t.Errorf("earlier diffs = %v, want %v", got, want)
	}
	if doc.Find("p.pager a").Length() != 0 {
		t.Errorf("the earliest changes link to still earlier ones")
	}
}

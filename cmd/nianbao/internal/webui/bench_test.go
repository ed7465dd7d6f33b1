package webui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// BenchmarkUIMatrix renders the first matrix page, and a filtered one,
// over an index of 1,000 agencies with five years each.
func BenchmarkUIMatrix(b *testing.B) {
	var entries []store.ReportEntry
	for a := range 1000 {
		for y := range 5 {
			entries = append(entries, store.ReportEntry{
				Agency: fmt.Sprintf("第%04d号机关", a), Year: 2017 + y,
				URL: fmt.Sprintf("http://127.0.0.1:1/%d/%d.html", a, y), Title: "年报",
			})
		}
	}
	h := newUIOnly(b, entries)
	for _, path := range []string{"/", "/?year=2020", "/?agency=" + url.QueryEscape("第0999号")} {
		b.Run(path, func(b *testing.B) { benchGET(b, h, path) })
	}
}

// BenchmarkUIReport renders the seeded report page from the cached
// extraction, and its history page with three diffs.
func BenchmarkUIReport(b *testing.B) {
	sd := testarchive.SeedUI(b)
	h := newTestUI(b, sd)
	for _, path := range []string{"/reports/" + sd.ReportID, "/reports/" + sd.ReportID + "/history"} {
		b.Run(path, func(b *testing.B) { benchGET(b, h, path) })
	}
}

// benchGET requests path from h once per iteration.
func benchGET(b *testing.B, h http.Handler, path string) {
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 {
			b.Fatalf("GET %s = %d", path, rec.Code)
		}
	}
}

// BenchmarkUICompliance renders the compliance page of one report year
// over 10,000 configured agencies (two report years each indexed, a
// third of them late, every tenth agency without a report).
func BenchmarkUICompliance(b *testing.B) {
	var entries []store.ReportEntry
	var portals []config.Portal
	for a := range 10000 {
		agency := fmt.Sprintf("第%05d号机关", a)
		portals = append(portals, config.Portal{Name: fmt.Sprintf("p%05d", a), Agency: agency,
			Region: fmt.Sprintf("第%02d省", a%31), Level: []string{"department", "county", "city"}[a%3],
			Column: fmt.Sprintf("http://127.0.0.1:1/%d/", a)})
		if a%10 == 9 {
			continue
		}
		for _, y := range []int{2023, 2024} {
			published := fmt.Sprintf("%d-01-%02d", y+1, 10+a%3*20%28)
			entries = append(entries, store.ReportEntry{Agency: agency, Year: y, Published: published,
				URL: fmt.Sprintf("http://127.0.0.1:1/%d/%d.html", a, y), Title: "年报"})
		}
	}
	svc, x := indexOnly(b, entries)
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	r := watch.NewReader(svc.Store(), x.Simplify, func() []config.Portal { return portals }, func() time.Time { return now })
	h := NewHandler(svc, Options{Watch: r, Logger: testarchive.Discard()})
	for _, path := range []string{"/compliance?year=2024", "/compliance?year=2024&region=" + url.QueryEscape("第07省")} {
		b.Run(path, func(b *testing.B) { benchGET(b, h, path) })
	}
}

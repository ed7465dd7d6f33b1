package webui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
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

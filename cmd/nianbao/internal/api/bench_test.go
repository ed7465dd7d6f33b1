package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

// BenchmarkAPIReport serves GET /api/v1/reports/{id}: the extraction comes
// from the archive's cache after the first request.
func BenchmarkAPIReport(b *testing.B) {
	sd := testarchive.Seed(b)
	h := newTestAPI(b, sd)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/reports/"+sd.ReportID, nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkAPIReports serves GET /api/v1/reports with an agency filter
// in Traditional script.
func BenchmarkAPIReports(b *testing.B) {
	h := newTestAPI(b, testarchive.Seed(b))
	req := httptest.NewRequest(http.MethodGet, "/api/v1/reports?agency=%E5%AE%BF%E9%81%B7&year=2021", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

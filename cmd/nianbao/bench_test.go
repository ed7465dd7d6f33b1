package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/nianbao/nianbao/store"
)

// BenchmarkAPIReport serves GET /api/v1/reports/{id}: the extraction comes
// from the archive's cache after the first request.
func BenchmarkAPIReport(b *testing.B) {
	sd := mustSeed(b)
	h := newTestAPI(b, sd)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/reports/"+sd.reportID, nil)
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
	h := newTestAPI(b, mustSeed(b))
	req := httptest.NewRequest(http.MethodGet, "/api/v1/reports?agency=%E5%AE%BF%E9%81%B7&year=2021", nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkExtractionMiss extracts an archived version as on a cache miss
// (a new extractor version): read the body, extract, cache.
func BenchmarkExtractionMiss(b *testing.B) {
	sd := mustSeed(b)
	s, err := store.Open(sd.db, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ex := &extractions{store: s, x: mustExtractor(b)}
	ctx := context.Background()
	r, err := s.Report(ctx, sd.reportID)
	if err != nil {
		b.Fatal(err)
	}
	v := sd.versions[2]
	for b.Loop() {
		body, err := s.Body(ctx, v.SHA256)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ex.x.Extract(inputOf(v, body, r.Agency, r.Region))
		if err != nil {
			b.Fatal(err)
		}
		if err := ex.cache(ctx, v.ID, rep); err != nil {
			b.Fatal(err)
		}
	}
}

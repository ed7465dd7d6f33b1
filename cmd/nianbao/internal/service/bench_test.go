package service_test

import (
	"context"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

// BenchmarkExtractionMiss extracts an archived version as on a cache miss
// (a new extractor version): read the body, extract, cache.
func BenchmarkExtractionMiss(b *testing.B) {
	sd := testarchive.Seed(b)
	s, err := store.Open(sd.DB, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := service.New(s, testarchive.Extractor(b), service.Options{})
	ctx := context.Background()
	r, err := s.Report(ctx, sd.ReportID)
	if err != nil {
		b.Fatal(err)
	}
	v := sd.Versions[2]
	for b.Loop() {
		if err := svc.ExtractUncached(ctx, r, v); err != nil {
			b.Fatal(err)
		}
	}
}

package testarchive

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// T0 is the clock of the seeded archive.
var T0 = time.Date(2022, 2, 1, 3, 0, 0, 0, time.UTC)

// SeedURL is the seeded report's URL.
const SeedURL = "http://127.0.0.1:1/zfxxgknb/202201/t20220128_1.html"

// Seeded describes an archive built by Seed or SeedUI.
type Seeded struct {
	DB       string
	ReportID string
	URL      string
	// Versions: new, unchanged, edited (new), failed; SeedUI adds two new
	// edited versions and the 2020 report's.
	Versions []store.Version
	// Others are SeedUI's other index entries: name → report id.
	Others map[string]string
}

// FixturePath is the path of the fixture report page,
// testdata/report2021.html beside this file.
func FixturePath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "report2021.html")
}

// Fixture returns the fixture report page's bytes.
func Fixture(tb testing.TB) []byte {
	tb.Helper()
	return MustRead(tb, FixturePath())
}

// MustRead returns the bytes of file name or fails tb.
func MustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Extractor returns a new extractor or fails tb.
func Extractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	x, err := extract.New()
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// Service opens the report service over the archive db, closed when the
// test ends.
func Service(tb testing.TB, db string) *service.Service {
	tb.Helper()
	x := Extractor(tb)
	s, err := store.Open(db, store.Options{Normalize: x.Simplify})
	if err != nil {
		tb.Fatal(err)
	}
	svc := service.New(s, x, service.Options{})
	tb.Cleanup(func() { svc.Close() })
	return svc
}

// Seed builds an archive in a temp dir holding one report page fetched
// four times: new, unchanged, edited, failed. It classifies the page with
// the real extractor, as the crawler would, and indexes it. The store is
// closed again so commands can open it.
func Seed(tb testing.TB) Seeded {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "archive.db")
	s, err := store.Open(db, store.Options{Now: func() time.Time { return T0 }})
	if err != nil {
		tb.Fatal(err)
	}
	svc := service.New(s, Extractor(tb), service.Options{})
	defer svc.Close()
	cls := svc.Classifier(Discard())
	portal := config.Portal{Name: "suqian", Agency: "宿迁市人民政府", Region: "江苏省宿迁市"}
	body := Fixture(tb)
	edited := bytes.Replace(body, []byte("全年主动公开政府信息2294条"), []byte("全年主动公开政府信息2295条"), 1)
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	fetches := []store.Fetch{
		{Portal: "suqian", URL: SeedURL, FinalURL: SeedURL, FetchedAt: T0, Status: 200, Header: hdr, Body: body},
		{Portal: "suqian", URL: SeedURL, FinalURL: SeedURL, FetchedAt: T0.Add(24 * time.Hour), Status: 200, Header: hdr, Body: body},
		{Portal: "suqian", URL: SeedURL, FinalURL: SeedURL, FetchedAt: T0.Add(48 * time.Hour), Status: 200, Header: hdr, Body: edited},
		{Portal: "suqian", URL: SeedURL, FetchedAt: T0.Add(72 * time.Hour), Reason: "timeout"},
	}
	out := Seeded{DB: db, URL: SeedURL, Others: map[string]string{}}
	for _, f := range fetches {
		v, err := s.Record(ctx, f)
		if err != nil {
			tb.Fatal(err)
		}
		out.Versions = append(out.Versions, v)
		if v.Outcome != store.OutcomeNew {
			continue
		}
		entry, ok, err := cls.Classify(ctx, crawler.Page{Portal: portal, Version: v, Body: f.Body})
		if err != nil || !ok {
			tb.Fatalf("Classify(%s) = %v, %v; want a report", f.URL, ok, err)
		}
		r, err := s.IndexReport(ctx, entry)
		if err != nil {
			tb.Fatal(err)
		}
		out.ReportID = r.ID
	}
	return out
}

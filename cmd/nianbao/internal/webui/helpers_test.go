package webui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// newTestUI serves the seeded archive through the web UI.
func newTestUI(tb testing.TB, sd testarchive.Seeded) http.Handler {
	tb.Helper()
	return NewHandler(testarchive.Service(tb, sd.DB), Options{Logger: testarchive.Discard()})
}

// getPage requests path from h and parses the HTML answer.
func getPage(tb testing.TB, h http.Handler, method, path string) (*httptest.ResponseRecorder, *goquery.Document) {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String()))
	if err != nil {
		tb.Fatalf("GET %s: parse HTML: %v", path, err)
	}
	return rec, doc
}

// text is the whitespace-trimmed text of the selection.
func text(s *goquery.Selection) string { return strings.TrimSpace(s.Text()) }

// newUIOnly serves the web UI over a fresh archive holding only the given
// index entries (no fetched pages).
func newUIOnly(tb testing.TB, entries []store.ReportEntry) http.Handler {
	tb.Helper()
	svc, _ := indexOnly(tb, entries)
	return NewHandler(svc, Options{Logger: testarchive.Discard()})
}

// indexOnly is a fresh archive holding only the given index entries, and
// its extractor.
func indexOnly(tb testing.TB, entries []store.ReportEntry) (*service.Service, *extract.Extractor) {
	tb.Helper()
	x := testarchive.Extractor(tb)
	s, err := store.Open(filepath.Join(tb.TempDir(), "archive.db"), store.Options{NoSync: true, Normalize: x.Simplify})
	if err != nil {
		tb.Fatal(err)
	}
	svc := service.New(s, x, service.Options{})
	tb.Cleanup(func() { svc.Close() })
	for _, e := range entries {
		if _, err := s.IndexReport(context.Background(), e); err != nil {
			tb.Fatal(err)
		}
	}
	return svc, x
}

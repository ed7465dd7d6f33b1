package service_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// TestClassifyDocumentFromArchive: the crawler hands a document without
// its body; the classifier reads it from the archive, one document at a
// time, not at all when the extraction is cached, and says so when the
// archive cannot give it.
func TestClassifyDocumentFromArchive(t *testing.T) {
	ctx := context.Background()
	docx, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "extract", "testdata", "documents", "report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(s, testarchive.Extractor(t), service.Options{})
	defer svc.Close()
	cls := svc.Classifier(testarchive.Discard())
	portal := config.Portal{Name: "docs", Agency: "某区人民政府"}

	var pages []crawler.Page
	for i := range 3 {
		u := "http://127.0.0.1:1/files/report" + string(rune('a'+i)) + ".docx"
		body := append([]byte(nil), docx...)
		if i > 0 { // different bytes, so each is archived and read on its own
			body = append(body, byte(i))
		}
		v, err := s.Record(ctx, store.Fetch{Portal: portal.Name, URL: u, FinalURL: u, FetchedAt: time.Now(), Status: 200,
			Header: http.Header{"Content-Type": {"application/octet-stream"}}, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, crawler.Page{Portal: portal, Version: v, Document: true, LinkYear: 2023,
			Load: func(ctx context.Context) ([]byte, error) { return s.Body(ctx, v.SHA256) }})
	}

	// Three documents classified at once: each Load is watched, and no
	// two may run at the same time.
	var loading, overlapped atomic.Int32
	var wg sync.WaitGroup
	entries := make([]store.ReportEntry, len(pages))
	errs := make([]error, len(pages))
	for i, p := range pages {
		load := p.Load
		p.Load = func(ctx context.Context) ([]byte, error) {
			if loading.Add(1) > 1 {
				overlapped.Add(1)
			}
			defer loading.Add(-1)
			time.Sleep(20 * time.Millisecond) // a slow archive: the others would overlap
			return load(ctx)
		}
		wg.Go(func() {
			var ok bool
			entries[i], ok, errs[i] = cls.Classify(ctx, p)
			if !ok && errs[i] == nil {
				errs[i] = errors.New("not indexed")
			}
		})
	}
	wg.Wait()
	if n := overlapped.Load(); n != 0 {
		t.Errorf("%d document loads overlapped another; want one document at a time", n)
	}
	for i, e := range entries {
		if errs[i] != nil || e.Year != 2023 || !strings.HasPrefix(e.Template, "T20") {
			t.Errorf("document %d classified as %+v, %v; want the 2023 report read from the archive", i, e, errs[i])
		}
	}

	// Fetched again unchanged: the cached extraction answers, the body is
	// not read.
	again, err := s.Record(ctx, store.Fetch{Portal: portal.Name, URL: pages[0].Version.URL, FinalURL: pages[0].Version.URL,
		FetchedAt: time.Now(), Status: 200, Header: http.Header{"Content-Type": {"application/octet-stream"}}, Body: docx})
	if err != nil || again.Outcome != store.OutcomeUnchanged {
		t.Fatalf("refetch recorded as %q, %v; want unchanged", again.Outcome, err)
	}
	cached := crawler.Page{Portal: portal, Version: again, Document: true, LinkYear: 2023,
		Load: func(context.Context) ([]byte, error) { return nil, errors.New("body read for a cached extraction") }}
	if e, ok, err := cls.Classify(ctx, cached); err != nil || !ok || e.Year != 2023 {
		t.Errorf("unchanged document classified as %+v, %v, %v; want the cached 2023 report", e, ok, err)
	}

	// An archive that cannot give the body is an error that names it.
	broken := pages[0]
	broken.Load = func(context.Context) ([]byte, error) { return nil, store.ErrNotFound }
	if _, ok, err := cls.Classify(ctx, broken); ok || !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "read archived body") {
		t.Errorf("Classify with an unreadable archive = %v, %v; want a read archived body error", ok, err)
	}
}

package webui

import (
	"context"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// A report published as a PDF attachment (served as octet-stream) is
// classified, indexed and shown like a page: its tables, and a link to the
// original document.
func TestReportPageOfPDF(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	body := testarchive.MustRead(t, filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "extract", "testdata", "documents", "report.pdf"))
	ctx := context.Background()
	x := testarchive.Extractor(t)
	s, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{NoSync: true, Normalize: x.Simplify, Now: func() time.Time { return testarchive.T0 }})
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(s, x, service.Options{})
	t.Cleanup(func() { svc.Close() })
	const u = "http://127.0.0.1:1/zfxxgknb/P020240120.pdf"
	v, err := s.Record(ctx, store.Fetch{Portal: "p", URL: u, FinalURL: u, FetchedAt: testarchive.T0, Status: 200,
		Header: http.Header{"Content-Type": {"application/octet-stream"}}, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	entry, ok, err := svc.Classifier(testarchive.Discard()).Classify(ctx, crawler.Page{Portal: config.Portal{Name: "p", Agency: "某某县人民政府"}, Version: v, Body: body})
	if err != nil || !ok {
		t.Fatalf("Classify = %v, %v; want a report", ok, err)
	}
	r, err := s.IndexReport(ctx, entry)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandler(svc, Options{Logger: testarchive.Discard()})
	rec, doc := getPage(t, h, "GET", "/reports/"+r.ID)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	link := doc.Find("a.document")
	if href := link.AttrOr("href", ""); href != "/api/v1/versions/"+v.ID+"/raw" || text(link) != "原始文档（PDF，2 页）" {
		t.Errorf("document link %q %q", href, text(link))
	}
	if got := text(doc.Find("h1")); got != "某某县人民政府2023年政府信息公开工作年度报告" {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(rec.Body.String(), "法律服务机构") || text(doc.Find(".counts .check-fail")) != "0" || text(doc.Find(".counts .check-pass")) == "0" {
		t.Errorf("tables or checks: %q", text(doc.Find(".counts")))
	}
}

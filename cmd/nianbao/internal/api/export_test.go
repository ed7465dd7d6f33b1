package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

// TestWARCExportOneAtATime: while an export runs, a second request gets
// 429 with Retry-After and a JSON error, and nothing of the archive; once
// it ends, the next export is served.
func TestWARCExportOneAtATime(t *testing.T) {
	sd := testarchive.Seed(t)
	h := &handler{svc: testarchive.Service(t, sd.DB), log: testarchive.Discard(), exporting: make(chan struct{}, 1)}
	mux := h.routes()
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/export/warc", nil))
		return rec
	}

	h.exporting <- struct{}{} // an export is running
	busy := get()
	if busy.Code != http.StatusTooManyRequests || busy.Header().Get("Retry-After") != exportRetryAfter {
		t.Errorf("second export: %d, Retry-After %q; want 429, %s", busy.Code, busy.Header().Get("Retry-After"), exportRetryAfter)
	}
	if ct := busy.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || !strings.Contains(busy.Body.String(), `"error": "a WARC export is already running`) {
		t.Errorf("second export: %s %q, want a JSON error", ct, busy.Body.String())
	}
	<-h.exporting // it ends

	done := get()
	if done.Code != http.StatusOK || !bytes.HasPrefix(done.Body.Bytes(), []byte{0x1f, 0x8b}) {
		t.Fatalf("export after the first ended: %d, %d bytes; want 200 and gzip", done.Code, done.Body.Len())
	}
	if done.Header().Get(TrailerWARCSummary) == "" {
		t.Error("export after the first ended has no summary trailer")
	}
	if len(h.exporting) != 0 {
		t.Error("the export slot was not released")
	}
}

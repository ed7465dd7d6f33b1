package daemon

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
)

// newTestHandler serves the seeded archive through the daemon's whole
// HTTP surface, with one configured portal, metrics over the archive and
// a /healthz that always answers ok.
func newTestHandler(t testing.TB, sd testarchive.Seeded) http.Handler {
	t.Helper()
	return newGatedHandler(t, sd, HandlerOptions{})
}

// newGatedHandler is newTestHandler with gate settings (Token,
// ProtectMetrics, Logger) taken from gate.
func newGatedHandler(t testing.TB, sd testarchive.Seeded, gate HandlerOptions) http.Handler {
	t.Helper()
	if gate.Logger == nil {
		gate.Logger = testarchive.Discard()
	}
	svc := testarchive.Service(t, sd.DB)
	portals := &portalSet{}
	portals.set([]config.Portal{{Name: "suqian", Agency: "宿迁市人民政府", Column: "http://127.0.0.1:1/zfxxgknb/", Schedule: "0 3 * * *"}})
	reg := prometheus.NewRegistry()
	reg.MustRegister(newArchiveCollector(svc, portals.get, testarchive.Discard()))
	return NewHandler(svc, HandlerOptions{
		Portals: portals.get,
		Health: func(w http.ResponseWriter, r *http.Request) error {
			httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
			return nil
		},
		Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}),
		Watch:   watch.NewReader(svc.Store(), svc.Simplify, portals.get, nil),
		Logger:  gate.Logger,
		Token:   gate.Token, ProtectMetrics: gate.ProtectMetrics,
	})
}

// TestHandler: the daemon's surface routes /api/ to the API (JSON, also
// for unknown paths), /healthz and /metrics to theirs, and everything
// else to the web UI (HTML).
func TestHandler(t *testing.T) {
	sd := testarchive.Seed(t)
	h := newTestHandler(t, sd)
	tests := []struct {
		method, path string
		status       int
		ctype        string
		want         []string // substrings of the body
	}{
		{"GET", "/healthz", 200, "application/json", []string{`"status": "ok"`}},
		{"GET", "/metrics", 200, "text/plain", []string{"nianbao_archive_size_bytes", "nianbao_archive_dedup_saved_bytes"}},
		{"GET", "/api/v1/reports", 200, "application/json", []string{sd.ReportID}},
		{"GET", "/api/v1/nothing", 404, "application/json", []string{`"error": "not found: no route /api/v1/nothing"`}},
		{"POST", "/api/v1/reports", 405, "application/json", []string{`"error"`}},
		{"GET", "/", 200, "text/html", []string{"宿迁市人民政府"}},
		{"GET", "/reports/" + sd.ReportID, 200, "text/html", []string{"宿迁市人民政府2021年政府信息公开工作年度报告"}},
		{"GET", "/nothing", 404, "text/html", []string{"no page /nothing"}},
		{"POST", "/healthz", 405, "text/html", []string{"method POST not allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d; body %s", tt.method, tt.path, rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.ctype)
			}
			testarchive.Contains(t, "body", rec.Body.String(), tt.want...)
		})
	}
}

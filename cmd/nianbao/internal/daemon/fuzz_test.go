package daemon

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

// FuzzAPI sends arbitrary paths and queries to the API and the web UI over
// a seeded archive: whatever the caller sends, the answer is never a 500,
// and an API error is always {"error": "…"}. Seeds: testdata/fuzz/FuzzAPI.
func FuzzAPI(f *testing.F) {
	h := newTestHandler(f, testarchive.Seed(f))
	f.Fuzz(func(t *testing.T, target string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n#") {
			return
		}
		req, err := http.NewRequest(http.MethodGet, "http://nianbao.test"+target, nil)
		if err != nil || req.URL.Path == "/metrics" {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s = %d: %s", target, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && strings.HasPrefix(req.URL.Path, "/api/") {
			var e httpx.Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("GET %s = %d with body %q, want {\"error\": …}", target, rec.Code, rec.Body)
			}
		}
	})
}

package daemon

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/config"
)

// TestHealthBeforeRun: an App that opened its archive but whose scheduler
// does not run yet is not healthy.
func TestHealthBeforeRun(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	yaml := "portals:\n  - name: p\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/\n    schedule: \"0 3 * * *\"\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	app, err := New(cfg, Options{Overrides: config.Overrides{DB: filepath.Join(dir, "a.db"), Listen: "127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	rec := httptest.NewRecorder()
	app.srv.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("/healthz before Run = %d %s, want 503 with an error", rec.Code, rec.Body)
	}
}

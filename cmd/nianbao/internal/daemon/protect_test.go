package daemon

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
)

const testToken = "0123456789abcdef-the-token"

// TestTokenGate: with a token set, every /api/ and web UI route wants it
// (Bearer, or as the password of Basic credentials); a missing or wrong
// one is 401 with a challenge; /healthz stays open and /metrics follows
// protect_metrics. The token never reaches the logs.
func TestTokenGate(t *testing.T) {
	sd := testarchive.Seed(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	open := newGatedHandler(t, sd, HandlerOptions{Token: config.NewSecret(testToken), Logger: logger})
	closed := newGatedHandler(t, testarchive.Seed(t), HandlerOptions{Token: config.NewSecret(testToken), ProtectMetrics: true, Logger: logger})
	raw := "/api/v1/versions/" + sd.Versions[0].ID + "/raw"
	bearer := func(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }
	basic := func(user, pw string) http.Header {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.SetBasicAuth(user, pw)
		return r.Header
	}
	tests := []struct {
		name    string
		h       http.Handler
		path    string
		header  http.Header
		status  int
		ctype   string
		want    string
		wantCSP string
	}{
		{"api without token", open, "/api/v1/reports", nil, 401, "application/json", `"error": "this nianbao wants its API token`, defaultCSP},
		{"api with a wrong token", open, "/api/v1/reports", bearer("0123456789abcdef-the-tokem"), 401, "application/json", `"error"`, defaultCSP},
		{"api with a prefix of the token", open, "/api/v1/reports", bearer(testToken[:16]), 401, "application/json", `"error"`, defaultCSP},
		{"api with the token and more", open, "/api/v1/reports", bearer(testToken + "x"), 401, "application/json", `"error"`, defaultCSP},
		{"api with an empty bearer", open, "/api/v1/reports", bearer(""), 401, "application/json", `"error"`, defaultCSP},
		{"api with the token", open, "/api/v1/reports", bearer(testToken), 200, "application/json", sd.ReportID, defaultCSP},
		{"portals with the token, which it never lists", open, "/api/v1/portals", bearer(testToken), 200, "application/json", `"name": "suqian"`, defaultCSP},
		{"scheme in lower case", open, "/api/v1/reports", http.Header{"Authorization": {"bearer " + testToken}}, 200, "application/json", sd.ReportID, defaultCSP},
		{"unknown api route without token", open, "/api/v1/nothing", nil, 401, "application/json", `"error"`, defaultCSP},
		{"raw bytes with the token keep their sandbox", open, raw, bearer(testToken), 200, "text/html", "", "sandbox"},
		{"raw bytes without token", open, raw, nil, 401, "application/json", `"error"`, defaultCSP},
		{"ui without token", open, "/", nil, 401, "text/plain", "Unauthorized: this nianbao wants its API token", defaultCSP},
		{"ui report without token", open, "/reports/" + sd.ReportID, nil, 401, "text/plain", "Unauthorized", defaultCSP},
		{"ui with the token", open, "/", bearer(testToken), 200, "text/html", "宿迁市人民政府", "default-src 'self'"},
		{"ui with the token as basic password", open, "/", basic("anyone", testToken), 200, "text/html", "宿迁市人民政府", "default-src 'self'"},
		{"ui with a wrong basic password", open, "/", basic(testToken, "wrong"), 401, "text/plain", "Unauthorized", defaultCSP},
		{"healthz stays open", open, "/healthz", nil, 200, "application/json", `"status": "ok"`, defaultCSP},
		{"metrics open by default", open, "/metrics", nil, 200, "text/plain", "nianbao_archive_size_bytes", defaultCSP},
		{"protected metrics without token", closed, "/metrics", nil, 401, "application/json", `"error"`, defaultCSP},
		{"protected metrics with the token", closed, "/metrics", bearer(testToken), 200, "text/plain", "nianbao_archive_size_bytes", defaultCSP},
		{"healthz open with protected metrics", closed, "/healthz", nil, 200, "application/json", `"status": "ok"`, defaultCSP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d; body %s", tt.path, rec.Code, tt.status, rec.Body)
			}
			h := rec.Header()
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.ctype)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.HasPrefix(csp, tt.wantCSP) {
				t.Errorf("Content-Security-Policy = %q, want %q", csp, tt.wantCSP)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", h.Get("X-Content-Type-Options"))
			}
			if tt.status == 401 && !strings.Contains(strings.Join(h.Values("WWW-Authenticate"), ", "), `Bearer realm="nianbao"`) {
				t.Errorf("401 without a Bearer challenge: %q", h.Values("WWW-Authenticate"))
			}
			testarchive.Contains(t, "body", rec.Body.String(), tt.want)
			if strings.Contains(rec.Body.String(), testToken) {
				t.Error("the response shows the token")
			}
		})
	}
	if strings.Contains(logs.String(), testToken) || strings.Contains(logs.String(), testToken[:16]) {
		t.Errorf("the logs show the token:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "request without the API token refused") {
		t.Errorf("refusals are not logged:\n%s", logs.String())
	}
}

// TestGateBounds: without a token every route answers as before, with
// the security headers on every response; an overlong request URI is 414
// and an oversized body 413.
func TestGateBounds(t *testing.T) {
	sd := testarchive.Seed(t)
	h := newTestHandler(t, sd)
	long := "/api/v1/pages?url=" + strings.Repeat("a", maxRequestURI)
	tests := []struct {
		method, path string
		body         string
		status       int
		want         string
	}{
		{"GET", "/api/v1/reports", "", 200, sd.ReportID},
		{"GET", "/", "", 200, "宿迁市人民政府"},
		{"GET", "/metrics", "", 200, "nianbao_archive_size_bytes"},
		{"GET", long, "", 414, `"error": "the request URI (path and query) is longer than 8 KiB"`},
		{"GET", "/history?url=" + strings.Repeat("b", maxRequestURI), "", 414, "Request URI Too Long"},
		{"POST", "/api/v1/reports", strings.Repeat("x", maxRequestBody+1), 413, `"error": "request bodies are limited to 64 KiB"`},
		{"POST", "/api/v1/reports", "small", 405, `"error"`},
	}
	for _, tt := range tests {
		name := tt.method + " " + tt.path
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body)))
			if rec.Code != tt.status {
				t.Fatalf("%s = %d, want %d; body %.200s", name, rec.Code, tt.status, rec.Body)
			}
			if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("headers %v: want a Content-Security-Policy and nosniff", rec.Header())
			}
			testarchive.Contains(t, "body", rec.Body.String(), tt.want)
		})
	}
}

func TestLogExposure(t *testing.T) {
	tests := []struct {
		listen string
		token  string
		warn   bool
	}{
		{"0.0.0.0:8080", "", true},
		{":8080", "", true},
		{"[::]:8080", "", true},
		{"192.0.2.10:8080", "", true},
		{"nianbao.example.org:8080", "", true},
		{"0.0.0.0:8080", testToken, false},
		{"127.0.0.1:8080", "", false},
		{"127.0.0.9:8080", "", false},
		{"[::1]:8080", "", false},
		{"localhost:8080", "", false},
	}
	for _, tt := range tests {
		var logs bytes.Buffer
		cfg := &config.Config{File: config.EmbeddedFile, HTTP: config.HTTP{Listen: tt.listen, Token: config.NewSecret(tt.token)}}
		logExposure(slog.New(slog.NewTextHandler(&logs, nil)), cfg)
		got := strings.Contains(logs.String(), "level=WARN msg=\"the archive is public")
		if got != tt.warn {
			t.Errorf("listen %s, token %v: WARN %v, want %v:\n%s", tt.listen, tt.token != "", got, tt.warn, logs.String())
		}
		if tt.token != "" && strings.Contains(logs.String(), tt.token) {
			t.Errorf("the log shows the token: %s", logs.String())
		}
	}
}

// TestServeWarnsWhenPublic: serve's start-up on a non-loopback address
// without a token logs the WARN; with a token it does not, and a config
// file holding the token that others can read is warned about.
func TestServeWarnsWhenPublic(t *testing.T) {
	dir := t.TempDir()
	write := func(name, yaml string, mode os.FileMode) *config.Config {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(yaml), mode); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	portal := "portals:\n  - name: p\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/\n    schedule: \"0 3 * * *\"\n"
	start := func(cfg *config.Config, listen string) string {
		var logs bytes.Buffer
		app, err := New(cfg, Options{
			Logger:    slog.New(slog.NewTextHandler(&logs, nil)),
			Overrides: config.Overrides{DB: filepath.Join(dir, "a.db"), Listen: listen},
		})
		if err != nil {
			t.Fatal(err)
		}
		app.Close() // never served: only the start-up is looked at
		return logs.String()
	}
	if logs := start(write("open.yaml", portal, 0o600), "0.0.0.0:0"); !strings.Contains(logs, `level=WARN msg="the archive is public`) {
		t.Errorf("public listen without token: no WARN:\n%s", logs)
	}
	if logs := start(write("local.yaml", portal, 0o600), "127.0.0.1:0"); strings.Contains(logs, "level=WARN") {
		t.Errorf("loopback listen: a WARN:\n%s", logs)
	}
	withToken := "http:\n  token: " + testToken + "\n" + portal
	logs := start(write("token.yaml", withToken, 0o644), "0.0.0.0:0")
	if strings.Contains(logs, "the archive is public") || !strings.Contains(logs, "API token required") {
		t.Errorf("public listen with token:\n%s", logs)
	}
	if !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "other users can read it (mode 0644)") || strings.Contains(logs, testToken) {
		t.Errorf("token in a world-readable file: want the WARN, never the token:\n%s", logs)
	}
}

// TestServeRefusesShortEnvToken: NIANBAO_TOKEN is held to the file's rule.
func TestServeRefusesShortEnvToken(t *testing.T) {
	dir := t.TempDir()
	cfg := &config.Config{File: config.EmbeddedFile, Storage: config.Storage{Path: filepath.Join(dir, "a.db")}, HTTP: config.HTTP{Listen: "127.0.0.1:0"}}
	_, err := New(cfg, Options{Getenv: func(k string) string {
		if k == config.EnvToken {
			return "short"
		}
		return ""
	}})
	if err == nil || !strings.Contains(err.Error(), "NIANBAO_TOKEN") || strings.Contains(err.Error(), "short\"") {
		t.Fatalf("New with a 5-character NIANBAO_TOKEN: %v; want an error naming it", err)
	}
}

package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// serveAt starts a test server on ip (a loopback address), skipping the
// test when the system refuses it.
func serveAt(t *testing.T, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestCrawlRefusesUnconfiguredAddresses is the report as a user
// sees it: a configured portal on 127.0.0.31 whose report answers 302 to
// 127.0.0.32 (named nowhere in the config, standing for a metadata
// service). crawl never connects there, not even for robots.txt; the
// summary counts the refusal; history shows the report failed with
// blocked_address_127.0.0.32; no export carries the target's answer.
func TestCrawlRefusesUnconfiguredAddresses(t *testing.T) {
	var innerHits atomic.Int64
	inner := serveAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		innerHits.Add(1)
		fmt.Fprint(w, "<html><body><h1>2023年政府信息公开工作年度报告</h1>AKIA-INSTANCE-CREDENTIALS</body></html>")
	}))
	mux := http.NewServeMux()
	mux.HandleFunc("/nb/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="r2023.html">2023年政府信息公开工作年度报告</a></body></html>`)
	})
	mux.HandleFunc("/nb/r2023.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/latest/meta-data/iam/security-credentials/", http.StatusFound)
	})
	portal := serveAt(t, "127.0.0.31", mux)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	db := filepath.Join(dir, "a.db")
	yaml := "crawl:\n  delay: 1ms\n  retries: 0\n  timeout: 5s\nportals:\n  - name: portal\n    agency: 某区人民政府\n    column: " +
		portal.URL + "/nb/index.html\n    schedule: \"0 3 * * *\"\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", db)
	if code != 0 || !strings.Contains(out, "blocked_address_127.0.0.32=1") {
		t.Fatalf("crawl: exit %d, want 0 and the refusal counted\nstdout %s\nstderr %s", code, out, errs)
	}
	if !strings.Contains(errs, "connection refused by the address guard") {
		t.Errorf("crawl's stderr lacks the WARN: %s", errs)
	}
	if n := innerHits.Load(); n != 0 {
		t.Errorf("%d requests reached 127.0.0.32, want 0", n)
	}
	code, out, errs = runCLI(t, nil, "history", portal.URL+"/nb/r2023.html", "--format", "json", "-c", cfg, "--db", db)
	if code != 0 || !strings.Contains(out, `"outcome": "failed"`) || !strings.Contains(out, `"reason": "blocked_address_127.0.0.32"`) {
		t.Errorf("history: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, nil, "export", "--jsonl", "-", "-c", cfg, "--db", db)
	if code != 0 || strings.Contains(out, "AKIA-INSTANCE-CREDENTIALS") {
		t.Errorf("export --jsonl: exit %d, %q; %s", code, out, errs)
	}
	code, out, errs = runCLI(t, nil, "export", "--warc", "-", "-c", cfg, "--db", db)
	zr, err := gzip.NewReader(strings.NewReader(out))
	if code != 0 || err != nil {
		t.Fatalf("export --warc: exit %d, %v; %s", code, err, errs)
	}
	records, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(records), "AKIA-INSTANCE-CREDENTIALS") || !strings.Contains(string(records), "blocked_address_127.0.0.32") {
		t.Errorf("export --warc: want the refusal as metadata and never the target's answer:\n%s", records)
	}
}

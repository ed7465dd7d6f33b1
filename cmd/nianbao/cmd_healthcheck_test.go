package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthcheck(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	listen := strings.TrimPrefix(srv.URL, "http://")
	if code, out, errs := runCLI(t, map[string]string{"NIANBAO_LISTEN": listen}, "healthcheck"); code != 0 || out != "ok\n" {
		t.Errorf("healthy: exit %d, %q %q", code, out, errs)
	}
	status = http.StatusServiceUnavailable
	if code, _, errs := runCLI(t, nil, "healthcheck", "--url", srv.URL+"/healthz"); code != 1 || !strings.Contains(errs, "503") {
		t.Errorf("unhealthy: exit %d, %q", code, errs)
	}
	srv.Close()
	if code, _, _ := runCLI(t, nil, "healthcheck", "--url", srv.URL+"/healthz", "--timeout", "1s"); code != 1 {
		t.Errorf("nothing listening: exit %d, want 1", code)
	}
}

func TestDialable(t *testing.T) {
	for in, want := range map[string]string{"0.0.0.0:8080": "127.0.0.1:8080", ":9": "127.0.0.1:9", "127.0.0.2:1": "127.0.0.2:1", "[::]:80": "[::1]:80"} {
		if got := dialable(in); got != want {
			t.Errorf("dialable(%q) = %q, want %q", in, got, want)
		}
	}
}

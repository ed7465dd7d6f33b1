package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

func TestStatusOf(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("%w: year", errInvalid), 400},
		{fmt.Errorf("report x: %w", store.ErrNotFound), 404},
		{fmt.Errorf("cursor: %w", store.ErrInvalid), 400},
		{fmt.Errorf("%w: --warc", errUnsupported), 501},
		{fmt.Errorf("extract version v: %w", extract.ErrUnsupported), 422},
		{extract.ErrEmpty, 422},
		{errors.New("disk on fire"), 500},
	}
	for _, tt := range tests {
		if got := statusOf(tt.err); got != tt.want {
			t.Errorf("statusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		invalid bool
	}{
		{"", defaultLimit, false}, {"1", 1, false}, {"500", 500, false},
		{"0", 0, true}, {"501", 0, true}, {"-3", 0, true}, {"ten", 0, true}, {"1e3", 0, true},
	}
	for _, tt := range tests {
		got, err := parseLimit(url.Values{"limit": {tt.in}})
		if (err != nil) != tt.invalid || got != tt.want {
			t.Errorf("parseLimit(%q) = %d, %v; want %d, invalid=%v", tt.in, got, err, tt.want, tt.invalid)
		}
		if err != nil && !errors.Is(err, errInvalid) {
			t.Errorf("parseLimit(%q) error %v is not errInvalid", tt.in, err)
		}
	}
}

func TestSliceCursor(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	var got []int
	cursor := ""
	for range 10 {
		page, next, err := sliceCursor(items, 2, cursor)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	if fmt.Sprint(got) != fmt.Sprint(items) {
		t.Errorf("paged %v, want %v", got, items)
	}
	for _, bad := range []string{"x", "-1", "6"} {
		if _, _, err := sliceCursor(items, 2, bad); !errors.Is(err, errInvalid) {
			t.Errorf("cursor %q: err %v, want errInvalid", bad, err)
		}
	}
}

func TestParseArgsInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	j := fs.Bool("json", false, "")
	v := fs.String("version", "", "")
	pos, err := parseArgs(fs, []string{"ID", "--json", "--version", "V", "--", "-x"})
	if err != nil {
		t.Fatal(err)
	}
	if !*j || *v != "V" || strings.Join(pos, " ") != "ID -x" {
		t.Errorf("json=%v version=%q pos=%q; want true, V, [ID -x]", *j, *v, pos)
	}
}

func TestSummary(t *testing.T) {
	var b strings.Builder
	err := writeSummary(&b, []portalResult{
		{Portal: "a", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: 3, store.OutcomeNotModified: 2, store.OutcomeFailed: 2}, Failures: map[string]int{"timeout": 1, "http_5xx": 1}, Reports: 2}},
		{Portal: "b", Err: errors.New("column unreachable")},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.golden", b.String())
}

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

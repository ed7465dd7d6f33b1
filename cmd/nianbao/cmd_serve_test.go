package main

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// TestServeCommand runs `nianbao serve` as a user would, through run with
// the process's signals: SIGHUP reloads the config file, SIGTERM shuts the
// daemon down with exit status 0.
func TestServeCommand(t *testing.T) {
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 2, Reports: 1})
	defer farm.Close()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts()[:1])
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	env := map[string]string{"NIANBAO_LISTEN": addr, "GOMEMLIMIT": "off"} // leave the test binary's limit alone
	var code int
	var stderr string
	done := make(chan struct{})
	go func() {
		defer close(done)
		code, _, stderr = runCLI(t, env, "serve", "-c", cfg, "--db", filepath.Join(dir, "a.db"), "--log-format", "json")
	}()
	base := "http://" + addr
	waitFor(t, "serve to answer /healthz", 30*time.Second, func() bool {
		select {
		case <-done:
			t.Fatalf("serve exited early: %d\n%s", code, stderr)
		default:
		}
		resp, err := httpGet(base + "/healthz")
		return err == nil && resp == 200
	})

	simConfig(t, cfg, farm.Hosts())
	mustKill(t, syscall.SIGHUP)
	var portals api.Page[api.PortalInfo]
	waitFor(t, "SIGHUP to reload the config", 30*time.Second, func() bool {
		getJSON(t, base, "/api/v1/portals", &portals)
		return len(portals.Items) == 2
	})

	mustKill(t, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not exit after SIGTERM")
	}
	if code != 0 {
		t.Errorf("serve exit status %d after SIGTERM, want 0\n%s", code, stderr)
	}
	testarchive.Contains(t, "log", stderr, `"msg":"config reloaded"`, `"msg":"shutting down"`, `"msg":"stopped"`)
	if strings.Contains(stderr, `"level":"ERROR"`) {
		t.Errorf("errors logged:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.db")); err != nil {
		t.Errorf("archive: %v", err)
	}
}

// httpGet returns the status of a GET, draining the body.
func httpGet(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// The soft memory limit grows with the portals, so that a large config's
// live heap does not keep the collector running all the time.
func TestServeMemoryLimit(t *testing.T) {
	for _, tc := range []struct {
		portals int
		want    int64
	}{
		{0, 72 << 20},
		{10_000, 72 << 20},
		{100_000, 100_000 * 5 << 9},
	} {
		if got := serveMemoryLimit(tc.portals); got != tc.want {
			t.Errorf("serveMemoryLimit(%d) = %d, want %d", tc.portals, got, tc.want)
		}
	}
}

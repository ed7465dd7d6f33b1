package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCrawlProgressBar crawls with stderr taken for a terminal: a bar is
// drawn (carriage returns, the portal's pages and reports) and each
// finished portal leaves a line.
func TestCrawlProgressBar(t *testing.T) {
	farm := mustFarm(t, 2, 2)
	defer farm.Close()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	var stdout, stderr bytes.Buffer
	c := &cli{
		stdout: &stdout, stderr: &stderr, terminal: true,
		getenv: func(string) string { return "" },
		now:    time.Now,
		exit:   func(code int) { t.Errorf("forced exit %d", code) },
	}
	if code := c.run(context.Background(), []string{"crawl", "-c", cfg, "--db", filepath.Join(dir, "a.db")}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	errs := stderr.String()
	contains(t, "stderr", errs, "\r", "portals] ", " pages, ", " reports")
	for _, h := range farm.Hosts() {
		contains(t, "stderr", errs, h.Site.Name+": done, ")
	}
	contains(t, "stdout", stdout.String(), "PORTAL", "TOTAL")
	if strings.Contains(stdout.String(), "\r") {
		t.Errorf("the summary on stdout holds progress output")
	}
}

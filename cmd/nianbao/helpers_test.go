package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// runCLI runs one command line with a clean environment and returns its
// exit status and output.
func runCLI(tb testing.TB, env map[string]string, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	return runCLIWith(tb, env, nil, args...)
}

// runCLIWith is runCLI with set, when not nil, changing the cli first.
func runCLIWith(tb testing.TB, env map[string]string, set func(*cli), args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	var out, errb bytes.Buffer
	c := &cli{
		stdout: &out, stderr: &errb,
		getenv:      func(k string) string { return env[k] },
		now:         func() time.Time { return testarchive.T0 },
		exit:        func(code int) { tb.Errorf("forced exit %d", code) },
		lockTimeout: 200 * time.Millisecond,
	}
	if set != nil {
		set(c)
	}
	code = c.run(context.Background(), args)
	return code, out.String(), errb.String()
}

// simConfig writes a config with one portal per simulated host and
// returns its path.
func simConfig(tb testing.TB, path string, hosts []*portalsim.Host) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("crawl:\n  user_agent: nianbao-e2e/1.0\n  delay: 2ms\n  parallelism: 2\n  timeout: 5s\n  retries: 1\n  max_pages: 200\n  attachments: true\nportals:\n")
	for _, h := range hosts {
		fmt.Fprintf(&b, "  - name: %s\n    agency: %s\n    region: %s\n    column: %s\n    pagination: %s\n    schedule: \"0 3 * * *\"\n",
			h.Site.Name, h.Site.Agency, h.Site.Region, h.ColumnURL(), h.Site.Family.Pagination())
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// startApp runs an App for the config file on 127.0.0.1:0 with the archive
// db, its scheduler starting due runs at once. Cancel, then read done for
// Run's result, then Close the App.
func startApp(tb testing.TB, cfgPath, db string) (app *daemon.App, cancel context.CancelFunc, done <-chan error) {
	tb.Helper()
	cfg, err := config.Load(cfgPath)
	if err != nil {
		tb.Fatal(err)
	}
	app, err = daemon.New(cfg, daemon.Options{
		Logger:    testarchive.Discard(),
		Overrides: config.Overrides{DB: db, Listen: "127.0.0.1:0"},
		Scheduler: []crawler.SchedulerOption{crawler.WithJitter(0)},
	})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan error, 1)
	go func() { ch <- app.Run(ctx) }()
	return app, cancel, ch
}

// getJSON fetches base+path into v and returns the status.
func getJSON(tb testing.TB, base, path string, v any) int {
	tb.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			tb.Fatalf("GET %s: %v\n%s", path, err, body)
		}
	}
	return resp.StatusCode
}

// waitFor polls cond every 50 ms until it holds or the deadline passes.
func waitFor(tb testing.TB, what string, d time.Duration, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

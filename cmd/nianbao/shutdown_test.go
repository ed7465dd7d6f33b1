package main

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// TestShutdownDuringCrawl cancels the App while a crawl hangs on a stalled
// host: Run returns promptly, the interrupted run is on record with its
// frontier saved (so the archive was still open when the crawl stopped),
// and nothing is left running.
func TestShutdownDuringCrawl(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 1, Reports: 3})
	defer farm.Close()
	h := farm.Hosts()[0]
	dir := t.TempDir()
	cfgPath := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	reports := h.ReportURLs()
	h.Inject(reports[len(reports)-1], portalsim.Fault{Kind: portalsim.Stall})
	db := filepath.Join(dir, "a.db")
	app, cancel, done := startApp(t, cfgPath, db)
	waitFor(t, "the crawl to reach the stalled page", 30*time.Second, func() bool {
		return len(h.HitsTo(reports[len(reports)-1])) > 0
	})
	if code := getJSON(t, "http://"+app.Addr().String(), "/healthz", nil); code != http.StatusOK {
		t.Errorf("/healthz = %d during a crawl, want 200", code)
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return within 15 s of cancel")
	}
	t.Logf("shutdown with a stalled fetch took %s", time.Since(start).Round(time.Millisecond))
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	run, err := s.LastRun(context.Background(), h.Site.Name)
	if err != nil {
		t.Fatalf("no run on record: %v", err)
	}
	pending, _, err := s.Frontier(context.Background(), h.Site.Name)
	if err != nil {
		t.Fatal(err)
	}
	if run.Error == "" && len(pending) == 0 {
		t.Errorf("interrupted run %+v left no error and no frontier", run)
	}
}

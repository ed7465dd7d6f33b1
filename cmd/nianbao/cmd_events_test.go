package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// TestWatchDaemon runs the daemon against simulated portals with a
// webhook receiver configured: after the start-up crawls, events are
// derived, POSTed (signed) and served by the feed, the API, the web UI
// and the CLI — through the daemon while it holds the archive, directly
// after it stopped.
func TestWatchDaemon(t *testing.T) {
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 2, Reports: 2})
	defer farm.Close()
	hosts := farm.Hosts()
	var mu sync.Mutex
	got := map[string]watch.Event{}
	badSig := 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var e watch.Event
		mu.Lock()
		defer mu.Unlock()
		if !watch.Verify([]byte("hook-secret"), r.Header.Get(watch.HeaderTimestamp), body, r.Header.Get(watch.HeaderSignature)) {
			badSig++
		}
		if json.Unmarshal(body, &e) == nil {
			got[e.ID] = e
		}
	}))
	defer hook.Close()
	dir := t.TempDir()
	cfgPath := simConfig(t, filepath.Join(dir, "nianbao.yaml"), hosts)
	f, err := os.OpenFile(cfgPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("notify:\n  - url: " + hook.URL + "/hook\n    secret: hook-secret\n")
	f.Close()
	db := filepath.Join(dir, "archive.db")
	app, cancel, done := startApp(t, cfgPath, db)
	base := "http://" + app.Addr().String()

	var events struct{ Items []watch.Event }
	waitFor(t, "a report_new event per report", 60*time.Second, func() bool {
		getJSON(t, base, "/api/v1/events?kind=report_new", &events)
		return len(events.Items) == 4
	})
	waitFor(t, "the webhook deliveries", 30*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, e := range events.Items {
			if _, ok := got[e.ID]; ok {
				n++
			}
		}
		return n == 4
	})
	mu.Lock()
	if badSig != 0 {
		t.Errorf("%d webhook deliveries with a bad signature", badSig)
	}
	mu.Unlock()

	// The feed, parsed as a reader would.
	resp, err := http.Get(base + "/feeds/events.atom?kind=report_new")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	feed, err := gofeed.NewParser().ParseString(string(body))
	if resp.StatusCode != 200 || err != nil || feed.FeedType != "atom" || len(feed.Items) != 4 {
		t.Fatalf("GET /feeds/events.atom = %d, %v; want an Atom feed of 4 entries\n%s", resp.StatusCode, err, body)
	}
	if !strings.HasPrefix(feed.Items[0].Link, base+"/reports/") {
		t.Errorf("feed entry links to %q, want the UI's report page", feed.Items[0].Link)
	}
	for path, want := range map[string]int{
		"/feeds/events.atom?kind=nope":        400,
		"/api/v1/events?year=abc":             400,
		"/api/v1/compliance":                  400,
		"/api/v1/compliance?year=2024":        200,
		"/compliance?year=x":                  400,
		"/compliance?year=2024&region=" + "x": 200,
	} {
		if code := getJSON(t, base, path, nil); code != want {
			t.Errorf("GET %s = %d, want %d", path, code, want)
		}
	}
	var cv watch.Compliance
	getJSON(t, base, "/api/v1/compliance?year=2024", &cv)
	if len(cv.Rows) != 2 || cv.Total.OnTime != 2 {
		t.Errorf("compliance 2024 = %+v, want both agencies on time", cv.Total)
	}
	resp, err = http.Get(base + "/compliance?year=2024")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), hosts[0].Site.Agency) || !strings.Contains(string(page), "按时") {
		t.Errorf("/compliance page lacks the agencies or their status:\n%s", page)
	}

	// The CLI reads through the daemon while it holds the archive.
	env := map[string]string{"NIANBAO_LISTEN": app.Addr().String()}
	code, out, errs := runCLI(t, env, "events", "--kind", "report_new", "--format", "json", "--db", db, "-c", cfgPath)
	var listed []watch.Event
	if code != 0 || json.Unmarshal([]byte(out), &listed) != nil || len(listed) != 4 || !strings.Contains(errs, "reading through") {
		t.Errorf("events via the daemon: exit %d, %d events, stderr %q", code, len(listed), errs)
	}
	// Asked in pages smaller than the listing, the daemon's pages are
	// followed to the end: the same listing, in text and in JSON.
	throughDaemon := map[string]string{}
	for _, format := range []string{"table", "json"} {
		args := []string{"events", "--kind", "report_new", "--format", format, "--db", db, "-c", cfgPath}
		for _, size := range []int{1, 3} {
			code, paged, errs := runCLIWith(t, env, func(c *cli) { c.eventsPage = size }, args...)
			if code != 0 || !strings.Contains(errs, "reading through") {
				t.Errorf("events --format %s via the daemon in pages of %d: exit %d, stderr %q", format, size, code, errs)
			}
			if prev, ok := throughDaemon[format]; ok && paged != prev {
				t.Errorf("events --format %s via the daemon in pages of %d:\n%s\nwant, as in other pages:\n%s", format, size, paged, prev)
			}
			throughDaemon[format] = paged
		}
	}
	if n := strings.Count(throughDaemon["table"], "report_new"); n != 4 {
		t.Errorf("events --format table via the daemon in pages: %d report_new rows, want 4:\n%s", n, throughDaemon["table"])
	}
	if throughDaemon["json"] != out {
		t.Errorf("events via the daemon in pages of 1:\n%s\nwant, as in one page:\n%s", throughDaemon["json"], out)
	}
	code, out, _ = runCLI(t, env, "compliance", "--year", "2024", "--format", "csv", "--db", db, "-c", cfgPath)
	if code != 0 || strings.Count(out, "on_time") != 2 {
		t.Errorf("compliance --format csv via the daemon: exit %d\n%s", code, out)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}

	// Directly, after the daemon stopped: the same events as the daemon's pages.
	for format, want := range throughDaemon {
		code, direct, errs := runCLI(t, nil, "events", "--kind", "report_new", "--format", format, "--db", db, "-c", cfgPath)
		if code != 0 || direct != want {
			t.Errorf("events --format %s directly: exit %d, stderr %q\n%s\nwant, as through the daemon:\n%s", format, code, errs, direct, want)
		}
	}
	code, out, errs = runCLI(t, nil, "events", "--agency", hosts[1].Site.Agency, "--db", db, "-c", cfgPath)
	if code != 0 || strings.Count(out, "report_new") != 2 || strings.Contains(out, hosts[0].Site.Agency) {
		t.Errorf("events --agency: exit %d\n%s\n%s", code, out, errs)
	}
	for _, args := range [][]string{{"events", "--kind", "report_edited"}, {"events", "--since", "yesterday"}, {"compliance"}, {"compliance", "--year", "2024", "--format", "xml"}} {
		if code, _, _ := runCLI(t, nil, append(args, "--db", db, "-c", cfgPath)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

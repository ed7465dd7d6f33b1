package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store/warc/warctest"
)

// TestEndToEnd runs the daemon on 127.0.0.1:0 against simulated portals:
// the scheduler crawls them at start, the API and the CLI serve what was
// archived, a reload adds a portal, and shutdown leaves no goroutine behind.
func TestEndToEnd(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 3, Reports: 3})
	defer farm.Close()
	hosts := farm.Hosts()
	dir := t.TempDir()
	cfgPath := simConfig(t, filepath.Join(dir, "nianbao.yaml"), hosts[:2])
	db := filepath.Join(dir, "archive.db")

	app, cancel, done := startApp(t, cfgPath, db)
	base := "http://" + app.Addr().String()

	// The scheduler runs both portals at start (they never ran).
	var portals api.Page[api.PortalInfo]
	waitFor(t, "both portals to finish a run", 60*time.Second, func() bool {
		getJSON(t, base, "/api/v1/portals", &portals)
		return len(portals.Items) == 2 && !slices.ContainsFunc(portals.Items, func(p api.PortalInfo) bool {
			return p.LastRun == nil || p.LastRun.End.IsZero()
		})
	})
	if code := getJSON(t, base, "/healthz", nil); code != http.StatusOK {
		t.Errorf("/healthz = %d while serving, want 200", code)
	}

	// Every genuine report of the two crawled hosts is indexed.
	var want []string
	for _, h := range hosts[:2] {
		for _, r := range h.Reports() {
			want = append(want, r.URL)
		}
	}
	var reports api.Page[api.ReportSummary]
	if code := getJSON(t, base, "/api/v1/reports?limit=500", &reports); code != 200 {
		t.Fatalf("/api/v1/reports = %d", code)
	}
	var got []string
	for _, r := range reports.Items {
		got = append(got, r.URL)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("indexed reports:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(reports.Items) == 0 {
		t.Fatal("no reports indexed")
	}
	t.Logf("%d reports indexed from %d portals", len(reports.Items), 2)

	// One report through every route.
	r0 := reports.Items[0]
	var rep map[string]any
	if code := getJSON(t, base, "/api/v1/reports/"+r0.ID, &rep); code != 200 || rep["is_report"] != true || rep["id"] != r0.ID {
		t.Errorf("/api/v1/reports/%s = %d, is_report %v, id %v", r0.ID, code, rep["is_report"], rep["id"])
	}
	var versions api.Page[api.VersionEntry]
	if code := getJSON(t, base, "/api/v1/pages?url="+url.QueryEscape(r0.URL), &versions); code != 200 || len(versions.Items) != 1 || versions.Items[0].Outcome != "new" {
		t.Fatalf("/api/v1/pages for %s = %d, %+v", r0.URL, code, versions.Items)
	}
	resp, err := http.Get(base + "/api/v1/versions/" + versions.Items[0].Version + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "sandbox" || int64(len(raw)) != versions.Items[0].Size {
		t.Errorf("raw: %d, CSP %q, %d bytes (want %d)", resp.StatusCode, resp.Header.Get("Content-Security-Policy"), len(raw), versions.Items[0].Size)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	testarchive.Contains(t, "/metrics", string(metrics),
		`nianbao_crawler_fetches_total{outcome="new",portal="`+hosts[0].Site.Name+`"}`,
		"nianbao_crawler_fetch_duration_seconds_bucket",
		`nianbao_portal_last_success_timestamp_seconds{portal="`+hosts[1].Site.Name+`"}`,
		"nianbao_archive_dedup_saved_bytes")

	// SIGHUP's path: the third portal appears after a reload, and, being
	// new, waits for its schedule.
	simConfig(t, cfgPath, hosts)
	app.Reload()
	waitFor(t, "the reload to add a portal", 30*time.Second, func() bool {
		getJSON(t, base, "/api/v1/portals", &portals)
		return len(portals.Items) == 3
	})

	// While the daemon holds the archive, the read commands go through its
	// API; after shutdown they read the archive; the output is the same.
	env := map[string]string{"NIANBAO_LISTEN": app.Addr().String()}
	readCmds := [][]string{
		{"reports", "--format", "json"},
		{"reports", "--format", "csv", "--agency", r0.Agency},
		{"history", r0.URL, "--format", "json"},
		{"show", r0.ID},
		{"show", r0.ID, "--clean"},
		{"show", r0.ID, "--raw"},
		{"show", r0.ID, "--raw", "--version", versions.Items[0].Version},
		{"export", "--jsonl", "-"},
		{"export", "--csv", "-"},
	}
	viaDaemon := make([]string, len(readCmds))
	for i, args := range readCmds {
		code, out, errs := runCLI(t, env, append(args, "--db", db, "-c", cfgPath)...)
		if code != 0 || !strings.Contains(errs, "reading through http://"+app.Addr().String()) {
			t.Errorf("%v while the daemon runs: exit %d, stderr %q", args, code, errs)
		}
		viaDaemon[i] = out
	}
	code, warcViaDaemon, errs := runCLI(t, env, "export", "--warc", "-", "--db", db, "-c", cfgPath)
	if code != 0 || !strings.Contains(errs, "reading through http://"+app.Addr().String()) || !strings.Contains(errs, "WARC records") {
		t.Errorf("export --warc while the daemon runs: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCLI(t, env, "show", "nope", "--db", db, "-c", cfgPath); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("show of an unknown id through the daemon: exit %d, %q", code, errs)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
	if err := app.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("server still answers after shutdown")
	}

	// The CLI reads the archive the daemon left.
	code, out, errs := runCLI(t, nil, "reports", "--db", db, "--format", "json", "-c", cfgPath)
	var cliReports []api.ReportSummary
	if code != 0 || json.Unmarshal([]byte(out), &cliReports) != nil || len(cliReports) != len(reports.Items) {
		t.Fatalf("reports after shutdown: exit %d, %d reports (API had %d); stderr %s", code, len(cliReports), len(reports.Items), errs)
	}
	code, out, _ = runCLI(t, nil, "show", r0.ID, "--db", db)
	if code != 0 || !strings.Contains(out, `"is_report": true`) {
		t.Errorf("show %s after shutdown: exit %d", r0.ID, code)
	}
	for i, args := range readCmds {
		code, out, errs := runCLI(t, nil, append(args, "--db", db, "-c", cfgPath)...)
		if code != 0 || out != viaDaemon[i] {
			t.Errorf("%v: exit %d, output from the archive differs from the one through the daemon:\n%s\n---\n%s\n%s", args, code, out, viaDaemon[i], errs)
		}
	}
	// The WARC from the archive holds the same captures as the one the
	// daemon streamed (record ids and the warcinfo differ by design).
	_, warcDirect, _ := runCLI(t, nil, "export", "--warc", "-", "--db", db, "-c", cfgPath)
	daemonRecs, directRecs := warctest.Captures(warctest.Read(t, []byte(warcViaDaemon))), warctest.Captures(warctest.Read(t, []byte(warcDirect)))
	if len(directRecs) == 0 || strings.Join(daemonRecs, "\n") != strings.Join(directRecs, "\n") {
		t.Errorf("WARC through the daemon (%d captures) differs from the archive's (%d)", len(daemonRecs), len(directRecs))
	}
	code, out, _ = runCLI(t, nil, "history", r0.URL, "--db", db)
	if code != 0 || !strings.Contains(out, " new ") {
		t.Errorf("history %s: exit %d\n%s", r0.URL, code, out)
	}
}

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// TestCLIPortalsAndFlaggedSummary: a column emptied between two crawls is
// named last in crawl's summary, in plain words, and `nianbao portals`
// lists it last as flagged, with its reports by year and the reasons.
func TestCLIPortalsAndFlaggedSummary(t *testing.T) {
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 2, Reports: 3})
	defer farm.Close()
	hosts := farm.Hosts()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), hosts)
	db := filepath.Join(dir, "archive.db")
	emptied, fine := hosts[0].Site.Name, hosts[1].Site.Name

	code, out, errs := runCLI(t, nil, "portals", "-c", cfg, "--db", db)
	if code != 0 || !strings.Contains(out, "never_run") || !strings.Contains(out, "not crawled yet") {
		t.Errorf("portals before any crawl: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs = runCLI(t, nil, "crawl", "-c", cfg, "--db", db); code != 0 || strings.Contains(out, "need attention") {
		t.Fatalf("first crawl: exit %d\n%s%s", code, out, errs)
	}
	hosts[0].Empty()
	code, out, errs = runCLI(t, nil, "crawl", "-c", cfg, "--db", db)
	if code != 0 {
		t.Fatalf("second crawl: exit %d\n%s", code, errs)
	}
	if i, j := strings.Index(out, "\n"+fine+" "), strings.Index(out, "\n"+emptied+" "); i < 0 || j < i {
		t.Errorf("summary: the flagged %s should come after %s:\n%s", emptied, fine, out)
	}
	for _, want := range []string{"1 of 2 portals need attention:", emptied + ": no report link on 1 list page(s)", emptied + ": 0 report(s) indexed, 3 in the previous run"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = runCLI(t, nil, "portals", "-c", cfg, "--db", db)
	if code != 0 {
		t.Fatalf("portals: exit %d\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], fine) || !strings.HasPrefix(lines[2], emptied) {
		t.Fatalf("portals: want a header, %s, then %s:\n%s", fine, emptied, out)
	}
	if f := strings.Fields(lines[1]); f[1] != "ok" || f[4] != "3" || f[5] != "2022–2024" {
		t.Errorf("ok portal line %q: want state ok, 3 reports, years 2022–2024", lines[1])
	}
	if !strings.Contains(lines[2], "flagged") || !strings.Contains(lines[2], "no_report_link: ") || !strings.Contains(lines[2], "reports_dropped: ") {
		t.Errorf("flagged portal line %q", lines[2])
	}

	code, out, _ = runCLI(t, nil, "portals", "-c", cfg, "--db", db, "--format", "json")
	var ps []api.PortalInfo
	if err := json.Unmarshal([]byte(out), &ps); code != 0 || err != nil || len(ps) != 2 {
		t.Fatalf("portals --format json: exit %d, %v\n%s", code, err, out)
	}
	if p := ps[1]; p.Name != emptied || p.State != api.StateFlagged || len(p.Flags) != 2 || p.LastRun.Coverage == nil || p.LastRun.Coverage.ListPages != 1 {
		t.Errorf("flagged portal in JSON: %+v", p)
	}
	if code, _, errs := runCLI(t, nil, "portals", "-c", cfg, "--db", db, "--format", "xml"); code != 2 || !strings.Contains(errs, "xml") {
		t.Errorf("--format xml: exit %d %q, want 2", code, errs)
	}
}

package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/crawler/portalsim"
)

// summaryRow returns the cells of the summary row for portal.
func summaryRow(t *testing.T, out, portal string) []string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == portal {
			return f
		}
	}
	t.Fatalf("no summary row for %s in:\n%s", portal, out)
	return nil
}

func TestCLICrawl(t *testing.T) {
	farm := mustFarm(t, 2, 2)
	defer farm.Close()
	hosts := farm.Hosts()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), hosts)
	db := filepath.Join(dir, "archive.db")
	a, b := hosts[0].Site.Name, hosts[1].Site.Name

	code, out, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", db, "--portal", a)
	if code != 0 {
		t.Fatalf("crawl: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	// header: PORTAL FETCHED NEW UNCHANGED 304 GONE FAILED REPORTS
	row := summaryRow(t, out, a)
	if row[2] == "0" || row[7] != strconv.Itoa(len(hosts[0].Reports())) {
		t.Errorf("first crawl of %s: new %s, reports %s; want new > 0 and %d reports\n%s", a, row[2], row[7], len(hosts[0].Reports()), out)
	}
	if strings.Contains(out, b) {
		t.Errorf("--portal %s also crawled %s:\n%s", a, b, out)
	}
	if !regexp.MustCompile(`\[1/1\] ` + a + `: done, \d+ pages`).MatchString(errs) {
		t.Errorf("no plain progress line on a non-terminal:\n%s", errs)
	}

	// Both portals again: a is answered 304, b is new.
	code, out, errs = runCLI(t, nil, "crawl", "-c", cfg, "--db", db)
	if code != 0 {
		t.Fatalf("second crawl: exit %d\n%s", code, errs)
	}
	if row := summaryRow(t, out, a); row[2] != "0" || row[4] == "0" {
		t.Errorf("recrawl of %s: new %s, 304 %s; want 0 new and some 304\n%s", a, row[2], row[4], out)
	}
	summaryRow(t, out, b)
	summaryRow(t, out, "TOTAL")

	// A failing host: pages fail (robots.txt too, so the host is left
	// alone), the run still completes with exit 0.
	hosts[1].Inject("*", portalsim.Fault{Kind: portalsim.ServerError, Status: 503})
	code, out, _ = runCLI(t, nil, "crawl", "-c", cfg, "--db", db, "--portal", b)
	if row := summaryRow(t, out, b); code != 0 || row[6] == "0" || !strings.Contains(out, "robots_http_503=") {
		t.Errorf("crawl of a failing host: exit %d, failed %s; want 0 and failures by reason\n%s", code, row[6], out)
	}

	if code, _, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", db, "--portal", "nope"); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("unknown portal: exit %d, %q; want 2", code, errs)
	}
}

package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
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
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 2, Reports: 2})
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

func TestCLICrawlUnknownPortalSuggests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	code, _, errs := runCLI(t, nil, "crawl", "--db", db, "--portal", "bj-miyn")
	want := `nianbao crawl: config: unknown portal "bj-miyn" (did you mean "bj-miyun"?); 45 portals are configured in <embedded>, 20 closest names: bj-miyun, `
	if code != 2 || !strings.HasPrefix(errs, want) {
		t.Errorf("crawl --portal bj-miyn: exit %d, stderr\n%s\nwant exit 2 and\n%s…", code, errs, want)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused crawl created %s (%v)", db, err)
	}
}

// hostsAtOnce is the most hosts of farm that were being crawled at the
// same moment: each host counts from its first request to the end of its
// last answer.
func hostsAtOnce(farm *portalsim.Farm) int {
	type edge struct {
		at    time.Time
		delta int
	}
	var edges []edge
	for _, h := range farm.Hosts() {
		hits := h.Hits()
		if len(hits) == 0 {
			continue
		}
		last := hits[0].Done
		for _, hit := range hits {
			if hit.Done.After(last) {
				last = hit.Done
			}
		}
		edges = append(edges, edge{hits[0].Time, 1}, edge{last, -1})
	}
	slices.SortFunc(edges, func(a, b edge) int { return cmp.Or(a.at.Compare(b.at), a.delta-b.delta) })
	most, now := 0, 0
	for _, e := range edges {
		now += e.delta
		most = max(most, now)
	}
	return most
}

// TestCLICrawlRunsEveryPortalAtOnce: by default crawl runs every selected
// portal at once (up to the daemon's run limit), as the scheduler would,
// since politeness is per host; --jobs N still bounds it, and a negative
// --jobs is a usage error.
func TestCLICrawlRunsEveryPortalAtOnce(t *testing.T) {
	farm, err := portalsim.NewFarm(portalsim.FarmOptions{Hosts: 6, Reports: 3, Families: []portalsim.Family{portalsim.Plain}},
		portalsim.Options{Latency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer farm.Close()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"default", nil, 6},
		{"--jobs 2", []string{"--jobs", "2"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			farm.ResetHits()
			args := append([]string{"crawl", "-c", cfg, "--db", filepath.Join(t.TempDir(), "a.db")}, tc.args...)
			if code, out, errs := runCLI(t, nil, args...); code != 0 {
				t.Fatalf("crawl: exit %d\n%s\n%s", code, out, errs)
			}
			if got := hostsAtOnce(farm); got != tc.want {
				t.Errorf("hosts crawled at once: %d, want %d", got, tc.want)
			}
		})
	}
	code, _, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", filepath.Join(dir, "a.db"), "--jobs", "-1")
	if code != 2 || !strings.Contains(errs, "--jobs must be 0") {
		t.Errorf("--jobs -1: exit %d, stderr %q; want 2 and the rule", code, errs)
	}
}

// TestCLICrawlLyingCharset crawls a TRS portal whose GBK pages are all
// served as "Content-Type: text/html; charset=utf-8" while their <meta>
// says gb2312, as many real portals do: every report is archived and
// also indexed as a report, with the agency and title read right.
func TestCLICrawlLyingCharset(t *testing.T) {
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 3, Reports: 2})
	defer farm.Close()
	i := slices.IndexFunc(farm.Hosts(), func(h *portalsim.Host) bool { return h.Site.Family == portalsim.TRS })
	if i < 0 {
		t.Fatal("the farm has no TRS (GBK) host")
	}
	h := farm.Hosts()[i]
	h.Inject("*", portalsim.Fault{Kind: portalsim.LyingCharset})
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	db := filepath.Join(dir, "archive.db")
	code, out, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", db, "--portal", h.Site.Name)
	if code != 0 {
		t.Fatalf("crawl: exit %d\n%s\n%s", code, out, errs)
	}
	if row := summaryRow(t, out, h.Site.Name); row[7] != strconv.Itoa(len(h.Reports())) {
		t.Errorf("reports found = %s, want %d (every GBK report under a utf-8 label)\n%s", row[7], len(h.Reports()), out)
	}
	code, out, errs = runCLI(t, nil, "reports", "--db", db, "--format", "json")
	var reports []api.ReportSummary
	if err := json.Unmarshal([]byte(out), &reports); code != 0 || err != nil {
		t.Fatalf("reports: exit %d, %v\n%s", code, err, errs)
	}
	if len(reports) != len(h.Reports()) {
		t.Fatalf("indexed %d reports, want %d: %+v", len(reports), len(h.Reports()), reports)
	}
	for _, r := range reports {
		if r.Agency != h.Site.Agency || !strings.Contains(r.Title, "年度报告") {
			t.Errorf("report %s: agency %q, title %q; want %q and a readable title", r.ID, r.Agency, r.Title, h.Site.Agency)
		}
	}
	code, out, _ = runCLI(t, nil, "show", reports[0].ID, "--db", db, "--raw")
	if code != 0 || utf8.ValidString(out) || !strings.Contains(out, "charset=gb2312") {
		t.Errorf("show --raw: exit %d; want the GBK bytes as served", code)
	}
}

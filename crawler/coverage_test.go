package crawler_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// flagKinds lists a run's coverage flags.
func flagKinds(r store.Run) []store.FlagKind {
	var out []store.FlagKind
	if r.Coverage != nil {
		for _, f := range r.Coverage.Flags {
			out = append(out, f.Kind)
		}
	}
	return out
}

func hasFlag(r store.Run, k store.FlagKind) bool {
	for _, got := range flagKinds(r) {
		if got == k {
			return true
		}
	}
	return false
}

// TestCoverageFlags: a complete run records what it saw and carries no
// flag; a column emptied between two runs, a column answering 404 and one
// redirecting off-site are flagged, in plain words, and logged at WARN.
func TestCoverageFlags(t *testing.T) {
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.Plain, Reports: 12, PerPage: 5},
		portalsim.Site{Family: portalsim.TRS, Reports: 4},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 4},
		portalsim.Site{Family: portalsim.Plain, Reports: 3},
	)
	hosts := f.Hosts()
	emptied, gone, moved, elsewhere := hosts[0], hosts[1], hosts[2], hosts[3]
	s := openStore(t)
	var logs bytes.Buffer
	c := crawler.New(s, reportClassifier(), crawler.Options{
		Logger:       slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
		RetryBackoff: 10 * time.Millisecond,
	})
	set := crawlSettings(0)
	set.Retries = 0

	first := mustRun(t, c, portalOf(emptied, set))
	cov := first.Coverage
	if cov == nil || len(cov.Flags) != 0 {
		t.Fatalf("complete run: coverage %+v, want no flags", cov)
	}
	links := 12 + len(emptied.URLs(portalsim.KindDisallowed)) // found, then refused by robots.txt
	if cov.ListPages != emptied.ListPages() || cov.ReportLinks != links || cov.Reports != 12 || cov.LinksConsidered < links {
		t.Errorf("coverage %+v, want %d list pages, %d report links, 12 reports", cov, emptied.ListPages(), links)
	}
	years := 0
	for y, n := range cov.Years {
		if y < 2008 || y > 2024 || n < 1 {
			t.Errorf("years %v", cov.Years)
		}
		years += n
	}
	if years != 12 {
		t.Errorf("years %v add up to %d, want 12", cov.Years, years)
	}

	emptied.Empty()
	second := mustRun(t, c, portalOf(emptied, set))
	if !hasFlag(second, store.FlagNoReportLink) || !hasFlag(second, store.FlagReportsDropped) {
		t.Errorf("emptied column: flags %v, want no_report_link and reports_dropped", flagKinds(second))
	}
	for _, fl := range second.Coverage.Flags {
		if fl.Kind == store.FlagReportsDropped && !strings.Contains(fl.Detail, "0 report(s) indexed, 12 in the previous run") {
			t.Errorf("reports_dropped detail %q", fl.Detail)
		}
	}

	mustRun(t, c, portalOf(gone, set))
	gone.Delete(gone.ColumnURL(), 404)
	if r := mustRun(t, c, portalOf(gone, set)); !hasFlag(r, store.FlagColumnGone) || hasFlag(r, store.FlagNoReportLink) {
		t.Errorf("column answering 404: flags %v, want column_gone alone (and reports_dropped)", flagKinds(r))
	}

	// A column that redirects to another site: the portal's hosts are
	// moved's alone, the redirect leads to elsewhere.
	moved.Inject(moved.ColumnURL(), portalsim.Fault{Kind: portalsim.Moved, Location: elsewhere.ColumnURL()})
	if r := mustRun(t, c, portalOf(moved, set)); !hasFlag(r, store.FlagOffSite) {
		t.Errorf("column redirected off-site: flags %v, want column_off_site", flagKinds(r))
	}

	for _, want := range []string{"portal needs attention", "flag=no_report_link", "flag=reports_dropped", "flag=column_gone", "flag=column_off_site"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("WARN log lacks %q:\n%s", want, logs.String())
		}
	}
}

package crawler

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// TestRunOnSimulatedFamilies crawls one simulated portal of each CMS family
// (TRS in GBK, Hanweb with dataproxy paging, plain UTF-8 with ?page=) and
// checks that every genuine report and attachment is archived, decoys
// marked "skipped" are not fetched and robots-disallowed links are not
// requested. The integration suite (farm_test.go) covers faults and states.
func TestRunOnSimulatedFamilies(t *testing.T) {
	farm := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.TRS, Reports: 23},
		portalsim.Site{Family: portalsim.TRS, Reports: 12, TRSSixArgs: true},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 25},
		portalsim.Site{Family: portalsim.Plain, Reports: 21},
	)
	for _, h := range farm.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			a := newMemArchive()
			cr := newTestCrawler(t, a, &fakeClassifier{})
			p := config.Portal{
				Name: h.Site.Name, Agency: h.Site.Agency, Column: h.ColumnURL(),
				Pagination: h.Site.Family.Pagination(), Charset: h.Site.Family.Charset(),
				Crawl: config.Crawl{UserAgent: "nianbao-test", Delay: time.Millisecond, Parallelism: 2,
					Timeout: 5 * time.Second, MaxBody: 8 << 20, Retries: 1, Robots: true, MaxPages: 500, Attachments: true},
			}
			run, err := cr.Run(context.Background(), p)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			for _, u := range append(h.ReportURLs(), h.AttachmentURLs()...) {
				if got := a.outcomes(u); len(got) != 1 || got[0] != "new" {
					t.Errorf("%s archived as %v, want [new]", u, got)
				}
			}
			for _, u := range h.URLs(portalsim.KindSkipped) {
				if got := a.outcomes(u); len(got) != 0 {
					t.Errorf("decoy %s archived: %v", u, got)
				}
			}
			for _, u := range h.URLs(portalsim.KindDisallowed) {
				if got := a.outcomes(u); len(got) != 1 || got[0] != "failed(robots)" {
					t.Errorf("disallowed %s archived as %v, want failed(robots)", u, got)
				}
			}
			for _, hit := range h.Hits() {
				if len(hit.Path) >= 9 && hit.Path[:9] == "/archive/" {
					t.Errorf("robots-disallowed %s was requested", hit.Path)
				}
			}
			t.Logf("run: %+v", run)
		})
	}
}

// TestFetchSimulatedFaults checks the failure reason for each hostile
// behaviour the simulator can put on a report page.
func TestFetchSimulatedFaults(t *testing.T) {
	farm := portalsim.NewTestFarm(t, portalsim.Site{Family: portalsim.TRS, Reports: 3, NoDecoys: true})
	h := farm.Hosts()[0]
	target := h.ReportURLs()[0]
	set := testSettings()
	set.retries, set.maxBody = 1, 1<<20
	tests := []struct {
		fault  portalsim.Fault
		status int
		reason string
	}{
		{portalsim.Fault{Kind: portalsim.ServerError, Status: 503}, 503, "http_503"},
		{portalsim.Fault{Kind: portalsim.ServerError, Status: 503, Times: 1}, 200, ""},
		{portalsim.Fault{Kind: portalsim.Reset}, 0, "reset"},
		{portalsim.Fault{Kind: portalsim.ResetMidBody}, 200, "reset"},
		{portalsim.Fault{Kind: portalsim.Stall}, 200, "timeout"},
		{portalsim.Fault{Kind: portalsim.Trickle, Interval: 20 * time.Millisecond}, 200, "timeout"},
		{portalsim.Fault{Kind: portalsim.Challenge}, 412, "blocked"},
		{portalsim.Fault{Kind: portalsim.Challenge, Status: 202}, 202, "blocked"},
		{portalsim.Fault{Kind: portalsim.WAF}, 403, "blocked"},
		{portalsim.Fault{Kind: portalsim.GzipBomb, Size: 64 << 20}, 200, "too_large"},
		{portalsim.Fault{Kind: portalsim.Oversize, Size: 4 << 20}, 200, "too_large"},
		{portalsim.Fault{Kind: portalsim.Oversize, Size: 4 << 20, NoLength: true}, 200, "too_large"},
		{portalsim.Fault{Kind: portalsim.RedirectLoop}, 0, "redirect_loop"},
		{portalsim.Fault{Kind: portalsim.LyingCharset}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.fault.Kind.String(), func(t *testing.T) {
			h.ClearFaults()
			h.Inject(target, tt.fault)
			set.timeout = 10 * time.Second // generous: the bomb is built under -race
			if tt.reason == "timeout" {
				set.timeout = 300 * time.Millisecond
			}
			ex := fetchOnce(t, set, target, fetchReq{})
			if ex.status != tt.status || ex.reason != tt.reason {
				t.Errorf("status, reason = %d, %q, want %d, %q (err %v)", ex.status, ex.reason, tt.status, tt.reason, ex.err)
			}
			if tt.fault.Kind == portalsim.LyingCharset {
				text := string(decodeHTML(ex.body, ex.header.Get("Content-Type"), ""))
				if !strings.Contains(text, "政府信息公开") || strings.ContainsRune(text, '\uFFFD') {
					t.Errorf("lying charset garbled the page: %.300q", text)
				}
			}
		})
	}
}

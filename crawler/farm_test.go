package crawler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/charset"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/extract/zhconv"
	"github.com/nianbao/nianbao/store"
)

// These tests crawl the portal simulator end to end with a real archive:
// what they assert is what a user of the archive would see.

const testUA = "nianbao-e2e/1.0 (+test)"

// crawlSettings are quick but polite settings for loopback portals.
func crawlSettings(delay time.Duration) config.Crawl {
	return config.Crawl{
		UserAgent:   testUA,
		Delay:       delay,
		Parallelism: 1,
		Timeout:     2 * time.Second,
		MaxBody:     4 << 20,
		Retries:     2,
		Robots:      true,
		MaxPages:    300,
		Attachments: true,
	}
}

// portalOf is the configuration a user would write for host h.
func portalOf(h *portalsim.Host, c config.Crawl) config.Portal {
	u, _ := url.Parse(h.ColumnURL())
	return config.Portal{
		Name:         h.Site.Name,
		Agency:       h.Site.Agency,
		Region:       h.Site.Region,
		Column:       h.ColumnURL(),
		AllowedHosts: []string{u.Hostname()},
		Pagination:   "auto",
		Crawl:        c,
	}
}

// openStore opens an archive in a fresh temporary directory.
func openStore(tb testing.TB) *store.Store {
	tb.Helper()
	return openStoreAt(tb, filepath.Join(tb.TempDir(), "nianbao.db"))
}

func openStoreAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		tb.Fatalf("store.Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// titleRE finds a page's <title>.
var titleRE = regexp.MustCompile(`(?is)<title>(.*?)</title>`)

// reportClassifier recognises an annual report by its content, the way the
// extractor does in production, only cruder: a title naming the report and
// a body carrying the template's section on applications (or, before 2019,
// the statistics table), in either script. Notices and 图解 pages are
// refused. A document the crawler linked as a report is indexed from its
// link, as the daemon's classifier does while the extractor cannot read
// it.
func reportClassifier() crawler.Classifier {
	return crawler.ClassifierFunc(func(_ context.Context, p crawler.Page) (store.ReportEntry, bool, error) {
		if p.Document {
			return store.ReportEntry{Title: p.LinkText, Year: p.LinkYear, Template: "unread"}, p.LinkYear != 0, nil
		}
		text := charset.Decode(p.Body, p.Version.ContentType, p.Portal.Charset).Text
		m := titleRE.FindSubmatch(text)
		if m == nil {
			return store.ReportEntry{}, false, nil
		}
		title := testConverter().Simplify(string(m[1]))
		isReport := (strings.Contains(title, "年度报告") || strings.Contains(title, "年报") || strings.Contains(title, "信息公开工作报告")) &&
			!strings.HasPrefix(title, "关于") && !strings.Contains(title, "图解") &&
			(bytes.Contains(text, []byte("收到和处理政府信息公开申请情况")) || bytes.Contains(text, []byte("政府信息公开情况统计表")))
		if !isReport {
			return store.ReportEntry{}, false, nil
		}
		return store.ReportEntry{Title: title, Year: p.LinkYear}, true, nil
	})
}

// testConverter is the Traditional→Simplified converter the daemon uses.
var testConverter = sync.OnceValue(func() *zhconv.Converter {
	c, err := zhconv.New()
	if err != nil {
		panic(err)
	}
	return c
})

// newCrawler returns a crawler over s with test-speed retry backoff and
// the daemon's Traditional→Simplified conversion.
func newCrawler(s *store.Store, frontierEvery int) *crawler.Crawler {
	return crawler.New(s, reportClassifier(), crawler.Options{
		Simplify:      testConverter().Simplify,
		RetryBackoff:  10 * time.Millisecond,
		MaxRetryAfter: time.Second,
		FrontierEvery: frontierEvery,
	})
}

// mustRun runs portal p and fails the test on a run error.
func mustRun(tb testing.TB, c *crawler.Crawler, p config.Portal) store.Run {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	run, err := c.Run(ctx, p)
	if err != nil {
		tb.Fatalf("Run(%s): %v", p.Name, err)
	}
	return run
}

// latest returns the archive's latest version of u, or a zero Version and
// false when u was never archived.
func latest(tb testing.TB, s *store.Store, u string) (store.Version, bool) {
	tb.Helper()
	v, err := s.Latest(context.Background(), u)
	if errors.Is(err, store.ErrNotFound) {
		return store.Version{}, false
	}
	if err != nil {
		tb.Fatalf("Latest(%s): %v", u, err)
	}
	return v, true
}

// contentVersions counts the versions of u that stored new content.
func contentVersions(tb testing.TB, s *store.Store, u string) int {
	tb.Helper()
	vs, err := s.Versions(context.Background(), u)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		tb.Fatalf("Versions(%s): %v", u, err)
	}
	n := 0
	for _, v := range vs {
		if v.Outcome == store.OutcomeNew {
			n++
		}
	}
	return n
}

// indexed returns the URLs of the reports indexed for portal.
func indexed(tb testing.TB, s *store.Store, portal string) map[string]store.Report {
	tb.Helper()
	out := map[string]store.Report{}
	cursor := ""
	for {
		rs, next, err := s.Reports(context.Background(), store.ReportQuery{Limit: store.MaxReportLimit, Cursor: cursor})
		if err != nil {
			tb.Fatalf("Reports: %v", err)
		}
		for _, r := range rs {
			if r.Portal == portal {
				out[r.URL] = r
			}
		}
		if next == "" {
			return out
		}
		cursor = next
	}
}

// served returns the bytes h serves at u now (a hit the caller discounts).
func served(tb testing.TB, u string) []byte {
	tb.Helper()
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", u, err)
	}
	return b
}

// body returns the bytes the archive keeps for version v.
func body(tb testing.TB, s *store.Store, v store.Version) []byte {
	tb.Helper()
	b, err := s.Body(context.Background(), v.SHA256)
	if err != nil {
		tb.Fatalf("Body(%s): %v", v.URL, err)
	}
	return b
}

// hasContent reports whether v holds the page's content: fetched new or
// unchanged, or confirmed by a 304.
func hasContent(v store.Version) bool {
	switch v.Outcome {
	case store.OutcomeNew, store.OutcomeUnchanged, store.OutcomeNotModified:
		return v.SHA256 != ""
	}
	return false
}

// assertComplete checks that a finished crawl of h archived every report
// and attachment as served, indexed exactly the reports, and fetched
// neither the decoys (notices, 图解, guide, bulletin) nor the
// robots-disallowed link.
func assertComplete(t *testing.T, s *store.Store, h *portalsim.Host) {
	t.Helper()
	idx := indexed(t, s, h.Site.Name)
	for _, r := range h.Reports() {
		v, ok := latest(t, s, r.URL)
		if !ok || !hasContent(v) {
			t.Errorf("%s: report %s (%s) archived=%v status %d outcome %s %s", h.Site.Name, r.URL, r.Title, ok, v.Status, v.Outcome, v.Reason)
			continue
		}
		if got, want := body(t, s, v), served(t, r.URL); !bytes.Equal(got, want) {
			t.Errorf("%s: archived bytes of %s differ from the served bytes (%d vs %d)", h.Site.Name, r.URL, len(got), len(want))
		}
		ir, ok := idx[r.URL]
		if !ok {
			t.Errorf("%s: report %s (%s) not indexed", h.Site.Name, r.URL, r.Title)
		} else if ir.Year != r.Year {
			t.Errorf("%s: report %s indexed with year %d, want %d", h.Site.Name, r.URL, ir.Year, r.Year)
		}
		if r.Attachment != "" {
			if a, ok := latest(t, s, r.Attachment); !ok || !hasContent(a) {
				t.Errorf("%s: attachment %s archived=%v status %d %s", h.Site.Name, r.Attachment, ok, a.Status, a.Reason)
			}
		}
	}
	for _, u := range append(h.URLs(portalsim.KindNotice), h.URLs(portalsim.KindSkipped)...) {
		if n := len(h.HitsTo(u)); n != 0 {
			t.Errorf("%s: decoy %s fetched %d times", h.Site.Name, u, n)
		}
	}
	for _, u := range h.URLs(portalsim.KindDisallowed) {
		if n := len(h.HitsTo(u)); n != 0 {
			t.Errorf("%s: robots-disallowed %s fetched %d times", h.Site.Name, u, n)
		}
	}
	if len(idx) != len(h.Reports()) {
		t.Errorf("%s: %d reports indexed, want %d", h.Site.Name, len(idx), len(h.Reports()))
	}
}

func TestFarmCrawlArchivesEveryReport(t *testing.T) {
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.TRS, Reports: 12, PerPage: 5},
		portalsim.Site{Family: portalsim.TRS, Reports: 6, PerPage: 4, TRSSixArgs: true},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 12, PerPage: 5},
		portalsim.Site{Family: portalsim.Plain, Reports: 12, PerPage: 5},
		portalsim.Site{Family: portalsim.Plain, Reports: 7, PerPage: 3, PageParam: "pageNo", NextText: "下页", LastText: "末页"},
	)
	s := openStore(t)
	c := newCrawler(s, 5)
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			run := mustRun(t, c, portalOf(h, crawlSettings(0)))
			if run.Reports != len(h.Reports()) || run.Error != "" {
				t.Errorf("run record: %d reports, error %q; want %d, none", run.Reports, run.Error, len(h.Reports()))
			}
			// Only the robots-disallowed link may fail (as "robots").
			if n := run.Counts[store.OutcomeFailed]; n != run.Failures["robots"] {
				t.Errorf("run failures %v, want robots only", run.Failures)
			}
			// Nothing fetched twice, nothing superfluous. Hanweb list pages
			// may come in fewer, larger dataproxy requests.
			n, want := len(h.Hits()), h.ExpectedFetches()
			if n != want && (h.Site.Family != portalsim.Hanweb || n > want) {
				t.Errorf("%d requests, want %d: robots.txt, each list page, report, notice and attachment once", n, want)
			}
			assertComplete(t, s, h)
		})
	}
}

// assertPaced checks that the requests in hits (in arrival order) kept to
// one per delay: n requests span at least (n-2)·delay. The span, not each
// gap, is checked. The simulator stamps a request when its handler starts,
// some time after the crawler wrote it to the wire; on a loaded machine
// (the race detector, packages tested in parallel, the simulator sharing
// the process with the crawler) that lag varies by tens of milliseconds,
// so a pair of requests spaced by the full delay can be stamped 5 ms
// apart. The lag shifts only the two ends of a span, by less than a delay.
// Bursts from concurrent requests are caught by the overlap check in
// TestFarmPoliteness, which does not depend on timing.
func assertPaced(t *testing.T, name string, hits []portalsim.Hit, delay time.Duration) {
	t.Helper()
	if len(hits) < 3 {
		return
	}
	span := hits[len(hits)-1].Time.Sub(hits[0].Time)
	if want := time.Duration(len(hits)-2) * delay; span < want {
		t.Errorf("%s: %d requests within %v, want ≥ %v at one per %v", name, len(hits), span, want, delay)
	}
}

func TestFarmPoliteness(t *testing.T) {
	const delay = 40 * time.Millisecond
	const crawlDelay = 100 * time.Millisecond
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.Plain, Reports: 6, PerPage: 4},
		portalsim.Site{Family: portalsim.TRS, Reports: 4, PerPage: 4, Robots: portalsim.Robots{CrawlDelay: crawlDelay}},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 6, PerPage: 4},
	)
	s := openStore(t)
	c := newCrawler(s, 5)
	// The three portals run at once: the limiter is per host, so each
	// host keeps its own pace while the others proceed.
	errc := make(chan error, len(f.Hosts()))
	for _, h := range f.Hosts() {
		go func() {
			_, err := c.Run(context.Background(), portalOf(h, crawlSettings(delay)))
			errc <- err
		}()
	}
	for range f.Hosts() {
		if err := <-errc; err != nil {
			t.Fatalf("Run: %v", err)
		}
	}
	for _, h := range f.Hosts() {
		hits := h.Hits()
		if len(hits) < 2 || hits[0].Path != "/robots.txt" {
			t.Fatalf("%s: %d requests, the first %v; want robots.txt first", h.Site.Name, len(hits), hits)
		}
		// robots.txt comes first and sets the pace: the larger of
		// Crawl-delay and the configured delay spaces every request,
		// the one right after robots.txt included.
		assertPaced(t, h.Site.Name, hits, max(delay, h.Site.Robots.CrawlDelay))
		if h.Site.Robots.CrawlDelay > 0 {
			// 10 % slack for the simulator stamping arrivals a little late.
			if gap := hits[1].Time.Sub(hits[0].Time); gap < h.Site.Robots.CrawlDelay*9/10 {
				t.Errorf("%s: first request %v after robots.txt, want ≥ Crawl-delay %v", h.Site.Name, gap, h.Site.Robots.CrawlDelay)
			}
		}
		// Parallelism 1: no request arrives before the host finished
		// answering the previous one.
		for i := 1; i < len(hits); i++ {
			if hits[i].Time.Before(hits[i-1].Done) {
				t.Errorf("%s: %s arrived while %s was being answered", h.Site.Name, hits[i].URI(), hits[i-1].URI())
			}
		}
		for _, hit := range hits {
			if hit.UserAgent() != testUA {
				t.Errorf("%s: %s sent with User-Agent %q, want %q", h.Site.Name, hit.URI(), hit.UserAgent(), testUA)
			}
		}
		if n := len(h.HitsTo("/robots.txt")); n != 1 {
			t.Errorf("%s: robots.txt fetched %d times in one run, want 1", h.Site.Name, n)
		}
		assertComplete(t, s, h)
	}
}

// hitsSince returns h's hits after the first n.
func hitsSince(h *portalsim.Host, n int) []portalsim.Hit { return h.Hits()[n:] }

func TestFarmRecrawlConditionalEditDelete(t *testing.T) {
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.TRS, Reports: 6, PerPage: 4},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 6, PerPage: 4},
		portalsim.Site{Family: portalsim.Plain, Reports: 6, PerPage: 4},
	)
	s := openStore(t)
	c := newCrawler(s, 5)
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			p := portalOf(h, crawlSettings(0))
			mustRun(t, c, p)
			assertComplete(t, s, h)

			// Second run: nothing changed, every page answers 304.
			before := len(h.Hits())
			mustRun(t, c, p)
			for _, hit := range hitsSince(h, before) {
				if hit.Path == "/robots.txt" || hit.Method == http.MethodPost {
					continue
				}
				if !hit.Conditional() || hit.Status != http.StatusNotModified {
					t.Errorf("second run: %s conditional=%v (INM %q IMS %q) status %d, want a conditional GET answered 304",
						hit.URI(), hit.Conditional(), hit.IfNoneMatch(), hit.IfModifiedSince(), hit.Status)
				}
			}
			reports := h.Reports()
			for _, r := range reports {
				for _, u := range []string{r.URL, r.Attachment} {
					if v, _ := latest(t, s, u); v.Outcome != store.OutcomeNotModified {
						t.Errorf("second run: %s outcome %s, want not_modified", u, v.Outcome)
					}
					if n := contentVersions(t, s, u); n != 1 {
						t.Errorf("second run: %s has %d content versions, want 1", u, n)
					}
				}
			}

			// Third run: one report edited, one deleted (410), one
			// attachment deleted (404), one published.
			edited, deleted, gone := reports[0], reports[1], reports[2]
			h.Edit(edited.URL)
			h.Delete(deleted.URL, http.StatusGone)
			h.Delete(gone.Attachment, 0)
			fresh := h.Publish(2025, time.Date(2026, 1, 20, 9, 30, 0, 0, time.UTC))
			mustRun(t, c, p)
			if r, ok := indexed(t, s, h.Site.Name)[fresh.URL]; !ok || r.Year != 2025 {
				t.Errorf("published %s: indexed %v year %d, want 2025", fresh.URL, ok, r.Year)
			}
			if v, _ := latest(t, s, fresh.Attachment); v.Outcome != store.OutcomeNew {
				t.Errorf("published attachment %s: outcome %s, want new", fresh.Attachment, v.Outcome)
			}
			if v, _ := latest(t, s, edited.URL); v.Outcome != store.OutcomeNew {
				t.Errorf("edited %s: outcome %s, want new", edited.URL, v.Outcome)
			} else if got, want := body(t, s, v), served(t, edited.URL); !bytes.Equal(got, want) {
				t.Errorf("edited %s: archived bytes are not the edited bytes", edited.URL)
			}
			if n := contentVersions(t, s, edited.URL); n != 2 {
				t.Errorf("edited %s: %d content versions, want 2", edited.URL, n)
			}
			if r, ok := indexed(t, s, h.Site.Name)[edited.URL]; !ok || r.Versions != 2 {
				t.Errorf("edited %s: indexed %v with %d versions, want 2", edited.URL, ok, r.Versions)
			}
			for _, u := range []string{deleted.URL, gone.Attachment} {
				if v, _ := latest(t, s, u); v.Outcome != store.OutcomeGone {
					t.Errorf("deleted %s: outcome %s (status %d), want gone", u, v.Outcome, v.Status)
				}
				if n := contentVersions(t, s, u); n != 1 {
					t.Errorf("deleted %s: %d content versions, want the original 1", u, n)
				}
			}
			for _, r := range reports[3:] {
				if v, _ := latest(t, s, r.URL); v.Outcome != store.OutcomeNotModified {
					t.Errorf("third run: untouched %s outcome %s, want not_modified", r.URL, v.Outcome)
				}
			}
		})
	}
}

func TestFarmFailuresAreRecordedAndTheRunGoesOn(t *testing.T) {
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.Plain, Reports: 16, PerPage: 20, NoAttachments: true},
		portalsim.Site{Family: portalsim.Plain, Reports: 4, NoAttachments: true},
		portalsim.Site{Family: portalsim.TRS, Reports: 3},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 3},
	)
	h, slow, down, resetting := f.Hosts()[0], f.Hosts()[1], f.Hosts()[2], f.Hosts()[3]
	type failure struct {
		fault  portalsim.Fault
		reason string // "" ⇒ archived with content after a retry
	}
	// Faults answered at once go to h; those that last until the
	// request's timeout go to slow, crawled with a short timeout.
	cases := map[*portalsim.Host][]failure{
		h: {
			{portalsim.Fault{Kind: portalsim.ServerError, Status: 503}, "http_503"},
			{portalsim.Fault{Kind: portalsim.ServerError, Status: 500, Times: 1}, ""},
			{portalsim.Fault{Kind: portalsim.ServerError, Status: 429, RetryAfter: time.Second, Times: 1}, ""},
			{portalsim.Fault{Kind: portalsim.Reset}, "reset"},
			{portalsim.Fault{Kind: portalsim.ResetMidBody}, "reset"},
			{portalsim.Fault{Kind: portalsim.Challenge}, "blocked"},
			{portalsim.Fault{Kind: portalsim.Challenge, Status: http.StatusAccepted}, "blocked"},
			{portalsim.Fault{Kind: portalsim.WAF}, "blocked"},
			{portalsim.Fault{Kind: portalsim.GzipBomb, Size: 16 << 20}, "too_large"},
			{portalsim.Fault{Kind: portalsim.Oversize, Size: 8 << 20}, "too_large"},
			{portalsim.Fault{Kind: portalsim.Oversize, Size: 8 << 20, NoLength: true}, "too_large"},
			{portalsim.Fault{Kind: portalsim.RedirectLoop}, "redirect_loop"},
			{portalsim.Fault{Kind: portalsim.RedirectChain, Size: 20}, "too_many_redirects"},
			{portalsim.Fault{Kind: portalsim.RedirectChain, Size: 2}, ""},
		},
		slow: {
			{portalsim.Fault{Kind: portalsim.Stall}, "timeout"},
			{portalsim.Fault{Kind: portalsim.Trickle, Interval: 50 * time.Millisecond}, "timeout"},
		},
	}
	s := openStore(t)
	c := newCrawler(s, 5)
	settings := crawlSettings(0)
	settings.Timeout = 3 * time.Second
	for _, host := range []*portalsim.Host{h, slow} {
		reports := host.ReportURLs()
		for i, tc := range cases[host] {
			host.Inject(reports[i], tc.fault)
		}
		set := settings
		if host == slow {
			set.Timeout, set.Retries = 300*time.Millisecond, 1
		}
		run := mustRun(t, c, portalOf(host, set))
		want := map[string]int{}
		for i, tc := range cases[host] {
			v, ok := latest(t, s, reports[i])
			switch {
			case !ok:
				t.Errorf("%v on %s: not archived", tc.fault.Kind, reports[i])
			case tc.reason == "" && (v.Outcome != store.OutcomeNew || v.Status != http.StatusOK):
				t.Errorf("%v once on %s: outcome %s status %d reason %q, want new after a retry", tc.fault.Kind, reports[i], v.Outcome, v.Status, v.Reason)
			case tc.reason != "" && (v.Outcome != store.OutcomeFailed || v.Reason != tc.reason):
				t.Errorf("%v on %s: outcome %s reason %q, want failed(%s)", tc.fault.Kind, reports[i], v.Outcome, v.Reason, tc.reason)
			}
			if tc.reason != "" {
				want[tc.reason]++
				if n := contentVersions(t, s, reports[i]); n != 0 {
					t.Errorf("%v on %s: %d content versions, want none", tc.fault.Kind, reports[i], n)
				}
			}
		}
		for reason, n := range want {
			if run.Failures[reason] < n {
				t.Errorf("%s: run failures[%s] = %d, want ≥ %d (all: %v)", host.Site.Name, reason, run.Failures[reason], n, run.Failures)
			}
		}
		// The run went on past the failures.
		for _, u := range reports[len(cases[host]):] {
			if v, ok := latest(t, s, u); !ok || v.Outcome != store.OutcomeNew {
				t.Errorf("healthy %s after the failures: archived %v outcome %s", u, ok, v.Outcome)
			}
		}
	}
	moved := h.ReportURLs()[13]
	if v, _ := latest(t, s, moved); v.FinalURL != moved+"?hop=2" {
		t.Errorf("page behind 2 redirects: final URL %q, want %q", v.FinalURL, moved+"?hop=2")
	}
	// The archive keeps the hops: each 302 with its URL and Location.
	if v, _ := latest(t, s, moved); len(v.Redirects) != 2 {
		t.Errorf("page behind 2 redirects: %d hops kept, want 2: %+v", len(v.Redirects), v.Redirects)
	} else {
		mu, _ := url.Parse(moved)
		path := mu.Path
		for i, hop := range v.Redirects {
			wantURL, wantLoc := moved, path+"?hop=1"
			if i == 1 {
				wantURL, wantLoc = moved+"?hop=1", path+"?hop=2"
			}
			if hop.URL != wantURL || hop.Status != http.StatusFound || hop.Location != wantLoc || len(hop.Body) == 0 {
				t.Errorf("hop %d = %+v, want 302 from %s to %s with its body", i, hop, wantURL, wantLoc)
			}
		}
	}
	if hits := h.HitsTo(h.ReportURLs()[2]); len(hits) != 2 || hits[1].Time.Sub(hits[0].Time) < 900*time.Millisecond {
		t.Errorf("429 with Retry-After 1: %d requests, want a retry after ≥ 1s", len(hits))
	}

	down.Inject("*", portalsim.Fault{Kind: portalsim.ServerError, Status: 502})
	resetting.Inject("*", portalsim.Fault{Kind: portalsim.Reset})
	// Whole hosts failing: robots.txt fails too, so (RFC 9309) nothing
	// else on the host is fetched; the column is archived as failed with
	// the real cause (robots_http_502 for a 5xx robots.txt, reset when it
	// could not be fetched at all) and Run returns no error.
	for _, tc := range []struct {
		host   *portalsim.Host
		reason string
	}{{down, "robots_http_502"}, {resetting, "reset"}} {
		tc.host.ResetHits()
		run := mustRun(t, c, portalOf(tc.host, settings))
		for _, hit := range tc.host.Hits() {
			if hit.Path != "/robots.txt" {
				t.Errorf("%s: %s requested although robots.txt was unreachable", tc.host.Site.Name, hit.URI())
			}
		}
		v, ok := latest(t, s, tc.host.ColumnURL())
		if !ok || v.Outcome != store.OutcomeFailed || v.Reason != tc.reason {
			t.Errorf("%s: column archived %v outcome %s reason %q, want failed(%s)", tc.host.Site.Name, ok, v.Outcome, v.Reason, tc.reason)
		}
		if run.Failures[tc.reason] == 0 {
			t.Errorf("%s: run failures %v, want %s", tc.host.Site.Name, run.Failures, tc.reason)
		}
		// After recovery the next run archives everything. A fresh
		// crawler: this one remembers the unreachable robots.txt as
		// "disallow all" for an hour.
		tc.host.ClearFaults()
		mustRun(t, newCrawler(s, 5), portalOf(tc.host, settings))
		assertComplete(t, s, tc.host)
	}
}

func TestFarmHostileColumns(t *testing.T) {
	f := portalsim.NewTestFarm(t,
		portalsim.Site{Family: portalsim.TRS, Reports: 8, PerPage: 4},
		portalsim.Site{Family: portalsim.Plain, Reports: 8, PerPage: 4},
		portalsim.Site{Family: portalsim.TRS, Reports: 8, PerPage: 4},
		portalsim.Site{Family: portalsim.Plain, Reports: 8, PerPage: 4},
		portalsim.Site{Family: portalsim.Hanweb, Reports: 8, PerPage: 4},
	)
	hosts := f.Hosts()
	// A lying charset on every page of a GBK and of a UTF-8 site: links,
	// titles and years are still read right.
	for _, h := range hosts[:2] {
		h.Inject("*", portalsim.Fault{Kind: portalsim.LyingCharset})
	}
	// Pagination traps: the run stops at the page cap (or earlier, on the
	// crawler's own loop detection) and still archives every report.
	for _, h := range hosts[2:] {
		h.SetTrap(true)
	}
	s := openStore(t)
	c := newCrawler(s, 5)
	settings := crawlSettings(0)
	settings.MaxPages = 60
	for _, h := range hosts {
		t.Run(h.Site.Name, func(t *testing.T) {
			mustRun(t, c, portalOf(h, settings))
			if n := len(h.Hits()); n > settings.MaxPages+1 {
				t.Errorf("%d requests, want ≤ max_pages %d (+ robots.txt)", n, settings.MaxPages)
			}
			// Every report is archived, Hanweb included: its trapped column
			// announces a million records, but the crawler fetches the
			// reports found so far before queuing further dataproxy pages.
			assertComplete(t, s, h)
		})
	}
}

// childEnv carries the job of a re-executed test binary (see
// TestFarmResumeChild): JSON of childJob.
const childEnv = "NIANBAO_FARM_CHILD"

type childJob struct {
	DB     string
	Portal config.Portal
}

// TestFarmResumeChild is the half of TestFarmResumeAfterSIGKILL that runs
// in a re-executed test binary: it crawls until its parent kills it.
func TestFarmResumeChild(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("runs only when re-executed by TestFarmResumeAfterSIGKILL")
	}
	var job childJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		t.Fatal(err)
	}
	s := openStoreAt(t, job.DB)
	// Save the frontier after every fetch, so the kill lands between
	// saves as often as within them.
	if _, err := newCrawler(s, 1).Run(context.Background(), job.Portal); err != nil {
		t.Fatal(err)
	}
	t.Log("child run finished before it was killed")
}

// articleHits counts the requests for pages other than list pages and
// robots.txt.
func articleHits(h *portalsim.Host) int {
	lists := map[string]bool{}
	for _, u := range h.ListURLs() {
		lists[strings.TrimPrefix(u, h.BaseURL)] = true
	}
	n := 0
	for _, hit := range h.Hits() {
		if hit.Path != "/robots.txt" && !lists[hit.URI()] && !lists[hit.Path] {
			n++
		}
	}
	return n
}

func TestFarmResumeAfterSIGKILL(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("this is the child")
	}
	f := portalsim.NewTestFarm(t, portalsim.Site{Family: portalsim.TRS, Reports: 16, PerPage: 5})
	h := f.Hosts()[0]
	p := portalOf(h, crawlSettings(30*time.Millisecond))
	db := filepath.Join(t.TempDir(), "nianbao.db")
	spec, err := json.Marshal(childJob{DB: db, Portal: p})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^TestFarmResumeChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	// Kill the child (SIGKILL: no deferred code, no store.Close) once it
	// is well into the reports, with work left to do.
	deadline := time.Now().Add(45 * time.Second)
	for articleHits(h) < 12 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child made %d requests in 45s; output:\n%s", len(h.Hits()), out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill child: %v", err)
	}
	cmd.Wait()
	if strings.Contains(out.String(), "child run finished") {
		t.Fatalf("the child finished its run before the kill; output:\n%s", out.String())
	}
	killedAt := len(h.Hits())

	s := openStoreAt(t, db)
	pending, done, err := s.Frontier(context.Background(), p.Name)
	if err != nil || len(pending) == 0 || len(done) == 0 {
		t.Fatalf("frontier after the kill: %d pending, %d done, err %v; want both non-empty", len(pending), len(done), err)
	}
	run := mustRun(t, newCrawler(s, 5), p)
	resumed := h.Hits()[killedAt:]

	// The resumed run continued from the frontier: nothing the killed run
	// had finished (and saved as done) was requested again.
	doneSet := map[string]bool{}
	for _, k := range done {
		doneSet[k] = true
	}
	for _, hit := range resumed {
		if doneSet[h.URL(hit.URI())] {
			t.Errorf("resumed run fetched %s again, done before the kill", hit.URI())
		}
	}
	if len(resumed) >= h.ExpectedFetches() {
		t.Errorf("resumed run made %d requests, a whole crawl makes %d: it started over", len(resumed), h.ExpectedFetches())
	}
	// Nothing was archived twice as a new version, and the archive is
	// complete.
	for _, l := range h.Links() {
		if n := contentVersions(t, s, l.URL); n > 1 {
			t.Errorf("%s: %d content versions after the resume, want ≤ 1", l.URL, n)
		}
	}
	for _, u := range h.AttachmentURLs() {
		if n := contentVersions(t, s, u); n != 1 {
			t.Errorf("%s: %d content versions after the resume, want 1", u, n)
		}
	}
	assertComplete(t, s, h)
	if p, d, err := s.Frontier(context.Background(), p.Name); err == nil && (len(p) > 0 || len(d) > 0) {
		t.Errorf("frontier after the finished run: %d pending, %d done; want it cleared", len(p), len(d))
	}
	t.Logf("killed after %d requests; resumed run: %d requests, counts %v", killedAt, len(resumed), run.Counts)
}

// TestFarmPOSTCaptureSaysWhatWasAsked: the Hanweb column's dataproxy.jsp
// pages are POSTs; each is archived with its method, form and Content-Type,
// and sent with the column as Referer.
func TestFarmPOSTCaptureSaysWhatWasAsked(t *testing.T) {
	f := portalsim.NewTestFarm(t, portalsim.Site{Family: portalsim.Hanweb, Reports: 12, PerPage: 3})
	h := f.Hosts()[0]
	s := openStore(t)
	mustRun(t, newCrawler(s, 5), portalOf(h, crawlSettings(0)))
	posts := 0
	err := s.EachVersion(context.Background(), func(v store.Version) error {
		if !strings.Contains(v.URL, portalsim.DataProxyPath) {
			return nil
		}
		posts++
		if v.RequestMethod() != "POST" || !strings.Contains(string(v.RequestBody), "columnid=") ||
			v.RequestContentType != "application/x-www-form-urlencoded" {
			t.Errorf("dataproxy capture %s: method %s body %q type %q, want the POST and its form", v.URL, v.RequestMethod(), v.RequestBody, v.RequestContentType)
		}
		return nil
	})
	if err != nil || posts == 0 {
		t.Fatalf("dataproxy captures: %d, %v", posts, err)
	}
	for _, hit := range h.Hits() {
		if hit.Path == portalsim.DataProxyPath && hit.Header.Get("Referer") != h.ColumnURL() {
			t.Errorf("dataproxy request sent Referer %q, want the column %s", hit.Header.Get("Referer"), h.ColumnURL())
		}
	}
}

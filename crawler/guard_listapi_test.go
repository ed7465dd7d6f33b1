package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// listAPIFamilies are the simulated list-API families: JSON answers
// (JPaaS, gkmlpt), JSONP (truecms) and POST requests (xxgk search.jsp,
// Epoint getgovinfolist).
var listAPIFamilies = []portalsim.Family{portalsim.JPaaS, portalsim.Gkmlpt, portalsim.TrueCMS, portalsim.Xxgk, portalsim.Epoint}

// listAPIPortal is the config a user writes for h, robots.txt obeyed or not.
func listAPIPortal(h *portalsim.Host, robots bool) config.Portal {
	return config.Portal{
		Name: h.Site.Name, Agency: h.Site.Agency, Column: h.ColumnURL(), Pagination: "auto",
		Crawl: config.Crawl{UserAgent: "nianbao-test/1.0", Delay: time.Millisecond, Parallelism: 2, Timeout: 2 * time.Second,
			MaxBody: 8 << 20, Retries: 0, Robots: robots, MaxPages: 100, Attachments: true},
	}
}

// titleClassifier indexes every page that names an annual report (the
// farm is built without decoys; the server at 127.0.0.32 answers one too,
// so anything fetched from it would be indexed).
var titleClassifier = ClassifierFunc(func(_ context.Context, p Page) (store.ReportEntry, bool, error) {
	return store.ReportEntry{}, strings.Contains(string(decodeHTML(p.Body, p.Version.ContentType, "")), "政府信息公开工作年度报告"), nil
})

// crawlUnreached runs the portal of h in a fresh crawler and archive and
// checks that the run sent no request to the server whose hits are inner.
func crawlUnreached(t *testing.T, h *portalsim.Host, robots bool, inner *hitLog) (*memArchive, store.Run) {
	t.Helper()
	before := inner.total()
	a := newMemArchive()
	cr := New(a, titleClassifier, Options{RetryBackoff: time.Millisecond})
	t.Cleanup(cr.Close)
	run, err := cr.Run(context.Background(), listAPIPortal(h, robots))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if n := inner.total() - before; n != 0 {
		t.Errorf("%d requests reached 127.0.0.32, want 0", n)
	}
	return a, run
}

// archivedAt lists the URLs a has versions of whose host is host.
func (a *memArchive) archivedAt(host string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for u := range a.versions {
		if p, err := url.Parse(u); err != nil || p.Host == host {
			out = append(out, u)
		}
	}
	return out
}

// TestGuardListAPIItemsElsewhere: a configured portal on loopback whose
// list API (JSON, JSONP or POST) answers, besides its own reports, an item
// at 127.0.0.32 — a host the config names nowhere, standing for an
// intranet or metadata host — and an item on the portal that redirects
// there. Nothing reaches 127.0.0.32, robots.txt included; the redirecting
// item is archived as failed(blocked_address_127.0.0.32) and counted in
// the run's failures; the item listed at 127.0.0.32 is neither fetched nor
// archived (the allowed-hosts rule drops it before the guard); nothing
// from that host is archived or indexed; the portal's own reports are
// crawled and indexed.
func TestGuardListAPIItemsElsewhere(t *testing.T) {
	inner, innerHits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><head><title>2026年政府信息公开工作年度报告</title></head><body><h1>2026年政府信息公开工作年度报告</h1>AKIA-secret-credentials</body></html>")
	}))
	innerHost := inner.Listener.Addr().String()
	const blocked = "blocked_address_127.0.0.32"
	for _, fam := range listAPIFamilies {
		for _, robots := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/robots=%v", fam, robots), func(t *testing.T) {
				farm := portalsim.NewTestFarm(t, portalsim.Site{Family: fam, Reports: 5, PerPage: 3, NoDecoys: true})
				h := farm.Hosts()[0]
				own := h.ReportURLs()
				away := h.PublishAt(inner.URL, 2026, time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC))
				moved := h.Publish(2025, time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)).URL
				h.Inject(moved, portalsim.Fault{Kind: portalsim.Moved, Location: inner.URL + "/latest/meta-data/iam/security-credentials/"})
				a, run := crawlUnreached(t, h, robots, innerHits)
				if !slices.Contains(run.Coverage.Families, fam.String()) {
					t.Errorf("families %v: the list API %s was not read", run.Coverage.Families, fam)
				}
				if got := a.outcomes(moved); fmt.Sprint(got) != "[failed("+blocked+")]" {
					t.Errorf("listed report redirecting to 127.0.0.32 archived as %v, want [failed(%s)]", got, blocked)
				}
				if run.Failures[blocked] != 1 {
					t.Errorf("run failures %v, want %s=1", run.Failures, blocked)
				}
				if got := a.outcomes(away); len(got) != 0 {
					t.Errorf("report listed at 127.0.0.32 archived: %v", got)
				}
				if got := a.archivedAt(innerHost); len(got) != 0 {
					t.Errorf("archived from 127.0.0.32: %v", got)
				}
				reported := a.reported()
				for u := range reported {
					if p, err := url.Parse(u); err != nil || p.Host != h.Addr {
						t.Errorf("indexed %s, which is not on the portal", u)
					}
				}
				if _, ok := reported[moved]; ok {
					t.Errorf("refused report %s indexed", moved)
				}
				for _, u := range own {
					if got := a.outcomes(u); fmt.Sprint(got) != "[new]" {
						t.Errorf("portal's report %s archived as %v, want [new]", u, got)
					}
					if _, ok := reported[u]; !ok {
						t.Errorf("portal's report %s not indexed", u)
					}
				}
			})
		}
	}
}

// TestGuardListAPIMovedElsewhere: a configured portal whose list API
// itself answers 301 to 127.0.0.32. The API request is refused before
// anything is sent there (robots.txt included) and archived as
// failed(blocked_address_127.0.0.32) under the API's URL.
func TestGuardListAPIMovedElsewhere(t *testing.T) {
	inner, innerHits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"success":true,"data":{"html":"<a href=\"/art/2026/1/1/art_1_1.html\">2026年政府信息公开工作年度报告</a>"}}`)
	}))
	const blocked = "blocked_address_127.0.0.32"
	for _, fam := range listAPIFamilies {
		t.Run(fam.String(), func(t *testing.T) {
			farm := portalsim.NewTestFarm(t, portalsim.Site{Family: fam, Reports: 3, PerPage: 3, NoDecoys: true})
			h := farm.Hosts()[0]
			api, err := url.Parse(h.ListURLs()[0])
			if err != nil {
				t.Fatal(err)
			}
			h.Inject(api.Path, portalsim.Fault{Kind: portalsim.Moved, Location: inner.URL + "/latest/meta-data/"})
			a, run := crawlUnreached(t, h, true, innerHits)
			var refused []string
			for _, u := range a.archivedAt(h.Addr) {
				if p, _ := url.Parse(u); p.Path == api.Path {
					refused = append(refused, fmt.Sprint(a.outcomes(u)))
				}
			}
			if fmt.Sprint(refused) != "[[failed("+blocked+")]]" {
				t.Errorf("list API %s archived as %v, want one failed(%s)", api.Path, refused, blocked)
			}
			if run.Failures[blocked] != 1 {
				t.Errorf("run failures %v, want %s=1", run.Failures, blocked)
			}
			if got := a.archivedAt(inner.Listener.Addr().String()); len(got) != 0 {
				t.Errorf("archived from 127.0.0.32: %v", got)
			}
			if got := a.reported(); len(got) != 0 {
				t.Errorf("indexed %v, want nothing: the list never answered", got)
			}
		})
	}
}

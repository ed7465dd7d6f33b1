package portalsim

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewFarm(t *testing.T) {
	f, err := NewFarm(FarmOptions{Hosts: 50, Reports: 20}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hosts := f.Hosts()
	if len(hosts) != 50 {
		t.Fatalf("%d hosts, want 50", len(hosts))
	}
	addrs, agencies := map[string]bool{}, map[string]bool{}
	families := map[Family]int{}
	for _, h := range hosts {
		if addrs[h.Addr] || agencies[h.Site.Agency] {
			t.Errorf("host %s: address %s or agency %s used twice", h.Site.Name, h.Addr, h.Site.Agency)
		}
		addrs[h.Addr], agencies[h.Site.Agency] = true, true
		families[h.Site.Family]++
		if f.Host(h.Site.Name) != h {
			t.Errorf("Host(%q) is not the host", h.Site.Name)
		}
		if got := len(h.ReportURLs()); got != 20 {
			t.Errorf("%s: %d reports, want 20", h.Site.Name, got)
		}
		if !strings.HasPrefix(h.Addr, "127.") {
			t.Errorf("%s listens on %s, not loopback", h.Site.Name, h.Addr)
		}
		// robots + 3 list pages + 20 reports + 20 attachments
		if got := h.ExpectedFetches(); got != 44 {
			t.Errorf("%s: ExpectedFetches = %d, want 44", h.Site.Name, got)
		}
	}
	if families[TRS] != 17 || families[Hanweb] != 17 || families[Plain] != 16 {
		t.Errorf("families %v, want 17/17/16", families)
	}
	// Every host answers its column and its reports, concurrently (the
	// first and the last report: all of them would only slow the race
	// detector down).
	var wg sync.WaitGroup
	errs := make(chan string, 50*3)
	for _, h := range hosts {
		wg.Go(func() {
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			reports := h.ReportURLs()
			for _, u := range []string{h.ColumnURL(), reports[0], reports[len(reports)-1]} {
				resp, err := c.Get(u)
				if err != nil {
					errs <- err.Error()
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- u + ": " + resp.Status
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := len(f.Hits()); got != 150 {
		t.Errorf("farm hits = %d, want 150", got)
	}
}

func TestNewRejectsBadSites(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sites []Site
	}{
		{"no sites", nil},
		{"unknown family", []Site{{Family: 9}}},
		{"duplicate name", []Site{{Family: TRS, Name: "a"}, {Family: Plain, Name: "a"}}},
	} {
		if f, err := New(tc.sites, Options{}); err == nil {
			f.Close()
			t.Errorf("%s: New succeeded", tc.name)
		}
	}
}

func TestInjectedClock(t *testing.T) {
	at := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	f, err := New([]Site{{Family: Plain, Reports: 1}}, Options{Now: func() time.Time { return at }, SingleAddress: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := f.Hosts()[0]
	if !strings.HasPrefix(h.Addr, "127.0.0.1:") {
		t.Errorf("SingleAddress host on %s", h.Addr)
	}
	mustGet(t, h.ColumnURL())
	if hit := h.Hits()[0]; !hit.Time.Equal(at) {
		t.Errorf("hit time %v, want the injected %v", hit.Time, at)
	}
}

func TestLatencyDelaysEveryAnswer(t *testing.T) {
	const latency = 30 * time.Millisecond
	f, err := New([]Site{{Family: Plain, Reports: 1}}, Options{Latency: latency})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := f.Hosts()[0]
	mustGet(t, h.ColumnURL())
	mustGet(t, h.URL("/robots.txt"))
	for _, hit := range h.Hits() {
		if took := hit.Done.Sub(hit.Time); took < latency {
			t.Errorf("%s answered in %v, want ≥ %v", hit.URI(), took, latency)
		}
	}
}

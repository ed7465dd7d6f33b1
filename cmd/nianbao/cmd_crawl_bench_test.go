//go:build unix

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// The crawl command against wget on a farm of 50 plain hosts × 20 reports
// (wget cannot run TRS or Hanweb pagination): `nianbao crawl` with its
// defaults, as a user runs it, and one wget given every column URL
// (portalsim.WgetArgs). Pages are counted by the farm. CPU is this
// process's (crawler, extractor, archive and the simulator) and wget's;
// the simulator's own share is measured while wget runs and reported, so
// the crawler's and wget's CPU per page can be compared without it.
//
//	go test -run '^$' -bench BenchmarkCrawlCommand -benchtime 3x ./cmd/nianbao/
const (
	crawlBenchHosts   = 50
	crawlBenchReports = 20
)

// crawlBenchConfig writes a config of one portal per host, one request at
// a time per host and no delay: the hosts' own speed is the only brake.
func crawlBenchConfig(b *testing.B, farm *portalsim.Farm) string {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("crawl:\n  user_agent: nianbao-bench/1.0\n  delay: 0s\n  parallelism: 1\n  timeout: 10s\n  retries: 0\nportals:\n")
	for _, h := range farm.Hosts() {
		fmt.Fprintf(&sb, "  - name: %s\n    agency: %s\n    region: %s\n    column: %s\n    pagination: %s\n",
			h.Site.Name, h.Site.Agency, h.Site.Region, h.ColumnURL(), h.Site.Family.Pagination())
	}
	path := filepath.Join(b.TempDir(), "bench.yaml")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// tally is what the runs of one tool cost in all.
type tally struct {
	pages     int
	wall      time.Duration
	self, cpu time.Duration // this process; this process and its children
}

// run times one crawl of farm by fn and adds it to t.
func (t *tally) run(b *testing.B, farm *portalsim.Farm, fn func()) {
	b.Helper()
	farm.ResetHits()
	s0, c0, _ := portalsim.CPUTime()
	start := time.Now()
	fn()
	t.wall += time.Since(start)
	s1, c1, ok := portalsim.CPUTime()
	if !ok {
		b.Fatal("CPU time unavailable")
	}
	t.pages += len(farm.Hits())
	t.self += s1 - s0
	t.cpu += s1 - s0 + c1 - c0
}

func (t tally) rate() float64      { return float64(t.pages) / t.wall.Seconds() }
func (t tally) cpuMs() float64     { return float64(t.cpu.Microseconds()) / 1000 / float64(t.pages) }
func (t tally) selfCPUMs() float64 { return float64(t.self.Microseconds()) / 1000 / float64(t.pages) }
func (t tally) report(b *testing.B, prefix string) {
	b.ReportMetric(t.rate(), prefix+"pages/s")
	b.ReportMetric(t.cpuMs(), prefix+"cpu-ms/page")
}

// crawlCommand runs `nianbao crawl` on cfg into a fresh archive.
func crawlCommand(b *testing.B, cfg string) func() {
	return func() {
		if code, _, errs := runCLI(b, nil, "crawl", "-c", cfg, "--db", filepath.Join(b.TempDir(), "a.db")); code != 0 {
			b.Fatalf("crawl: exit %d\n%s", code, errs)
		}
	}
}

// crawlWithoutExtraction runs what `nianbao crawl` runs but with no
// classifier: pages are fetched, parsed for links and archived, report
// pages are not extracted.
func crawlWithoutExtraction(b *testing.B, cfgPath string) func() {
	return func() {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			b.Fatal(err)
		}
		s, err := store.Open(filepath.Join(b.TempDir(), "a.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		cr := crawler.New(s, nil, crawler.Options{})
		view := newProgressView(io.Discard, false, len(cfg.Portals))
		for _, r := range crawlAll(context.Background(), cr, cfg.Portals, min(len(cfg.Portals), crawler.DefaultMaxRuns), view) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// wgetCommand runs one wget given every column of farm.
func wgetCommand(b *testing.B, wget string, farm *portalsim.Farm) func() {
	return func() {
		out, err := exec.Command(wget, portalsim.WgetArgs(b.TempDir(), farm.ColumnURLs()...)...).CombinedOutput()
		// wget exits 8 when some link answered an error (the farm's
		// navigation links lead to 404 pages); anything else is a failure.
		if err != nil && !strings.Contains(err.Error(), "exit status 8") {
			b.Fatalf("wget: %v: %s", err, out)
		}
	}
}

func BenchmarkCrawlCommand(b *testing.B) {
	wget, wgetErr := exec.LookPath("wget")
	farmOf := func(b *testing.B, latency time.Duration) *portalsim.Farm {
		f, err := portalsim.NewFarm(portalsim.FarmOptions{Hosts: crawlBenchHosts, Reports: crawlBenchReports,
			Families: []portalsim.Family{portalsim.Plain}}, portalsim.Options{Latency: latency})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(f.Close)
		return f
	}
	// Hosts that answer in 10 ms: each serves at most 100 requests a second
	// to a client holding one connection, as real portals are slow.
	b.Run("slow-hosts", func(b *testing.B) {
		farm := farmOf(b, 10*time.Millisecond)
		cfg := crawlBenchConfig(b, farm)
		var ours, theirs tally
		for b.Loop() {
			ours.run(b, farm, crawlCommand(b, cfg))
			if wgetErr == nil {
				theirs.run(b, farm, wgetCommand(b, wget, farm))
			}
		}
		ours.report(b, "")
		if wgetErr != nil {
			b.Logf("wget not found (%v): comparison skipped", wgetErr)
			return
		}
		theirs.report(b, "wget-")
		b.ReportMetric(ours.rate()/theirs.rate(), "x-wget")
	})
	// Bare loopback: both tools are CPU-bound; CPU per page is the figure.
	b.Run("loopback", func(b *testing.B) {
		farm := farmOf(b, 0)
		cfg := crawlBenchConfig(b, farm)
		var on, off, theirs tally
		for b.Loop() {
			on.run(b, farm, crawlCommand(b, cfg))
			off.run(b, farm, crawlWithoutExtraction(b, cfg))
			if wgetErr == nil {
				theirs.run(b, farm, wgetCommand(b, wget, farm))
			}
		}
		on.report(b, "")
		off.report(b, "no-extract-")
		if wgetErr != nil {
			b.Logf("wget not found (%v): comparison skipped", wgetErr)
			return
		}
		theirs.report(b, "wget-")
		// While wget runs this process only serves: the simulator's CPU
		// per page, to take out of every figure above.
		sim := theirs.selfCPUMs()
		b.ReportMetric(sim, "sim-cpu-ms/page")
		b.ReportMetric((on.cpuMs()-sim)/(theirs.cpuMs()-sim), "x-wget-cpu")
		b.ReportMetric((off.cpuMs()-sim)/(theirs.cpuMs()-sim), "no-extract-x-wget-cpu")
	})
}

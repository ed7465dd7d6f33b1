//go:build unix

package crawler_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// The farm benchmarks crawl 50 simulated hosts × 20 reports on loopback,
// every host a portal of its own, all portals at once through one Crawler
// (as the scheduler runs them), each host at parallelism 1. Besides pages
// per second they report CPU milliseconds per page (this process, which
// also runs the simulator, plus wget's processes): wall time on a shared
// machine depends on what else runs, CPU per page much less. The archive
// syncs every commit to disk as the daemon's does (NOSYNC=1 turns that off).
//
//	go test -run '^$' -bench BenchmarkFarm -benchtime 3x ./crawler/
const (
	benchHosts   = 50
	benchReports = 20
)

// benchFarm starts the benchmark farm.
func benchFarm(b *testing.B, opts portalsim.Options, families ...portalsim.Family) *portalsim.Farm {
	b.Helper()
	f, err := portalsim.NewFarm(portalsim.FarmOptions{Hosts: benchHosts, Reports: benchReports, Families: families}, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(f.Close)
	return f
}

// benchSettings are the crawl settings of the benchmarks: delay as given,
// one request at a time per host, robots obeyed, attachments fetched.
func benchSettings(delay time.Duration) config.Crawl {
	return config.Crawl{
		UserAgent: testUA, Delay: delay, Parallelism: 1, Timeout: 10 * time.Second,
		MaxBody: 20 << 20, Retries: 0, Robots: true, MaxPages: 1000, Attachments: true,
	}
}

// cpuTime returns portalsim.CPUTime, failing the benchmark where the
// platform cannot say.
func cpuTime(b *testing.B) (self, children time.Duration) {
	b.Helper()
	self, children, ok := portalsim.CPUTime()
	if !ok {
		b.Fatal("CPU time unavailable")
	}
	return self, children
}

// cost is what one phase of a benchmark spent.
type cost struct {
	pages int
	wall  time.Duration
	cpu   time.Duration // this process (crawler and simulator) and children (wget)
	self  time.Duration // this process only
}

// measure runs phase on f with fresh hit counters and returns its cost.
func measure(b *testing.B, f *portalsim.Farm, phase func() time.Duration) cost {
	b.Helper()
	f.ResetHits()
	self0, child0 := cpuTime(b)
	wall := phase()
	self1, child1 := cpuTime(b)
	return cost{pages: len(f.Hits()), wall: wall, cpu: self1 - self0 + child1 - child0, self: self1 - self0}
}

func (c *cost) add(d cost) {
	c.pages += d.pages
	c.wall += d.wall
	c.cpu += d.cpu
	c.self += d.self
}

// report writes c's figures with the given unit prefix.
func (c cost) report(b *testing.B, prefix string) {
	b.ReportMetric(float64(c.pages)/c.wall.Seconds(), prefix+"pages/s")
	b.ReportMetric(float64(c.pages)/float64(b.N), prefix+"pages/op")
	b.ReportMetric(float64(c.cpu.Microseconds())/1000/float64(c.pages), prefix+"cpu-ms/page")
}

// crawlFarm runs every host of f as a portal, all at once, into a fresh
// archive, and returns the wall time.
func crawlFarm(b *testing.B, f *portalsim.Farm, delay time.Duration) time.Duration {
	b.Helper()
	s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{NoSync: os.Getenv("NOSYNC") != ""})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := crawler.New(s, reportClassifier(), crawler.Options{})
	var wg sync.WaitGroup
	errs := make(chan error, len(f.Hosts()))
	start := time.Now()
	for _, h := range f.Hosts() {
		wg.Go(func() {
			run, err := c.Run(context.Background(), portalOf(h, benchSettings(delay)))
			if err == nil && run.Reports != benchReports {
				err = fmt.Errorf("%s: %d reports indexed, want %d (counts %v, failures %v)", h.Site.Name, run.Reports, benchReports, run.Counts, run.Failures)
			}
			errs <- err
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	return elapsed
}

// wgetFarm crawls the farm with wget and returns the wall time. perHost
// false is one wget command given every column URL, which it crawls one
// after another; perHost true starts one wget per host, all at once (each
// holds one connection at a time: parallelism 1 per host, as the crawler).
func wgetFarm(b *testing.B, wget string, f *portalsim.Farm, perHost bool) time.Duration {
	b.Helper()
	columns := f.ColumnURLs()
	commands := [][]string{columns}
	if perHost {
		commands = commands[:0]
		for _, c := range columns {
			commands = append(commands, []string{c})
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(commands))
	start := time.Now()
	for i, cols := range commands {
		wg.Go(func() {
			out, err := exec.Command(wget, portalsim.WgetArgs(filepath.Join(b.TempDir(), fmt.Sprint(i)), cols...)...).CombinedOutput()
			if err != nil {
				err = fmt.Errorf("wget %s: %v: %s", cols, err, out)
			}
			errs <- err
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		// wget exits 8 when some link answered an error (the farm's nav
		// links lead to 404 pages); anything else is a failure.
		if err != nil && !strings.Contains(err.Error(), "exit status 8") {
			b.Fatal(err)
		}
	}
	return elapsed
}

// BenchmarkFarmCrawl measures pages per second with delays off: the
// crawler on the mixed farm (TRS, Hanweb, plain), and on a farm of plain
// hosts the crawler and wget --recursive in the same run, on bare loopback
// and with 10 ms added to every answer. wget cannot run TRS's pagination
// script or Hanweb's dataproxy, so only on the plain farm do both reach
// every page; pages are counted by the farm, not the tools.
func BenchmarkFarmCrawl(b *testing.B) {
	b.Run("mixed", func(b *testing.B) {
		f := benchFarm(b, portalsim.Options{})
		crawlFarm(b, f, 0) // warm the farm's page cache
		var total cost
		for b.Loop() {
			total.add(measure(b, f, func() time.Duration { return crawlFarm(b, f, 0) }))
		}
		total.report(b, "")
	})
	b.Run("plain-vs-wget", func(b *testing.B) { compareWithWget(b, portalsim.Options{}) })
	// Real portals answer in tens or hundreds of milliseconds; with 10 ms
	// per answer the fetches wait on the network, not on the CPU.
	b.Run("plain-vs-wget-latency10ms", func(b *testing.B) {
		compareWithWget(b, portalsim.Options{Latency: 10 * time.Millisecond})
	})
}

// compareWithWget crawls a farm of plain hosts with the crawler, with one
// wget command given every column, and with one wget per host all at once.
func compareWithWget(b *testing.B, opts portalsim.Options) {
	f := benchFarm(b, opts, portalsim.Plain)
	wget, err := exec.LookPath("wget")
	crawlFarm(b, f, 0)
	var ours, one, perHost cost
	for b.Loop() {
		ours.add(measure(b, f, func() time.Duration { return crawlFarm(b, f, 0) }))
		if err == nil {
			one.add(measure(b, f, func() time.Duration { return wgetFarm(b, wget, f, false) }))
			perHost.add(measure(b, f, func() time.Duration { return wgetFarm(b, wget, f, true) }))
		}
	}
	ours.report(b, "")
	if err != nil {
		b.Logf("wget not found (%v): comparison skipped", err)
		return
	}
	one.report(b, "wget-")
	rate := func(c cost) float64 { return float64(c.pages) / c.wall.Seconds() }
	b.ReportMetric(rate(ours)/rate(one), "x-wget")
	b.ReportMetric(rate(perHost), "wget-per-host-pages/s")
	b.ReportMetric(rate(ours)/rate(perHost), "x-wget-per-host")
	// While wget runs, this process only serves: the simulator's share
	// of every cpu-ms/page figure.
	b.ReportMetric(float64(perHost.self.Microseconds())/1000/float64(perHost.pages), "sim-cpu-ms/page")
	b.Logf("wget: %s %s; per host: the same with one COLUMN_URL each, %d at once",
		wget, strings.Join(portalsim.WgetArgs("DIR", "COLUMN_URL_1", "…", fmt.Sprintf("COLUMN_URL_%d", benchHosts)), " "), benchHosts)
}

// BenchmarkFarmPolite measures a polite run of the mixed farm (one request
// per delay per host; the 1 s of production scaled to 100 ms) against the
// ideal: the busiest host's request count × delay. The log line gives the
// spread of the gaps between requests to one host.
func BenchmarkFarmPolite(b *testing.B) {
	const delay = 100 * time.Millisecond
	f := benchFarm(b, portalsim.Options{})
	var total cost
	var ideal time.Duration
	for b.Loop() {
		total.add(measure(b, f, func() time.Duration { return crawlFarm(b, f, delay) }))
		most := 0
		var gaps []time.Duration
		for _, h := range f.Hosts() {
			hits := h.Hits()
			most = max(most, len(hits))
			for i := 1; i < len(hits); i++ {
				gaps = append(gaps, hits[i].Time.Sub(hits[i-1].Time))
			}
		}
		ideal += time.Duration(most) * delay
		slices.Sort(gaps)
		q := func(p int) time.Duration { return gaps[len(gaps)*p/100].Round(time.Millisecond) }
		b.Logf("gaps between requests to one host: p10 %v p50 %v p90 %v p99 %v", q(10), q(50), q(90), q(99))
	}
	b.ReportMetric(total.wall.Seconds()/float64(b.N), "wall-s")
	b.ReportMetric(ideal.Seconds()/float64(b.N), "ideal-s")
	b.ReportMetric(float64(total.wall)/float64(ideal), "x-ideal")
	b.ReportMetric(float64(total.cpu.Microseconds())/1000/float64(total.pages), "cpu-ms/page")
}

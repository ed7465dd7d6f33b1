package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// rssLimit is the most resident memory (VmHWM: the peak of everything
// resident, anonymous and file-backed) `serve` may use with 10 000 portals:
// 150 MB.
const rssLimit = 150_000_000

// TestServeMemory measures the resident memory of a `nianbao serve`
// process with a generated config of many portals (default 10 000) pointing
// at loopback simulator hosts: idle (every portal ran recently, none due),
// then on a fresh archive where every portal is due at once. It samples
// /proc/PID/status every second and reports the peak of VmRSS and of its
// two parts: RssAnon (what the process allocated) and RssFile (the binary's
// pages and bbolt's memory map of the archive, which grows with the archive
// and which the store releases every 250 ms). The limit is checked on
// VmHWM, the kernel's record of the peak resident size. It is slow and
// heavy, so it runs only with NIANBAO_MEMTEST=1; NIANBAO_MEMTEST_PORTALS
// and NIANBAO_MEMTEST_SECONDS (crawl phase length) tune it. The simulator
// runs in the test process, so its memory is not counted. The figures are logged:
//
//	NIANBAO_MEMTEST=1 go test -run TestServeMemory -v -timeout 30m ./cmd/nianbao
func TestServeMemory(t *testing.T) {
	if os.Getenv("NIANBAO_MEMTEST") == "" {
		t.Skip("set NIANBAO_MEMTEST=1 to measure serve's memory with 10 000 portals")
	}
	portals, seconds := envInt("NIANBAO_MEMTEST_PORTALS", 10000), envInt("NIANBAO_MEMTEST_SECONDS", 120)
	// One simulated host per portal: columns must differ, and real portals
	// are on different hosts too.
	farm, err := portalsim.NewFarm(portalsim.FarmOptions{Hosts: portals, Reports: 3}, portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer farm.Close()
	dir := t.TempDir()
	bin := filepath.Join(dir, "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cfg := manyPortals(t, filepath.Join(dir, "many.yaml"), farm.Hosts())

	// Idle: every portal ran a moment ago, so none is due.
	idleDB := filepath.Join(dir, "idle.db")
	seedRuns(t, idleDB, portals)
	idle := measureServe(t, bin, cfg, idleDB, 15*time.Second)
	t.Logf("idle, %d portals: %s", portals, idle)

	// Crawling: a fresh archive, every portal due at start.
	crawlDB := filepath.Join(dir, "crawl.db")
	busy := measureServe(t, bin, cfg, crawlDB, time.Duration(seconds)*time.Second)
	t.Logf("crawling %d portals for %ds: %s", portals, seconds, busy)
	for _, m := range []memFigures{idle, busy} {
		if m.hwm > rssLimit {
			t.Errorf("peak resident size (VmHWM) %.1f MB, want under %d MB", float64(m.hwm)/1e6, rssLimit/1_000_000)
		}
	}
}

// memFigures are peaks over a measurement, in bytes.
type memFigures struct {
	rss, anon, file, hwm int64
	archive              int64 // archive file size at the end
	progress             string
	shutdown             time.Duration
}

func (m memFigures) String() string {
	return fmt.Sprintf("peak VmRSS %.1f MiB (RssAnon %.1f MiB, RssFile %.1f MiB), VmHWM %.1f MiB, archive %.1f MiB; %s; shutdown took %s",
		mib(m.rss), mib(m.anon), mib(m.file), mib(m.hwm), mib(m.archive), m.progress, m.shutdown.Round(time.Millisecond))
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// manyPortals writes a config of one portal per host.
func manyPortals(t *testing.T, path string, hosts []*portalsim.Host) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "crawl:\n  delay: 5ms\n  parallelism: 2\n  timeout: 10s\n  retries: 0\n  max_pages: 100\n  attachments: true\nportals:\n")
	for i, h := range hosts {
		fmt.Fprintf(w, "  - name: p%05d\n    agency: %s\n    region: %s\n    column: %s\n    pagination: %s\n    schedule: \"%d %d * * *\"\n",
			i, h.Site.Agency, h.Site.Region, h.ColumnURL(), h.Site.Family.Pagination(), i%60, 1+i%5)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// seedRuns records a finished run of each portal, now, so none is due.
func seedRuns(t *testing.T, db string, n int) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range n {
		r, err := s.StartRun(ctx, fmt.Sprintf("p%05d", i))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.FinishRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}

// measureServe runs `serve` for d, touching the API like a user would,
// and returns its memory figures; then stops it with SIGTERM and checks
// that it exits 0.
func measureServe(t *testing.T, bin, cfg, db string, d time.Duration) memFigures {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "-c", cfg, "--db", db, "--listen", addr, "--log-level", "error")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	waitFor(t, "serve to answer /healthz", 60*time.Second, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	end := time.Now().Add(d)
	var m memFigures
	for time.Now().Before(end) {
		for _, p := range []string{"/api/v1/portals?limit=500", "/metrics", "/api/v1/reports"} {
			if resp, err := http.Get(base + p); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		now := procMemory(t, cmd.Process.Pid)
		m.rss, m.anon, m.file, m.hwm = max(m.rss, now.rss), max(m.anon, now.anon), max(m.file, now.file), now.hwm
		time.Sleep(time.Second)
	}
	m.progress = crawlProgress(base)
	if fi, err := os.Stat(db); err == nil {
		m.archive = fi.Size()
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v, want exit 0", err)
	}
	m.shutdown = time.Since(start)
	return m
}

// procMemory reads VmRSS, RssAnon, RssFile and VmHWM of a process.
func procMemory(t *testing.T, pid int) (m memFigures) {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			m.rss = kb << 10
		case "RssAnon:":
			m.anon = kb << 10
		case "RssFile:":
			m.file = kb << 10
		case "VmHWM:":
			m.hwm = kb << 10
		}
	}
	return m
}

// crawlProgress sums the crawler's counters from /metrics.
func crawlProgress(base string) string {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return "metrics unavailable"
	}
	defer resp.Body.Close()
	sums := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, name := range []string{"nianbao_crawler_fetches_total", "nianbao_crawler_runs_total", "nianbao_crawler_reports_total"} {
			if strings.HasPrefix(line, name+"{") {
				if v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64); err == nil {
					sums[name] += v
				}
			}
		}
	}
	return fmt.Sprintf("%.0f fetches, %.0f runs finished, %.0f reports indexed",
		sums["nianbao_crawler_fetches_total"], sums["nianbao_crawler_runs_total"], sums["nianbao_crawler_reports_total"])
}

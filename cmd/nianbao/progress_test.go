package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// cursorUp is how the bars redraw: cursor up N lines, clear to the end.
var cursorUp = regexp.MustCompile(`\x1b\[(\d+)A\x1b\[J`)

// screen replays terminal output and returns the lines left on the screen.
func screen(out string) []string {
	var lines []string
	pending := ""
	put := func(text string) {
		parts := strings.Split(pending+text, "\n")
		lines = append(lines, parts[:len(parts)-1]...)
		pending = parts[len(parts)-1]
	}
	for {
		loc := cursorUp.FindStringSubmatchIndex(out)
		if loc == nil {
			put(out)
			break
		}
		put(out[:loc[0]])
		n, _ := strconv.Atoi(out[loc[2]:loc[3]])
		lines, pending = lines[:max(0, len(lines)-n)], ""
		out = out[loc[1]:]
	}
	if pending != "" {
		lines = append(lines, pending)
	}
	return lines
}

// Lines the user sees: a portal's bar, the overall bar, a portal's result.
func barLine(portal string, done, total, reports int) string {
	return fmt.Sprintf(`^%s +\[.*\] %d/%d pages, %d reports$`, regexp.QuoteMeta(portal), done, total, reports)
}
func anyBar(portal string) string { return `^` + regexp.QuoteMeta(portal) + ` +\[` }
func overallLine(finished, total int) string {
	return fmt.Sprintf(`^portals finished %d/%d +\[.*\] +\d+ ?%%$`, finished, total)
}
func resultLine(portal string) string { return `^` + regexp.QuoteMeta(portal) + `: done, ` }

// checkScreen wants a line matching each of has and none matching lacks.
func checkScreen(tb testing.TB, what string, lines []string, has, lacks []string) {
	tb.Helper()
	matches := func(pattern string) int {
		re := regexp.MustCompile(pattern)
		n := 0
		for _, l := range lines {
			if re.MatchString(l) {
				n++
			}
		}
		return n
	}
	for _, p := range has {
		if n := matches(p); n != 1 {
			tb.Errorf("%s: %d lines match %q, want 1; screen:\n%s", what, n, p, strings.Join(lines, "\n"))
		}
	}
	for _, p := range lacks {
		if n := matches(p); n != 0 {
			tb.Errorf("%s: %d lines match %q, want none; screen:\n%s", what, n, p, strings.Join(lines, "\n"))
		}
	}
}

// flushSignal tells the test each time a frame has been written out.
type flushSignal struct {
	*cupwriter.Writer
	flushed chan struct{}
}

func (f flushSignal) Flush(lines int) error {
	err := f.Writer.Flush(lines)
	select {
	case f.flushed <- struct{}{}:
	default:
	}
	return err
}

// barHarness drives a barView that draws a frame only when asked (and,
// by itself, once nothing runs any more).
type barHarness struct {
	out     bytes.Buffer
	tick    chan any
	flushed chan struct{}
	view    *barView
}

func newBarHarness(portals int) *barHarness {
	h := &barHarness{tick: make(chan any), flushed: make(chan struct{}, 16)}
	cw := flushSignal{Writer: cupwriter.New(&h.out, true), flushed: h.flushed}
	h.view = newBarView(&h.out, portals, cw, mpb.WithManualRefresh(h.tick))
	return h
}

// frame draws one frame and returns the screen. Only while some portal is
// unfinished: the last one to finish draws by itself.
func (h *barHarness) frame() []string {
	h.tick <- struct{}{}
	<-h.flushed
	return screen(h.out.String())
}

type barStep func(tb testing.TB, h *barHarness)

func start(portal string) barStep {
	return func(_ testing.TB, h *barHarness) { h.view.start(portal) }
}
func progress(portal string, done, queued, reports int, final bool) barStep {
	return func(_ testing.TB, h *barHarness) {
		h.view.update(crawler.Progress{Portal: portal, Done: done, Queued: queued, Reports: reports, Final: final})
	}
}
func end(portal string, pages, reports int) barStep {
	return func(_ testing.TB, h *barHarness) {
		h.view.done(portalResult{Portal: portal, Run: store.Run{
			Counts: map[store.Outcome]int{store.OutcomeNew: pages}, Reports: reports}})
	}
}
func see(has, lacks []string) barStep {
	return func(tb testing.TB, h *barHarness) {
		tb.Helper()
		checkScreen(tb, "while running", h.frame(), has, lacks)
	}
}

// redraw draws a frame without looking: the one that still shows the bars
// of portals just finished, at their final count, before they go.
func redraw(_ testing.TB, h *barHarness) { h.frame() }

func holding(running int) barStep {
	return func(tb testing.TB, h *barHarness) {
		tb.Helper()
		h.view.mu.Lock()
		defer h.view.mu.Unlock()
		if n := len(h.view.running); n != running {
			tb.Errorf("view holds %d portals, want %d", n, running)
		}
	}
}

func TestBarView(t *testing.T) {
	tests := []struct {
		name       string
		portals    int
		steps      []barStep
		has, lacks []string // on the screen after finish
	}{
		{
			name:    "a bar per running portal, its result line once done",
			portals: 2,
			steps: []barStep{
				start("a"), start("b"),
				see([]string{barLine("a", 0, 0, 0), barLine("b", 0, 0, 0), overallLine(0, 2)}, nil),
				progress("a", 1, 4, 0, false), progress("b", 2, 1, 1, false),
				see([]string{barLine("a", 1, 5, 0), barLine("b", 2, 3, 1), overallLine(0, 2)}, nil),
				// pagination finds more pages: the total grows
				progress("a", 5, 4, 2, false),
				see([]string{barLine("a", 5, 9, 2), barLine("b", 2, 3, 1)}, nil),
				progress("a", 9, 0, 3, true), end("a", 9, 3), holding(1),
				see([]string{resultLine("a"), barLine("a", 9, 9, 3), barLine("b", 2, 3, 1), overallLine(1, 2)}, nil),
				see([]string{resultLine("a"), barLine("b", 2, 3, 1), overallLine(1, 2)}, []string{anyBar("a")}),
				progress("b", 3, 0, 1, true), end("b", 3, 1), holding(0),
			},
			has:   []string{resultLine("a"), resultLine("b"), "^a: done, 9 pages \\(9 new, 0 failed\\), 3 reports$", overallLine(2, 2)},
			lacks: []string{anyBar("a"), anyBar("b")},
		},
		{
			name:    "an interrupted crawl leaves no bar of an unfinished portal",
			portals: 3,
			steps: []barStep{
				start("a"), start("b"), progress("a", 1, 1, 0, false), progress("b", 1, 7, 0, false),
				end("a", 2, 0), redraw,
				see([]string{resultLine("a"), barLine("b", 1, 8, 0), overallLine(1, 3)}, []string{anyBar("a")}),
			},
			has:   []string{resultLine("a"), overallLine(1, 3)},
			lacks: []string{anyBar("a"), anyBar("b"), resultLine("b")},
		},
		{
			name:    "bars never outnumber the portals running",
			portals: 4,
			steps: []barStep{
				start("p1"), start("p2"), end("p1", 1, 0), start("p3"), holding(2), redraw,
				see([]string{anyBar("p2"), anyBar("p3"), resultLine("p1")}, []string{anyBar("p1")}),
				end("p2", 1, 0), end("p3", 1, 0), start("p4"), holding(1), redraw,
				see([]string{anyBar("p4"), overallLine(3, 4)}, []string{anyBar("p1"), anyBar("p2"), anyBar("p3")}),
				end("p4", 1, 0), holding(0),
			},
			has:   []string{resultLine("p1"), resultLine("p2"), resultLine("p3"), resultLine("p4"), overallLine(4, 4)},
			lacks: []string{anyBar("p1"), anyBar("p2"), anyBar("p3"), anyBar("p4")},
		},
		{
			name:    "a portal that ends before its first fetch gets no bar",
			portals: 1,
			steps: []barStep{
				progress("a", 0, 0, 0, true), holding(0), end("a", 0, 0),
			},
			has:   []string{resultLine("a"), overallLine(1, 1)},
			lacks: []string{anyBar("a")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newBarHarness(tt.portals)
			for _, step := range tt.steps {
				step(t, h)
			}
			h.view.finish()
			checkScreen(t, "after finish", screen(h.out.String()), tt.has, tt.lacks)
		})
	}
}

// TestBarViewAfterFinish: what arrives once the view is finished prints
// plainly below the last frame and draws no bar.
func TestBarViewAfterFinish(t *testing.T) {
	h := newBarHarness(1)
	h.view.start("a")
	h.view.finish()
	h.view.finish()
	h.view.start("b")
	h.view.update(crawler.Progress{Portal: "b", Done: 1, Queued: 1})
	fmt.Fprintln(h.view, "nianbao: interrupt: shutting down")
	lines := screen(h.out.String())
	checkScreen(t, "after finish", lines, []string{overallLine(0, 1)}, []string{anyBar("a"), anyBar("b")})
	if got := lines[len(lines)-1]; got != "nianbao: interrupt: shutting down" {
		t.Errorf("last line = %q, want the notice written after finish", got)
	}
}

// TestBarViewConcurrent feeds the view from many goroutines while it
// redraws on its own; run with -race.
func TestBarViewConcurrent(t *testing.T) {
	const portals, workers, updates = 12, 4, 40
	var out bytes.Buffer
	v := newBarView(&out, portals, cupwriter.New(&out, true), mpb.WithRefreshRate(time.Millisecond))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				name := fmt.Sprintf("portal%02d", i)
				v.start(name)
				for n := range updates {
					v.update(crawler.Progress{Portal: name, Done: n, Queued: updates - n, Reports: n / 10})
				}
				fmt.Fprintf(v, "warning from %s\n", name)
				v.update(crawler.Progress{Portal: name, Done: updates, Reports: updates / 10, Final: true})
				v.done(portalResult{Portal: name, Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: updates}}})
			}
		})
	}
	for i := range portals {
		next <- i
	}
	close(next)
	wg.Wait()
	v.finish()
	lines := screen(out.String())
	has := []string{overallLine(portals, portals)}
	var lacks []string
	for i := range portals {
		name := fmt.Sprintf("portal%02d", i)
		has = append(has, resultLine(name), "^warning from "+name+"$")
		lacks = append(lacks, anyBar(name))
	}
	checkScreen(t, "after finish", lines, has, lacks)
}

// TestLineView: off a terminal, plain lines — a portal's progress, its
// result numbered among all portals, and whatever else is written.
func TestLineView(t *testing.T) {
	var out bytes.Buffer
	v := newProgressView(&out, false, 2)
	v.start("a")
	v.update(crawler.Progress{Portal: "a", Done: 1, Queued: 2})
	fmt.Fprintln(v, "a warning")
	v.done(portalResult{Portal: "a", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: 3}, Reports: 1}})
	v.finish()
	want := "a: 1/3 pages, 0 reports\na warning\n[1/2] a: done, 3 pages (3 new, 0 failed), 1 reports\n"
	if out.String() != want {
		t.Errorf("output = %q, want %q", out.String(), want)
	}
}

// TestCrawlProgressBar crawls with stderr taken for a terminal: what is
// left on the screen is each portal's result and the overall count, no
// portal's bar, and the summary goes to stdout untouched.
func TestCrawlProgressBar(t *testing.T) {
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 2, Reports: 2})
	defer farm.Close()
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	var stdout, stderr bytes.Buffer
	c := &cli{
		stdout: &stdout, stderr: &stderr, terminal: true,
		getenv: func(string) string { return "" },
		now:    time.Now,
		exit:   func(code int) { t.Errorf("forced exit %d", code) },
	}
	if code := c.run(context.Background(), []string{"crawl", "-c", cfg, "--db", filepath.Join(dir, "a.db")}); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	has := []string{overallLine(2, 2)}
	var lacks []string
	for _, h := range farm.Hosts() {
		has = append(has, resultLine(h.Site.Name))
		lacks = append(lacks, anyBar(h.Site.Name))
	}
	checkScreen(t, "stderr", screen(stderr.String()), has, lacks)
	testarchive.Contains(t, "stdout", stdout.String(), "PORTAL", "TOTAL")
	if strings.Contains(stdout.String(), "\x1b") {
		t.Errorf("the summary on stdout holds progress output")
	}
}

package crawler

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// fakeClock is a Clock whose time moves only by Advance.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	return ch
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// waitWaiters blocks until someone waits on the clock (the scheduler's timer).
func (c *fakeClock) waitWaiters(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		n := len(c.waiters)
		c.mu.Unlock()
		if n > 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("scheduler never waited on the clock")
}

// eventually polls cond for up to 5 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (a *memArchive) runCount(portal string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, r := range a.runs {
		if r.Portal == portal {
			n++
		}
	}
	return n
}

func (a *memArchive) finishedRuns(portal string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, r := range a.runs {
		if r.Portal == portal && !r.End.IsZero() {
			n++
		}
	}
	return n
}

func schedPortal(name, column, spec string) config.Portal {
	return config.Portal{Name: name, Agency: name, Column: column, Schedule: spec,
		Crawl: config.Crawl{Parallelism: 1, Timeout: 2 * time.Second, MaxPages: 10}}
}

func TestSchedulerCatchesUpMissedRuns(t *testing.T) {
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<p>list</p>")) }))
	clock := &fakeClock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	a := newMemArchive()
	// missed: last ran two days ago, daily at 03:00. recent: ran at 03:00 today.
	a.runs = []store.Run{
		{ID: "old1", Portal: "missed", Start: clock.now.Add(-48 * time.Hour), End: clock.now.Add(-48 * time.Hour)},
		{ID: "old2", Portal: "recent", Start: time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 3, 1, 0, 0, time.UTC)},
		{ID: "old3", Portal: "killed", Start: time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)},
	}
	a.pending["killed"] = []store.FrontierItem{{URL: srv.URL + "/r.html", Kind: KindReport}}
	cr := newTestCrawler(t, a, nil)
	s := NewScheduler(cr, a, nil, WithClock(clock), WithJitter(0))
	portals := []config.Portal{
		schedPortal("missed", srv.URL+"/a", "0 3 * * *"),
		schedPortal("recent", srv.URL+"/b", "0 3 * * *"),
		schedPortal("never", srv.URL+"/c", "0 3 * * *"),
		schedPortal("killed", srv.URL+"/d", "0 3 * * *"),
	}
	s.Start(context.Background(), portals)
	defer s.Stop()
	for name, finished := range map[string]int{"missed": 2, "never": 1, "killed": 1} {
		eventually(t, name+" catch-up run", func() bool { return a.finishedRuns(name) == finished })
	}
	clock.waitWaiters(t)
	if n := a.runCount("recent"); n != 1 {
		t.Errorf("portal that ran on time was run again at start (%d runs)", n)
	}
	next := s.Next()
	want := time.Date(2026, 3, 11, 3, 0, 0, 0, time.UTC)
	for _, p := range portals {
		if !next[p.Name].Equal(want) {
			t.Errorf("Next()[%s] = %v, want %v", p.Name, next[p.Name], want)
		}
	}
	// The interrupted run resumed from its frontier and finished it.
	if got := a.outcomes(srv.URL + "/r.html"); len(got) != 1 {
		t.Errorf("frontier item of the killed run fetched %d times, want 1", len(got))
	}
}

func TestSchedulerNeverOverlaps(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	hits := 0
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		n := hits
		mu.Unlock()
		if n == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		w.Write([]byte("<p>list</p>"))
	}))
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return hits
	}
	clock := &fakeClock{now: time.Date(2026, 3, 10, 12, 0, 30, 0, time.UTC)}
	a := newMemArchive()
	cr := newTestCrawler(t, a, nil)
	s := NewScheduler(cr, a, nil, WithClock(clock), WithJitter(0))
	s.Start(context.Background(), []config.Portal{schedPortal("p", srv.URL+"/", "* * * * *")})
	defer s.Stop()

	eventually(t, "first run", func() bool { return count() == 1 })
	if !s.Running("p") {
		t.Error("Running(p) = false during a run")
	}
	// Two triggers while the first run hangs: both skipped.
	for range 2 {
		clock.waitWaiters(t)
		clock.Advance(time.Minute)
	}
	clock.waitWaiters(t)
	time.Sleep(30 * time.Millisecond)
	if n := a.runCount("p"); n != 1 || count() != 1 {
		t.Fatalf("runs started while one was going: %d runs, %d requests", n, count())
	}
	close(release)
	eventually(t, "first run to finish", func() bool { return a.finishedRuns("p") == 1 && !s.Running("p") })
	clock.Advance(time.Minute)
	eventually(t, "next scheduled run", func() bool { return a.finishedRuns("p") == 2 })
}

func TestSchedulerUpdateAndStop(t *testing.T) {
	block := make(chan struct{})
	srv, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer close(block)
	clock := &fakeClock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	a := newMemArchive()
	a.runs = []store.Run{{ID: "r", Portal: "a", Start: clock.now, End: clock.now}}
	cr := newTestCrawler(t, a, nil)
	s := NewScheduler(cr, a, nil, WithClock(clock), WithJitter(0))
	s.Start(context.Background(), []config.Portal{schedPortal("a", srv.URL+"/a", "0 3 * * *")})

	s.Update([]config.Portal{schedPortal("a", srv.URL+"/a", "30 4 * * *"), schedPortal("b", srv.URL+"/b", "0 5 * * *")})
	next := s.Next()
	if len(next) != 2 || next["a"].Hour() != 4 || next["b"].Hour() != 5 {
		t.Errorf("Next after Update = %v", next)
	}
	if a.runCount("b") != 0 {
		t.Error("a portal added by Update ran at once")
	}
	s.Update([]config.Portal{schedPortal("b", srv.URL+"/b", "0 5 * * *")})
	if _, ok := s.Next()["a"]; ok {
		t.Error("removed portal still scheduled")
	}
	// A run in progress is cancelled by Stop, which waits for it.
	clock.waitWaiters(t)
	clock.Advance(17 * time.Hour)
	eventually(t, "b's run", func() bool { return a.runCount("b") == 1 })
	s.Stop()
	if a.finishedRuns("b") != 1 {
		t.Error("Stop returned before the run ended")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.pending["b"]) == 0 {
		t.Error("cancelled run left no frontier")
	}
}

func TestSchedulerBoundsConcurrentRunsAndWorkers(t *testing.T) {
	var mu sync.Mutex
	inFlight, peak := 0, 0
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		w.Write([]byte("<p>list</p>"))
	})
	clock := &fakeClock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	a := newMemArchive()
	cr := newTestCrawler(t, a, nil)
	const maxRuns, portals = 3, 12
	s := NewScheduler(cr, a, nil, WithClock(clock), WithJitter(0), WithMaxRuns(maxRuns))
	var ps []config.Portal
	for i := range portals {
		srv, _ := newServer(t, handler) // a host each, so the per-host limiter does not serialise them
		ps = append(ps, schedPortal(fmt.Sprintf("p%02d", i), srv.URL+"/", "0 3 * * *"))
	}
	s.Start(context.Background(), ps) // none has run: all are due at once
	defer s.Stop()
	for _, p := range ps {
		eventually(t, p.Name+"'s run", func() bool {
			s.mu.Lock()
			if s.workers > maxRuns {
				t.Errorf("%d workers alive, want at most %d", s.workers, maxRuns)
			}
			s.mu.Unlock()
			return a.finishedRuns(p.Name) == 1
		})
	}
	mu.Lock()
	if peak > maxRuns {
		t.Errorf("%d portals fetched at once, want at most %d", peak, maxRuns)
	}
	mu.Unlock()
	eventually(t, "idle workers to exit", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.workers == 0
	})
}

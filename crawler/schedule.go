package crawler

import (
	"container/heap"
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Clock is the time source of a Scheduler; tests inject a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// SchedulerOption adjusts a Scheduler.
type SchedulerOption func(*Scheduler)

// WithClock replaces the wall clock (for tests).
func WithClock(c Clock) SchedulerOption { return func(s *Scheduler) { s.clock = c } }

// WithJitter sets the largest random delay before a run starts (default
// 30s; 0 disables), so portals sharing a schedule do not start together.
func WithJitter(d time.Duration) SchedulerOption { return func(s *Scheduler) { s.jitter = d } }

// DefaultMaxRuns is how many portals run at once unless WithMaxRuns says
// otherwise; `nianbao crawl` runs as many by default. Politeness is per
// host (delay, parallelism), so this bounds only the process's own work:
// goroutines, connections and buffers of the runs in flight.
const DefaultMaxRuns = 32

// WithMaxRuns bounds how many portals run at once (default DefaultMaxRuns).
func WithMaxRuns(n int) SchedulerOption { return func(s *Scheduler) { s.maxRuns = n } }

// WithAfterRun calls fn (from the run's worker; it must not block) after
// each run ends, whatever its outcome — the daemon derives events then.
func WithAfterRun(fn func(portal string)) SchedulerOption {
	return func(s *Scheduler) { s.afterRun = fn }
}

// Scheduler runs every portal on its cron schedule (robfig/cron/v3
// schedules, as validated by config.ParseSchedule). It holds one entry per
// portal (schedule, next time, running flag), a single timer goroutine and
// at most maxRuns worker goroutines, which exist only while due portals are
// queued: no collector, goroutine or connection is kept per portal, so
// 10 000 portals falling due together cost a queue of names, not 10 000
// waiting goroutines. The entries wait in a heap ordered by next time, so
// the timer touches only the portals falling due (O(log n) each), not all
// of them on every wake: with 100 000 portals on short schedules it wakes
// hundreds of times a second. A portal never has two runs at once: a
// trigger that finds the previous run still going (or queued) is skipped.
type Scheduler struct {
	cr      *Crawler
	archive Archive
	log     *slog.Logger
	clock   Clock
	jitter  time.Duration
	maxRuns int
	// afterRun, when set, is told of every finished run.
	afterRun func(portal string)

	mu      sync.Mutex
	entries map[string]*entry
	due     dueHeap // the entries with a next time, earliest first
	stopped bool
	ctx     context.Context
	cancel  context.CancelFunc
	wake    chan struct{}
	queue   []string // names of due portals, oldest first
	workers int      // worker goroutines alive, ≤ maxRuns
	runs    sync.WaitGroup
	loop    sync.WaitGroup
}

type entry struct {
	portal  config.Portal
	sched   cron.Schedule
	next    time.Time // zero: never due again
	running bool
	index   int // position in the due heap
}

// dueHeap orders entries by next time (container/heap).
type dueHeap []*entry

// newDueHeap is a heap of the entries that have a next time.
func newDueHeap(entries map[string]*entry) dueHeap {
	h := make(dueHeap, 0, len(entries))
	for _, e := range entries {
		if !e.next.IsZero() {
			e.index = len(h)
			h = append(h, e)
		}
	}
	heap.Init(&h)
	return h
}

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h dueHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *dueHeap) Push(x any) {
	e := x.(*entry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.index = -1
	return e
}

// NewScheduler returns a Scheduler that runs portals with c and judges
// missed runs from a's run records. Call Start to begin.
func NewScheduler(c *Crawler, a Archive, logger *slog.Logger, opts ...SchedulerOption) *Scheduler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Scheduler{
		cr: c, archive: a, log: logger, clock: realClock{}, jitter: 30 * time.Second, maxRuns: DefaultMaxRuns,
		entries: map[string]*entry{}, wake: make(chan struct{}, 1),
	}
	for _, o := range opts {
		o(s)
	}
	s.maxRuns = max(s.maxRuns, 1)
	return s
}

// Start schedules portals and starts the timer. A portal whose last
// recorded run is older than its previous scheduled time (or that never
// ran, or whose last run left a frontier) runs once now; the others wait
// for their next time. Runs use a context derived from ctx. Start returns
// at once; it must be called once.
func (s *Scheduler) Start(ctx context.Context, portals []config.Portal) {
	// The archive is read for every portal before s.mu is taken, so Next
	// and Running do not wait on start-up I/O.
	s.cr.NameHosts(portals)
	now := s.clock.Now()
	last := s.lastRuns(ctx, portals)
	entries := make([]*entry, 0, len(portals))
	for _, p := range portals {
		e := s.newEntry(p, now)
		if e == nil {
			continue
		}
		if s.missed(ctx, p.Name, e.sched, now, last) {
			e.next = now.Add(s.jitterDelay())
		}
		entries = append(entries, e)
	}
	s.mu.Lock()
	s.ctx, s.cancel = context.WithCancel(ctx)
	for _, e := range entries {
		s.entries[e.portal.Name] = e
	}
	s.due = newDueHeap(s.entries)
	s.mu.Unlock()
	s.loop.Go(s.timer)
}

func (s *Scheduler) newEntry(p config.Portal, now time.Time) *entry {
	sched, err := config.ParseSchedule(p.Schedule)
	if err != nil {
		s.log.Error("bad schedule; portal not scheduled", "portal", p.Name, "schedule", p.Schedule, "error", err)
		return nil
	}
	return &entry{portal: p, sched: sched, next: s.nextAfter(sched, now)}
}

// nextAfter is sched's next time after now, moved later by a random jitter
// so that portals sharing a schedule do not all start in the same second;
// zero when sched never fires again.
func (s *Scheduler) nextAfter(sched cron.Schedule, now time.Time) time.Time {
	next := sched.Next(now)
	if next.IsZero() {
		return next
	}
	return next.Add(s.jitterDelay())
}

func (s *Scheduler) jitterDelay() time.Duration {
	if s.jitter <= 0 {
		return 0
	}
	return rand.N(s.jitter)
}

// lastRuns reads the last run of every portal in one pass; nil when the
// archive could not be read (then no portal counts as missed).
func (s *Scheduler) lastRuns(ctx context.Context, portals []config.Portal) map[string]store.RunEnd {
	names := make([]string, len(portals))
	for i, p := range portals {
		names[i] = p.Name
	}
	last := make(map[string]store.RunEnd, len(portals))
	if err := s.archive.LastRunEnds(ctx, names, func(p string, r store.RunEnd) { last[p] = r }); err != nil {
		s.log.Warn("read last runs", "error", err)
		return nil
	}
	return last
}

// missed reports whether a run was due while the daemon was down, given
// each portal's last run (nil: unknown, nothing is missed).
func (s *Scheduler) missed(ctx context.Context, name string, sched cron.Schedule, now time.Time, lastRuns map[string]store.RunEnd) bool {
	if lastRuns == nil {
		return false
	}
	last, ran := lastRuns[name]
	if !ran {
		return true
	}
	if pending, done, err := s.archive.Frontier(ctx, name); err == nil && len(pending)+len(done) > 0 {
		return true // an interrupted run: resume it
	}
	return !sched.Next(last.Start).After(now)
}

// Update replaces the scheduled portals after a config reload: new portals
// are added (and do not run at once), removed ones are dropped (a run in
// progress finishes), changed schedules take effect from now. Running
// portals keep the settings they started with.
func (s *Scheduler) Update(portals []config.Portal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	s.cr.NameHosts(portals)
	now := s.clock.Now()
	fresh := make(map[string]*entry, len(portals))
	for _, p := range portals {
		if old := s.entries[p.Name]; old != nil && old.portal.Schedule == p.Schedule {
			old.portal = p
			fresh[p.Name] = old
			continue
		}
		e := s.newEntry(p, now)
		if e == nil {
			continue
		}
		if old := s.entries[p.Name]; old != nil {
			e.running = old.running
		}
		fresh[p.Name] = e
	}
	s.entries = fresh
	s.due = newDueHeap(s.entries)
	s.poke()
}

// Next returns each scheduled portal's next run time.
func (s *Scheduler) Next() map[string]time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]time.Time, len(s.entries))
	for name, e := range s.entries {
		out[name] = e.next
	}
	return out
}

// NextRun returns portal's next run time; zero when it is not scheduled
// or never due again.
func (s *Scheduler) NextRun(portal string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[portal]; e != nil {
		return e.next
	}
	return time.Time{}
}

// Running reports whether portal has a run in progress or queued.
func (s *Scheduler) Running(portal string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[portal]
	return e != nil && e.running
}

// Stop stops taking runs, cancels the runs in progress (they save their
// frontier) and waits for them to end. Safe to call more than once.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	s.stopped = true
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.poke()
	s.loop.Wait()
	s.runs.Wait()
}

func (s *Scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// timer starts due runs and sleeps until the next due time.
func (s *Scheduler) timer() {
	for {
		s.mu.Lock()
		if s.stopped {
			s.mu.Unlock()
			return
		}
		now := s.clock.Now()
		for len(s.due) > 0 && !s.due[0].next.After(now) {
			e := s.due[0]
			if e.running {
				s.log.Info("previous run still going; trigger skipped", "portal", e.portal.Name)
			} else {
				e.running = true
				s.enqueue(e.portal.Name)
			}
			if e.next = s.nextAfter(e.sched, now); e.next.IsZero() {
				heap.Pop(&s.due) // never due again
			} else {
				heap.Fix(&s.due, 0)
			}
		}
		var earliest time.Time
		if len(s.due) > 0 {
			earliest = s.due[0].next
		}
		ctx := s.ctx
		s.mu.Unlock()
		var tick <-chan time.Time
		if !earliest.IsZero() {
			tick = s.clock.After(earliest.Sub(now))
		}
		select {
		case <-tick:
		case <-s.wake:
		case <-ctx.Done():
			return
		}
	}
}

// enqueue queues a due portal and starts a worker if fewer than maxRuns
// are alive. s.mu must be held.
func (s *Scheduler) enqueue(name string) {
	s.queue = append(s.queue, name)
	if s.workers < s.maxRuns {
		s.workers++
		s.runs.Add(1)
		go s.work()
	}
}

// work runs queued portals one after another and exits when the queue is
// empty or the scheduler stops.
func (s *Scheduler) work() {
	defer s.runs.Done()
	for {
		s.mu.Lock()
		if len(s.queue) == 0 || s.stopped {
			s.workers--
			s.mu.Unlock()
			return
		}
		name := s.queue[0]
		s.queue[0] = ""
		s.queue = s.queue[1:]
		if len(s.queue) == 0 {
			s.queue = nil // let the backing array go
		}
		e := s.entries[name]
		var p config.Portal
		if e != nil {
			p = e.portal
		}
		ctx := s.ctx
		s.mu.Unlock()
		if e == nil {
			continue // removed by Update while queued
		}
		s.run(ctx, p)
	}
}

// run runs one portal once and clears its running flag.
func (s *Scheduler) run(ctx context.Context, p config.Portal) {
	defer func() {
		s.mu.Lock()
		if e := s.entries[p.Name]; e != nil {
			e.running = false
		}
		s.mu.Unlock()
	}()
	if ctx.Err() != nil {
		return
	}
	if _, err := s.cr.Run(ctx, p); err != nil && ctx.Err() == nil {
		s.log.Warn("run failed", "portal", p.Name, "error", err)
	}
	if s.afterRun != nil {
		s.afterRun(p.Name)
	}
}

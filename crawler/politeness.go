package crawler

import (
	"context"
	"sync"
	"time"
)

// hostLimiter paces requests per host across every run of a Crawler: at
// most par requests to one host in flight, and successive request starts at
// least delay apart. colly's LimitRule cannot do this for many hosts at once
// (a "*" rule puts every host behind one semaphore), so the crawler keeps
// its own. Entries for idle hosts are dropped, so 10 000 portals cost
// nothing between runs.
type hostLimiter struct {
	now   func() time.Time // time.Now; tests of forgetting replace it
	mu    sync.Mutex
	hosts map[string]*hostSlot
	calls int
}

type hostSlot struct {
	sem  chan struct{}
	next time.Time // earliest start of the next request (delay or Retry-After)
	last time.Time // when the latest request was let go
	sent time.Time // when the last request's headers went out
	refs int
}

// forgetAfter is how long an idle host's pacing is remembered after its
// last request: long enough for any Crawl-delay (capped at maxCrawlDelay)
// learned from that request to apply to the next one.
const forgetAfter = maxCrawlDelay

func newHostLimiter() *hostLimiter {
	return &hostLimiter{now: time.Now, hosts: make(map[string]*hostSlot)}
}

// acquire waits for a slot on host and for its turn, then returns the
// release function. It returns ctx's error if ctx ends first.
func (l *hostLimiter) acquire(ctx context.Context, host string, delay time.Duration, par int) (func(), error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, max(par, 1))}
		l.hosts[host] = s
	}
	s.refs++
	l.calls++
	if l.calls%1024 == 0 {
		l.sweepLocked(l.now())
	}
	l.mu.Unlock()

	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		l.unref(host, s)
		return nil, ctx.Err()
	}
	release := func() {
		<-s.sem
		l.unref(host, s)
	}
	// Wait for the turn: this request's delay after the previous start and
	// after the previous request actually left (a slow dial must not shorten
	// the gap the server sees), and no earlier than the previous request's
	// own delay or a Retry-After pause. Taking this request's delay matters
	// when it is longer: a Crawl-delay learned from robots.txt spaces the
	// very next request from the robots.txt fetch itself.
	for {
		l.mu.Lock()
		now := l.now()
		turn := s.next
		for _, t := range []time.Time{s.last.Add(delay), s.sent.Add(delay)} {
			if t.After(turn) {
				turn = t
			}
		}
		if !turn.After(now) {
			s.next = now.Add(delay)
			s.last = now
			l.mu.Unlock()
			return release, nil
		}
		l.mu.Unlock()
		if err := sleepCtx(ctx, turn.Sub(now)); err != nil {
			release()
			return nil, err
		}
	}
}

// sent notes that a request to host has just been written to the wire.
func (l *hostLimiter) sent(host string, t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.hosts[host]; s != nil && t.After(s.sent) {
		s.sent = t
	}
}

// pause keeps every request to host from starting before now+d (a
// Retry-After answer speaks for the whole host). par is the host's
// parallelism, as given to acquire, for a host no longer tracked.
func (l *hostLimiter) pause(host string, d time.Duration, par int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, max(par, 1))}
		l.hosts[host] = s
	}
	if t := l.now().Add(d); t.After(s.next) {
		s.next = t
	}
}

func (l *hostLimiter) unref(host string, s *hostSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.refs--
	if s.refs == 0 && s.idle(l.now()) && l.hosts[host] == s {
		delete(l.hosts, host)
	}
}

// idle reports whether nothing about the host's past requests can delay
// its next one any more, so the host can be forgotten.
func (s *hostSlot) idle(now time.Time) bool {
	return !s.next.After(now) && now.Sub(s.last) >= forgetAfter && now.Sub(s.sent) >= forgetAfter
}

// sweepLocked drops idle hosts.
func (l *hostLimiter) sweepLocked(now time.Time) {
	for h, s := range l.hosts {
		if s.refs == 0 && s.idle(now) {
			delete(l.hosts, h)
		}
	}
}

// size is the number of hosts tracked once idle ones are dropped (for tests
// of the memory promise).
func (l *hostLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweepLocked(l.now())
	return len(l.hosts)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

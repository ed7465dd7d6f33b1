package store

import (
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The archive's pages reach the process through bbolt's memory map, and
// every page read through it stays resident in the process until it is
// released (Store.releaseMapped) — with the kernel's fault-around, each
// page read maps up to 16 of its neighbours. Commits touch the blobs in the
// last page of the blob tree, the crawler looks up validators and versions
// on every fetch, and the event deriver reads every report, run and column
// version in a pass: without releases the resident size grows with the
// archive, and a clock alone falls behind when the process is busy (a
// release due every 50 ms was seen to come 250 ms late, by when 35 MiB of
// the archive was mapped). So the goroutines that touch pages release them:
// a read transaction or a commit that ends at least releaseGap after the
// last release makes the next one, and a clock (releaseEvery) covers long
// transactions and quiet spells.
const (
	releaseGap   = 10 * time.Millisecond
	releaseEvery = 100 * time.Millisecond
)

// releaser tracks the last release and runs the clock.
type releaser struct {
	s          *Store
	last       atomic.Int64 // UnixNano of the last release started
	quit, done chan struct{}
	stopOnce   sync.Once
}

func startReleaser(s *Store) *releaser {
	r := &releaser{s: s, quit: make(chan struct{}), done: make(chan struct{})}
	r.last.Store(time.Now().UnixNano())
	go func() {
		defer close(r.done)
		t := time.NewTicker(releaseEvery)
		defer t.Stop()
		for {
			select {
			case <-r.quit:
				return
			case <-t.C:
				r.release(time.Now())
			}
		}
	}()
	return r
}

// maybe releases when the last release is releaseGap old; one caller at a
// time wins, the others go on.
func (r *releaser) maybe() {
	now := time.Now()
	last := r.last.Load()
	if now.UnixNano()-last < int64(releaseGap) || !r.last.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	r.run()
}

// maybeIn is maybe for a long scan inside read transaction tx: it
// releases through tx's own mapping rather than opening a transaction of
// its own (which could wait behind a writer waiting for tx to end).
func (r *releaser) maybeIn(tx *bolt.Tx) {
	now := time.Now()
	last := r.last.Load()
	if now.UnixNano()-last < int64(releaseGap) || !r.last.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	if err := r.s.releaseIn(tx); err != nil {
		r.s.log.Warn("store: release mapped archive pages", "error", err)
	}
}

// release releases now (the clock's tick).
func (r *releaser) release(now time.Time) {
	r.last.Store(now.UnixNano())
	r.run()
}

func (r *releaser) run() {
	if err := r.s.releaseMapped(); err != nil {
		r.s.log.Warn("store: release mapped archive pages", "error", err)
	}
}

// stop ends the clock and waits for a tick in progress; later calls do
// nothing.
func (r *releaser) stop() {
	r.stopOnce.Do(func() { close(r.quit) })
	<-r.done
}

// scanRelease is how many entries a long scan reads between chances to
// release (releaser.maybeIn).
const scanRelease = 16

// view runs fn in a read transaction and then lets the releaser release
// what it mapped.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	err := s.db.View(fn)
	s.releaser.maybe()
	return err
}

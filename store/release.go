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
				r.release()
			}
		}
	}()
	return r
}

// claim reports whether the caller is to release now: the last release
// is releaseGap old and no other caller has taken this turn.
func (r *releaser) claim() bool {
	now, last := time.Now().UnixNano(), r.last.Load()
	return now-last >= int64(releaseGap) && r.last.CompareAndSwap(last, now)
}

// maybe releases when claim says so.
func (r *releaser) maybe() {
	if r.claim() {
		r.warn(r.s.releaseMapped())
	}
}

// maybeIn is maybe for a long scan or a grouped commit inside transaction
// tx: it releases through tx's own mapping rather than opening a
// transaction of its own (which could wait behind a writer waiting for tx
// to end).
func (r *releaser) maybeIn(tx *bolt.Tx) {
	if r.claim() {
		r.warn(r.s.releaseIn(tx))
	}
}

// release releases now (the clock's tick).
func (r *releaser) release() {
	r.last.Store(time.Now().UnixNano())
	r.warn(r.s.releaseMapped())
}

func (r *releaser) warn(err error) {
	if err != nil {
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

package store

import (
	"context"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// writer is the single goroutine that applies fetches. It takes whatever
// jobs are waiting (up to maxBatch fetches) and applies them in one write
// transaction, so concurrent Record calls share a commit (group commit)
// while a lone caller never waits for a timer.
type writer struct {
	s        *Store
	maxBatch int
	jobs     chan *job
	mu       sync.RWMutex // held shared by senders, exclusively by stop
	closed   bool
	done     chan struct{}
}

var errClosed = fmt.Errorf("store: record: store is closed: %w", ErrInvalid)

// job is one RecordBatch call.
type job struct {
	items []*prepared
	out   []Version
	err   error
	done  chan struct{}
}

// maxBatchBytes stops the writer from adding more jobs to a transaction
// once their compressed bodies reach it, keeping commits short.
const maxBatchBytes = 64 << 20

// size is the compressed body bytes the job may write.
func (j *job) size() int {
	n := 0
	for _, p := range j.items {
		n += len(p.blob)
	}
	return n
}

func startWriter(s *Store, maxBatch int) *writer {
	w := &writer{s: s, maxBatch: maxBatch, jobs: make(chan *job), done: make(chan struct{})}
	go w.loop()
	return w
}

// submit hands items to the writer and waits until they are committed (or
// not). It does not give up when ctx ends while waiting: the commit is short
// and its result must not be lost.
func (w *writer) submit(ctx context.Context, items []*prepared) ([]Version, error) {
	j := &job{items: items, done: make(chan struct{})}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return nil, errClosed
	}
	select {
	case w.jobs <- j:
	case <-ctx.Done():
		w.mu.RUnlock()
		return nil, ctx.Err()
	}
	w.mu.RUnlock()
	<-j.done
	return j.out, j.err
}

func (w *writer) isClosed() bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.closed
}

func (w *writer) stop() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.jobs)
	}
	w.mu.Unlock()
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	for j := range w.jobs {
		batch, n, size := []*job{j}, len(j.items), j.size()
	drain:
		for n < w.maxBatch && size < maxBatchBytes {
			select {
			case next, ok := <-w.jobs:
				if !ok {
					break drain
				}
				batch, n, size = append(batch, next), n+len(next.items), size+next.size()
			default:
				break drain
			}
		}
		w.commit(batch)
	}
}

// commit applies a group of jobs in one transaction. If that fails, each
// job is retried alone so that one bad job cannot fail the others.
func (w *writer) commit(batch []*job) {
	err := w.s.db.Update(func(tx *bolt.Tx) error { return w.apply(tx, batch) })
	if err != nil && len(batch) > 1 {
		w.s.log.Warn("store: grouped commit failed; retrying each call alone", "calls", len(batch), "error", err)
		for _, j := range batch {
			w.commit([]*job{j})
		}
		return
	}
	for _, j := range batch {
		if err != nil {
			j.out, j.err = nil, err
		}
		close(j.done)
	}
}

func (w *writer) apply(tx *bolt.Tx, batch []*job) error {
	b := openBuckets(tx)
	var delta statsDelta
	for _, j := range batch {
		j.out = make([]Version, len(j.items))
		for i, p := range j.items {
			v, err := w.s.apply(b, p, &delta)
			if err != nil {
				return fmt.Errorf("store: record fetch of %s: %w", p.f.URL, err)
			}
			j.out[i] = v
		}
	}
	return delta.flush(b.meta)
}

package store

import (
	"context"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// writer is the single goroutine that makes every change to the archive.
// It takes whatever jobs are waiting (up to maxBatch fetches) and applies
// them in one write transaction, so concurrent calls — Record, and every
// other write through update — share a commit and its fsync (group commit),
// while a lone caller never waits for a timer.
type writer struct {
	s        *Store
	maxBatch int
	jobs     chan *job
	mu       sync.RWMutex // held shared by senders, exclusively by stop
	closed   bool
	done     chan struct{}
}

var errClosed = fmt.Errorf("store: write: store is closed: %w", ErrInvalid)

// job is one RecordBatch call (items) or one other change (fn).
type job struct {
	items []*prepared
	fn    func(tx *bolt.Tx) error
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

// update runs fn in the writer's next transaction and returns once that
// committed (nil) or failed (fn's error, or the commit's). fn may run more
// than once — a group that fails is retried job by job — so it must
// derive everything it writes from tx and its own arguments.
func (s *Store) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	_, err := s.writer.submit(ctx, &job{fn: fn})
	return err
}

// submit hands a job to the writer and waits until it is committed (or
// not). It does not give up when ctx ends while waiting: the commit is short
// and its result must not be lost.
func (w *writer) submit(ctx context.Context, j *job) ([]Version, error) {
	if w.s.readOnly {
		return nil, fmt.Errorf("store: write to %s: %w", w.s.path, ErrReadOnly)
	}
	j.done = make(chan struct{})
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
		w.s.releaser.maybe()
	}
}

// commit applies a group of jobs in one transaction. When one job fails
// (a caller's mistake such as an unknown run, or a damaged record) that job
// gets its error and the others are committed again without it. When the
// commit itself fails, each job is retried alone so that one cannot fail
// the others for a reason of its own.
func (w *writer) commit(batch []*job) {
	if len(batch) == 0 {
		return
	}
	var failed *job
	err := w.s.db.Update(func(tx *bolt.Tx) error {
		var err error
		failed, err = w.apply(tx, batch)
		return err
	})
	switch {
	case err == nil:
	case failed != nil:
		failed.out, failed.err = nil, err
		close(failed.done)
		rest := make([]*job, 0, len(batch)-1)
		for _, j := range batch {
			if j != failed {
				rest = append(rest, j)
			}
		}
		w.commit(rest)
		return
	case len(batch) > 1:
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

// apply applies the jobs of a group and, when one of them fails, returns
// that job with its error.
func (w *writer) apply(tx *bolt.Tx, batch []*job) (*job, error) {
	b := openBuckets(tx)
	var delta statsDelta
	for _, j := range batch {
		if j.fn != nil {
			if err := j.fn(tx); err != nil {
				return j, err
			}
			continue
		}
		j.out = make([]Version, len(j.items))
		for i, p := range j.items {
			if i%scanRelease == scanRelease-1 {
				w.s.releaser.maybeIn(tx)
			}
			v, err := w.s.apply(b, p, &delta)
			if err != nil {
				return j, fmt.Errorf("store: record fetch of %s: %w", p.f.URL, err)
			}
			j.out[i] = v
		}
	}
	return nil, delta.flush(b.meta)
}

package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// Record appends the version of one fetch and returns it. The outcome is
// decided against the most recently recorded fetch of the same URL:
//
//   - Reason set: failed with that reason.
//   - 304: not_modified; the version points at the body in force.
//   - 404/410: gone (a tombstone) when the URL ever answered 2xx, else
//     failed with reason "http_404"/"http_410".
//   - 2xx: unchanged when the body's SHA-256 equals the body in force,
//     else new (the body is stored once, shared with any URL that has it).
//   - anything else: failed, reason "http_<status>" ("no_response" for 0).
//
// The version, its blob and the URL's state commit in one transaction: after
// Record returns without error they survive a crash. Concurrent calls are
// grouped into shared transactions. Errors: ErrInvalid for a fetch without
// URL; ctx.Err() when ctx ends before the fetch was handed to the writer.
func (s *Store) Record(ctx context.Context, f Fetch) (Version, error) {
	vs, err := s.RecordBatch(ctx, []Fetch{f})
	if err != nil {
		return Version{}, err
	}
	return vs[0], nil
}

// RecordBatch records fetches in order, as Record would one by one, in as
// few transactions as possible (usually one), compressing new bodies in
// parallel first. It is the fast path for bulk ingest. Either every fetch is
// recorded or, on error, none; the i-th result belongs to fs[i].
func (s *Store) RecordBatch(ctx context.Context, fs []Fetch) ([]Version, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.writer.isClosed() {
		return nil, errClosed
	}
	if len(fs) == 0 {
		return nil, nil
	}
	ps := make([]*prepared, len(fs))
	for i, f := range fs {
		p, err := s.prepare(f)
		if err != nil {
			return nil, err
		}
		ps[i] = p
	}
	parallel(len(ps), func(i int) {
		if p := ps[i]; p.hasBody {
			p.sha = sha256.Sum256(p.f.Body)
		}
	})
	if err := s.compressMissing(ps); err != nil {
		return nil, err
	}
	return s.writer.submit(ctx, &job{items: ps})
}

// compressMissing compresses, outside any write transaction, each distinct
// body whose blob is not stored yet.
func (s *Store) compressMissing(ps []*prepared) error {
	var todo []*prepared
	err := s.view(func(tx *bolt.Tx) error {
		blobIdx := tx.Bucket(bucketBlobIdx)
		seen := make(map[[hashLen]byte]bool)
		for _, p := range ps {
			if !p.hasBody || seen[p.sha] {
				continue
			}
			seen[p.sha] = true
			if blobIdx.Get(p.sha[:]) == nil {
				todo = append(todo, p)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: look up blobs: %w", err)
	}
	parallel(len(todo), func(i int) {
		p := todo[i]
		p.blob, p.payload = s.encodeBlob(p.f.Body)
	})
	return nil
}

// buckets are the buckets a write transaction touches, looked up once.
type buckets struct {
	meta, versions, urls, blobs, blobIdx *bolt.Bucket
}

// openBuckets looks the buckets up. Versions and blobs only ever grow at
// the end (their keys are sequence numbers), so their pages are filled
// completely rather than split in half.
func openBuckets(tx *bolt.Tx) buckets {
	b := buckets{
		meta:     tx.Bucket(bucketMeta),
		versions: tx.Bucket(bucketVersions),
		urls:     tx.Bucket(bucketURLs),
		blobs:    tx.Bucket(bucketBlobs),
		blobIdx:  tx.Bucket(bucketBlobIdx),
	}
	b.versions.FillPercent = 1
	b.blobs.FillPercent = 1
	return b
}

// apply records one prepared fetch inside a write transaction.
func (s *Store) apply(b buckets, p *prepared, delta *statsDelta) (Version, error) {
	st := urlState{URL: p.f.URL}
	if rec := b.urls.Get(p.urlHash[:]); rec != nil {
		var err error
		if st, err = decodeURLState(rec); err != nil {
			return Version{}, err
		}
		if !st.tracked {
			if st.track, err = replayStatus(b.urls.Tx(), p.urlHash); err != nil {
				return Version{}, err
			}
		}
	}
	wasGone := st.Gone
	seq, err := b.versions.NextSequence()
	if err != nil {
		return Version{}, fmt.Errorf("next version id: %w", err)
	}
	f := p.f
	v := Version{ID: formatVersionID(seq), URL: f.URL, FinalURL: f.FinalURL, Portal: f.Portal,
		FetchedAt: f.FetchedAt, Status: f.Status,
		Method: f.Method, RequestBody: f.RequestBody, RequestContentType: f.RequestContentType, Referrer: f.Referrer,
		Redirects: f.Redirects}
	headerFields(&v, f.Header)
	t := f.FetchedAt.UnixNano()
	var sha []byte
	switch {
	case f.Reason != "":
		v.Outcome, v.Reason = OutcomeFailed, f.Reason
	case f.Status == 304:
		v.Outcome = OutcomeNotModified
		sha, v.Size = st.SHA, st.Size
		st.LastOK = t
		if v.ETag != "" || v.LastModified != "" {
			st.ETag, st.LastMod = v.ETag, v.LastModified
		}
	case f.Status == 404 || f.Status == 410:
		if !st.HadSuccess {
			v.Outcome, v.Reason = OutcomeFailed, failureReason(f.Status)
			break
		}
		v.Outcome = OutcomeGone
		st.Gone, st.SHA, st.Size, st.ETag, st.LastMod = true, nil, 0, "", ""
	case p.hasBody:
		sha, v.Size = p.sha[:], int64(len(f.Body))
		v.Outcome = OutcomeUnchanged
		if st.Gone || !bytes.Equal(st.SHA, sha) {
			v.Outcome = OutcomeNew
			if err := s.putBlob(b, p, delta); err != nil {
				return Version{}, err
			}
			st.ContentVersions++
			delta.raw += v.Size
		}
		st.SHA, st.Size, st.HadSuccess, st.Gone, st.LastOK = sha, v.Size, true, false, t
		st.ETag, st.LastMod = v.ETag, v.LastModified
	default:
		v.Outcome, v.Reason = OutcomeFailed, failureReason(f.Status)
	}
	if len(sha) > 0 {
		v.SHA256 = hex.EncodeToString(sha)
	}
	st.track.observe(v.Outcome, t, wasGone)
	if st.FirstSeen == 0 {
		st.FirstSeen = t
	}
	st.LatestSeq = seq
	if err := b.versions.Put(seqKey(seq), encodeVersion(v, sha)); err != nil {
		return Version{}, fmt.Errorf("put version: %w", err)
	}
	if err := b.urls.Put(byURLKey(p.urlHash, timeKey(f.FetchedAt), seq), []byte{}); err != nil {
		return Version{}, fmt.Errorf("put url index: %w", err)
	}
	if err := b.urls.Put(p.urlHash[:], encodeURLState(st)); err != nil {
		return Version{}, fmt.Errorf("put url state: %w", err)
	}
	delta.versions++
	return v, nil
}

// putBlob stores p's body unless a blob with its hash exists.
func (s *Store) putBlob(b buckets, p *prepared, delta *statsDelta) error {
	if b.blobIdx.Get(p.sha[:]) != nil {
		return nil
	}
	if p.blob == nil {
		p.blob, p.payload = s.encodeBlob(p.f.Body)
	}
	if err := appendBlob(b.blobs, b.blobIdx, p.sha[:], p.blob); err != nil {
		return err
	}
	delta.blobs++
	delta.blobRaw += int64(len(p.f.Body))
	delta.stored += int64(p.payload)
	return nil
}

// parallel calls fn(0..n-1) on up to GOMAXPROCS goroutines; inline when n
// is 1, so a single Record starts no goroutine.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

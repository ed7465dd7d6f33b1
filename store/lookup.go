package store

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Version returns the version with the given id. ErrInvalid for a malformed
// id, ErrNotFound for an unknown one.
func (s *Store) Version(ctx context.Context, id string) (Version, error) {
	if err := ctx.Err(); err != nil {
		return Version{}, err
	}
	seq, err := parseVersionID(id)
	if err != nil {
		return Version{}, err
	}
	var v Version
	err = s.view(func(tx *bolt.Tx) error {
		v, err = getVersion(tx.Bucket(bucketVersions), seq)
		return err
	})
	return v, err
}

func getVersion(versions *bolt.Bucket, seq uint64) (Version, error) {
	rec := versions.Get(seqKey(seq))
	if rec == nil {
		return Version{}, fmt.Errorf("store: version %d: %w", seq, ErrNotFound)
	}
	return decodeVersion(seq, rec)
}

// Raw returns a version and the body in force at it, for serving the bytes
// as fetched. ErrNotFound when the version has no body (gone, failed).
func (s *Store) Raw(ctx context.Context, id string) (Version, []byte, error) {
	v, err := s.Version(ctx, id)
	if err != nil {
		return Version{}, nil, err
	}
	if !v.HasBody() {
		return v, nil, fmt.Errorf("store: raw of version %s (%s): no body: %w", id, v.Outcome, ErrNotFound)
	}
	body, err := s.Body(ctx, v.SHA256)
	return v, body, err
}

// Latest returns the most recent version (by fetch time) of url, whatever
// its outcome. ErrNotFound when the URL was never recorded.
func (s *Store) Latest(ctx context.Context, url string) (Version, error) {
	return s.At(ctx, url, time.Unix(0, math.MaxInt64))
}

// At returns the version of url in force at t: the latest fetched at or
// before t. ErrNotFound when there is none.
func (s *Store) At(ctx context.Context, url string, t time.Time) (Version, error) {
	if err := ctx.Err(); err != nil {
		return Version{}, err
	}
	h := urlHash(url)
	limit := byURLKey(h, timeKey(t), math.MaxUint64)
	var v Version
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketURLs).Cursor()
		k, _ := c.Seek(limit)
		switch {
		case k == nil:
			k, _ = c.Last()
		case !bytes.Equal(k, limit):
			k, _ = c.Prev()
		}
		// Before the URL's first history entry comes its state record.
		if len(k) != byURLKeyLen || !bytes.HasPrefix(k, h[:]) {
			return fmt.Errorf("store: version of %s at %s: %w", url, t.UTC().Format(time.RFC3339), ErrNotFound)
		}
		var err error
		v, err = getVersion(tx.Bucket(bucketVersions), seqFromByURLKey(k))
		return err
	})
	return v, err
}

// Versions returns every version of url, oldest first (ties in fetch time
// in recording order). An unknown URL yields an empty slice and no error.
// Versions, At and Latest see GET captures; a POST capture is filed under
// its request (URL, method and body) and found with RequestVersions or
// EachVersion.
func (s *Store) Versions(ctx context.Context, url string) ([]Version, error) {
	return s.RequestVersions(ctx, url, "", nil)
}

// RequestVersions returns every version of one request, oldest first, as
// Versions does for a GET: method and body as recorded (Version.Method and
// RequestBody; an empty method or GET means a GET of url, whatever body).
// An unknown request yields an empty slice and no error.
func (s *Store) RequestVersions(ctx context.Context, url, method string, body []byte) ([]Version, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h := urlHash(requestKey(url, method, body))
	var vs []Version
	err := s.view(func(tx *bolt.Tx) error {
		versions := tx.Bucket(bucketVersions)
		c := tx.Bucket(bucketURLs).Cursor()
		for k, _ := c.Seek(h[:]); k != nil && bytes.HasPrefix(k, h[:]); k, _ = c.Next() {
			if len(k) != byURLKeyLen {
				continue // the URL's state record
			}
			v, err := getVersion(versions, seqFromByURLKey(k))
			if err != nil {
				return err
			}
			vs = append(vs, v)
		}
		return nil
	})
	return vs, err
}

// FirstVersion returns the first version recorded for a GET of url, and
// false when the archive holds none. It reads only that version, where
// Versions reads them all.
func (s *Store) FirstVersion(ctx context.Context, url string) (Version, bool, error) {
	if err := ctx.Err(); err != nil {
		return Version{}, false, err
	}
	h := urlHash(requestKey(url, "", nil))
	var v Version
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketURLs).Cursor()
		for k, _ := c.Seek(h[:]); k != nil && bytes.HasPrefix(k, h[:]); k, _ = c.Next() {
			if len(k) != byURLKeyLen {
				continue // the URL's state record
			}
			var err error
			v, err = getVersion(tx.Bucket(bucketVersions), seqFromByURLKey(k))
			found = err == nil
			return err
		}
		return nil
	})
	if err != nil {
		return Version{}, false, fmt.Errorf("store: first version of %s: %w", url, err)
	}
	return v, found, nil
}

// Validators returns the ETag and Last-Modified of the latest 2xx (or 304
// carrying them) for url, for a conditional GET; both empty when the URL is
// unknown, gone, or its server sent none.
func (s *Store) Validators(ctx context.Context, url string) (etag, lastModified string, err error) {
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	h := urlHash(url)
	err = s.view(func(tx *bolt.Tx) error {
		rec := tx.Bucket(bucketURLs).Get(h[:])
		if rec == nil {
			return nil
		}
		st, err := decodeURLState(rec)
		etag, lastModified = st.ETag, st.LastMod
		return err
	})
	return etag, lastModified, err
}

// EachVersionChunk is how many versions EachVersion reads per transaction.
const EachVersionChunk = 1000

// EachVersion calls fn for every version in recording order (ascending id),
// reading EachVersionChunk versions per short read transaction, so an
// export never pins the file. fn runs outside any transaction and may call
// the store. Versions recorded during the walk may or may not be visited.
// It stops at the first error from fn (returned as is) or when ctx ends.
func (s *Store) EachVersion(ctx context.Context, fn func(Version) error) error {
	var next uint64 = 1
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		chunk := make([]Version, 0, EachVersionChunk)
		err := s.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketVersions).Cursor()
			for k, rec := c.Seek(seqKey(next)); k != nil && len(chunk) < EachVersionChunk; k, rec = c.Next() {
				v, err := decodeVersion(seqFromKey(k), rec)
				if err != nil {
					return err
				}
				chunk = append(chunk, v)
				next = seqFromKey(k) + 1
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: walk versions: %w", err)
		}
		for _, v := range chunk {
			if err := fn(v); err != nil {
				return err
			}
		}
		if len(chunk) < EachVersionChunk {
			return nil
		}
	}
}

package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Run is the record of one crawl of one portal.
type Run struct {
	ID       string // opaque, URL-safe; assigned by StartRun
	Portal   string
	Start    time.Time
	End      time.Time // zero while running, or when the process died mid-run
	Counts   map[Outcome]int
	Failures map[string]int // failed fetches by reason
	Reports  int            // reports indexed
	Error    string         // why the run stopped early, if it did
	// Coverage is what the run saw of the column and why it may need
	// attention; nil for runs recorded before it existed.
	Coverage *Coverage `json:",omitempty"`
}

// Running reports whether the run was started but never finished.
func (r Run) Running() bool { return r.End.IsZero() }

func checkPortal(portal string) error {
	if portal == "" || strings.IndexByte(portal, sep) >= 0 {
		return fmt.Errorf("store: portal name %q: %w", portal, ErrInvalid)
	}
	return nil
}

// StartRun records the start of a run of portal (now, by Options.Now) and
// returns it with its ID. ErrInvalid for an empty portal or one with a NUL.
func (s *Store) StartRun(ctx context.Context, portal string) (Run, error) {
	if err := ctx.Err(); err != nil {
		return Run{}, err
	}
	if err := checkPortal(portal); err != nil {
		return Run{}, err
	}
	r := Run{Portal: portal, Start: s.now().UTC(), Counts: map[Outcome]int{}, Failures: map[string]int{}}
	err := s.update(ctx, func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketRuns)
		key := runKey(portal, r.Start)
		for runs.Get(key) != nil { // two starts in one nanosecond: keep both
			r.Start = r.Start.Add(time.Nanosecond)
			key = runKey(portal, r.Start)
		}
		r.ID = base64.RawURLEncoding.EncodeToString(key)
		return putRun(runs, key, r)
	})
	if err != nil {
		return Run{}, fmt.Errorf("store: start run of %s: %w", portal, err)
	}
	return r, nil
}

// FinishRun stores the final state of a run started with StartRun; End
// defaults to now. ErrInvalid for a malformed ID, ErrNotFound for an unknown one.
func (s *Store) FinishRun(ctx context.Context, r Run) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	key, err := base64.RawURLEncoding.DecodeString(r.ID)
	if err != nil || bytes.IndexByte(key, sep) < 0 {
		return fmt.Errorf("store: finish run %q: %w", r.ID, ErrInvalid)
	}
	if r.End.IsZero() {
		r.End = s.now().UTC()
	}
	err = s.update(ctx, func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketRuns)
		old := runs.Get(key)
		if old == nil {
			return ErrNotFound
		}
		var started Run
		if err := json.Unmarshal(old, &started); err != nil {
			return fmt.Errorf("decode run: %v: %w", err, ErrCorrupt)
		}
		r.Portal, r.Start = started.Portal, started.Start
		return putRun(runs, key, r)
	})
	if err != nil {
		return fmt.Errorf("store: finish run %s: %w", r.ID, err)
	}
	return nil
}

func putRun(runs *bolt.Bucket, key []byte, r Run) error {
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode run: %w", err)
	}
	return runs.Put(key, data)
}

// LastRun returns the most recently started run of portal, finished or not.
// ErrNotFound when the portal never ran.
func (s *Store) LastRun(ctx context.Context, portal string) (Run, error) {
	runs, err := s.Runs(ctx, portal, 1)
	if err != nil {
		return Run{}, err
	}
	if len(runs) == 0 {
		return Run{}, fmt.Errorf("store: last run of %s: %w", portal, ErrNotFound)
	}
	return runs[0], nil
}

// RunEnd is what a dashboard or a scheduler starting up needs of a
// portal's last run: when it started, when it ended (zero while running)
// and why it stopped early, if it did.
type RunEnd struct {
	Start, End time.Time
	Error      string
}

// LastRunEnds calls fn with the start, end and error of the most recently
// started run of each of portals that ever ran, in one read transaction
// and reading only those fields of each record: for a scrape over every configured
// portal, where LastRun per portal (a transaction and a whole record each)
// takes seconds for 100 000 portals. Portals are visited in sorted order.
func (s *Store) LastRunEnds(ctx context.Context, portals []string, fn func(portal string, r RunEnd)) error {
	sorted := slices.Clone(portals)
	slices.Sort(sorted)
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for i, portal := range sorted {
			if i%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if i%scanRelease == scanRelease-1 {
				s.releaser.maybeIn(tx)
			}
			if checkPortal(portal) != nil {
				continue
			}
			prefix := append([]byte(portal), sep)
			k, v := c.Seek(runKey(portal, time.Unix(0, math.MaxInt64)))
			if k == nil {
				k, v = c.Last()
			} else {
				k, v = c.Prev()
			}
			if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+timeLen {
				continue
			}
			var r RunEnd
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode run of %s: %v: %w", portal, err, ErrCorrupt)
			}
			fn(portal, r)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: last runs: %w", err)
	}
	return nil
}

// Runs returns up to limit runs of portal, newest first (limit ≤ 0: all).
func (s *Store) Runs(ctx context.Context, portal string, limit int) ([]Run, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkPortal(portal); err != nil {
		return nil, err
	}
	prefix := append([]byte(portal), sep)
	var out []Run
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		k, v := c.Seek(runKey(portal, time.Unix(0, math.MaxInt64)))
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+timeLen; k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode run: %v: %w", err, ErrCorrupt)
			}
			r.ID = base64.RawURLEncoding.EncodeToString(k)
			out = append(out, r)
			if len(out) == limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: runs of %s: %w", portal, err)
	}
	return out, nil
}

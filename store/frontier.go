package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// FrontierItem is a URL the crawler has yet to fetch in the current run.
type FrontierItem struct {
	URL, Kind, Referrer, LinkText string // Kind: column|report|attachment
	Depth, Year                   int
}

// frontier is the stored form: one compressed JSON value per portal.
type frontier struct {
	Pending []FrontierItem `json:"pending"`
	Done    []string       `json:"done"`
}

// SaveFrontier replaces the saved frontier of portal: the items still to
// fetch and the URLs already fetched in this run, so a run interrupted by a
// crash resumes where it was. The whole frontier is rewritten on each call;
// save every few pages, not after every fetch.
func (s *Store) SaveFrontier(ctx context.Context, portal string, pending []FrontierItem, done []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkPortal(portal); err != nil {
		return err
	}
	data, err := json.Marshal(frontier{Pending: pending, Done: done})
	if err != nil {
		return fmt.Errorf("store: save frontier of %s: %w", portal, err)
	}
	rec, _ := s.encodeBlob(data)
	err = s.update(ctx, func(tx *bolt.Tx) error { return tx.Bucket(bucketFrontier).Put([]byte(portal), rec) })
	if err != nil {
		return fmt.Errorf("store: save frontier of %s: %w", portal, err)
	}
	return nil
}

// Frontier returns the saved frontier of portal; both slices are empty (and
// err nil) when none is saved.
func (s *Store) Frontier(ctx context.Context, portal string) (pending []FrontierItem, done []string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := checkPortal(portal); err != nil {
		return nil, nil, err
	}
	var rec []byte
	err = s.view(func(tx *bolt.Tx) error {
		// Decompress after the transaction, as Body does.
		rec = bytes.Clone(tx.Bucket(bucketFrontier).Get([]byte(portal)))
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: frontier of %s: %w", portal, err)
	}
	if rec == nil {
		return nil, nil, nil
	}
	data, err := s.decodeBlob(rec)
	if err != nil {
		return nil, nil, err
	}
	var f frontier
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("store: frontier of %s: %v: %w", portal, err, ErrCorrupt)
	}
	return f.Pending, f.Done, nil
}

// ClearFrontier forgets the saved frontier of portal (after a run completes).
func (s *Store) ClearFrontier(ctx context.Context, portal string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkPortal(portal); err != nil {
		return err
	}
	err := s.update(ctx, func(tx *bolt.Tx) error { return tx.Bucket(bucketFrontier).Delete([]byte(portal)) })
	if err != nil {
		return fmt.Errorf("store: clear frontier of %s: %w", portal, err)
	}
	return nil
}

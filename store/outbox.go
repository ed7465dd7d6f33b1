package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// OutboxItem is one delivery waiting in the outbox: an event's body for
// one target. The outbox is a queue, not part of the archive: an item is
// removed once delivered, and the (target, event) pair is remembered so
// that it is never queued again.
type OutboxItem struct {
	Seq         uint64 // assigned by Enqueue: queue order
	Target      string // where to deliver (the caller's name for it: a URL)
	EventID     string // 32 hex digits, as Event.ID
	Body        []byte
	Attempts    int       // failed attempts so far
	NextAttempt time.Time // not to be tried before
	LastError   string    // why the last attempt failed
	Queued      time.Time
}

func outboxSeenKey(target string, id []byte) []byte {
	h := sha256.Sum256([]byte(target))
	return append(append(make([]byte, 0, 8+eventIDLen), h[:8]...), id...)
}

func dueKey(t time.Time, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, timeLen+seqLen), timeKey(t)), seq)
}

// Enqueue adds items to the outbox, each due at its NextAttempt (now when
// zero), and returns how many it added: a (Target, EventID) pair queued
// before — delivered or not — is skipped, so deriving an event again never
// sends it twice. ErrInvalid for an empty target or a malformed event id.
func (s *Store) Enqueue(ctx context.Context, items []OutboxItem) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ids := make([][]byte, len(items))
	for i, it := range items {
		id, err := parseEventID(it.EventID)
		if err != nil {
			return 0, err
		}
		if it.Target == "" {
			return 0, fmt.Errorf("store: enqueue event %s: empty target: %w", it.EventID, ErrInvalid)
		}
		ids[i] = id
	}
	var n int
	err := s.update(ctx, func(tx *bolt.Tx) error {
		n = 0
		out, due, seen := tx.Bucket(bucketOutbox), tx.Bucket(bucketOutboxDue), tx.Bucket(bucketOutboxSeen)
		now := s.now().UTC()
		for i, it := range items {
			sk := outboxSeenKey(it.Target, ids[i])
			if seen.Get(sk) != nil {
				continue
			}
			seq, err := out.NextSequence()
			if err != nil {
				return err
			}
			it.Seq, it.Queued = seq, now
			if it.NextAttempt.IsZero() {
				it.NextAttempt = now
			}
			if err := out.Put(seqKey(seq), encodeOutboxItem(it)); err != nil {
				return fmt.Errorf("put outbox item: %w", err)
			}
			if err := due.Put(dueKey(it.NextAttempt, seq), []byte{}); err != nil {
				return fmt.Errorf("put outbox due: %w", err)
			}
			if err := seen.Put(sk, binary.BigEndian.AppendUint64(nil, timeKey(now))); err != nil {
				return fmt.Errorf("put outbox seen: %w", err)
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: enqueue: %w", err)
	}
	return n, nil
}

// Due returns up to limit items whose NextAttempt is at or before t,
// earliest first.
func (s *Store) Due(ctx context.Context, t time.Time, limit int) ([]OutboxItem, error) {
	return s.outboxScan(ctx, func(next uint64) bool { return next <= timeKey(t) }, limit)
}

// Outbox returns every item still waiting, by NextAttempt (the queue as a
// whole, for status pages and tests).
func (s *Store) Outbox(ctx context.Context) ([]OutboxItem, error) {
	return s.outboxScan(ctx, func(uint64) bool { return true }, 0)
}

func (s *Store) outboxScan(ctx context.Context, keep func(next uint64) bool, limit int) ([]OutboxItem, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var items []OutboxItem
	err := s.view(func(tx *bolt.Tx) error {
		out, due := tx.Bucket(bucketOutbox), tx.Bucket(bucketOutboxDue)
		if out == nil || due == nil { // an older file opened read-only
			return nil
		}
		c := due.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) != timeLen+seqLen {
				return fmt.Errorf("outbox due key %x: %w", k, ErrCorrupt)
			}
			if !keep(binary.BigEndian.Uint64(k)) || (limit > 0 && len(items) == limit) {
				break
			}
			seq := binary.BigEndian.Uint64(k[timeLen:])
			rec := out.Get(seqKey(seq))
			if rec == nil {
				return fmt.Errorf("outbox item %d listed as due but absent: %w", seq, ErrCorrupt)
			}
			it, err := decodeOutboxItem(seq, rec)
			if err != nil {
				return err
			}
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return items, nil
}

// Delivered removes item seq from the outbox. ErrNotFound when it is not
// there (delivered already).
func (s *Store) Delivered(ctx context.Context, seq uint64) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		out := tx.Bucket(bucketOutbox)
		rec := out.Get(seqKey(seq))
		if rec == nil {
			return fmt.Errorf("outbox item %d: %w", seq, ErrNotFound)
		}
		it, err := decodeOutboxItem(seq, rec)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketOutboxDue).Delete(dueKey(it.NextAttempt, seq)); err != nil {
			return err
		}
		return out.Delete(seqKey(seq))
	})
	if err != nil {
		return fmt.Errorf("store: delivered: %w", err)
	}
	return nil
}

// Postpone records a failed attempt at item seq: its attempt count, when
// to try again, and why it failed. ErrNotFound when it is not there.
func (s *Store) Postpone(ctx context.Context, seq uint64, attempts int, next time.Time, lastError string) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		out, due := tx.Bucket(bucketOutbox), tx.Bucket(bucketOutboxDue)
		rec := out.Get(seqKey(seq))
		if rec == nil {
			return fmt.Errorf("outbox item %d: %w", seq, ErrNotFound)
		}
		it, err := decodeOutboxItem(seq, rec)
		if err != nil {
			return err
		}
		if err := due.Delete(dueKey(it.NextAttempt, seq)); err != nil {
			return err
		}
		it.Attempts, it.NextAttempt, it.LastError = attempts, next.UTC(), lastError
		if err := out.Put(seqKey(seq), encodeOutboxItem(it)); err != nil {
			return err
		}
		return due.Put(dueKey(it.NextAttempt, seq), []byte{})
	})
	if err != nil {
		return fmt.Errorf("store: postpone: %w", err)
	}
	return nil
}

func encodeOutboxItem(it OutboxItem) []byte {
	e := newEncoder(64 + len(it.Target) + len(it.Body) + len(it.LastError))
	e.string(it.Target)
	e.string(it.EventID)
	e.bytes(it.Body)
	e.uint(uint64(it.Attempts))
	e.int(it.NextAttempt.UnixNano())
	e.string(it.LastError)
	e.int(it.Queued.UnixNano())
	return e.b
}

func decodeOutboxItem(seq uint64, rec []byte) (OutboxItem, error) {
	d := newDecoder(rec, "outbox item")
	it := OutboxItem{Seq: seq}
	it.Target = d.string("target")
	it.EventID = d.string("event_id")
	it.Body = bytes.Clone(d.bytes("body"))
	it.Attempts = int(d.uint("attempts"))
	it.NextAttempt = time.Unix(0, d.int("next_attempt")).UTC()
	it.LastError = d.string("last_error")
	it.Queued = time.Unix(0, d.int("queued")).UTC()
	if d.err != nil {
		return OutboxItem{}, fmt.Errorf("store: outbox item %d: %w", seq, d.err)
	}
	return it, nil
}

package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Event is a derived event as the store keeps it: the store indexes it by
// time and by scope and keeps Data (the caller's JSON) as given. The
// store neither derives events nor reads Data.
type Event struct {
	// ID is 32 lower-case hex digits (16 bytes), chosen by the caller; the
	// same event derived again must carry the same ID.
	ID   string
	Time time.Time
	// Scope names the set the event belongs to (a report id, "deadlines"):
	// ReplaceEvents swaps one scope's set at a time.
	Scope string
	Data  []byte
}

// EventQuery selects events for Events. The zero value lists every
// event, oldest first.
type EventQuery struct {
	// Since and Before bound Time: Since ≤ Time < Before; zero is unbounded.
	Since, Before time.Time
	// Newest lists the latest events first.
	Newest bool
	// Match, when set, keeps only the events for which it returns true; it
	// runs inside the read transaction and must not keep Data.
	Match func(Event) bool
	// Limit caps the result; zero means no cap.
	Limit int
	// After, when set (its ID non-empty), continues a listing strictly
	// after that event in the listing's order: older than it when Newest,
	// newer otherwise. Events sharing its time are ordered by ID, so none
	// is skipped or repeated. ParseEventCursor gives it from a cursor.
	After EventPos
}

// EventPos is a point in the events' order: an event's time and ID.
type EventPos struct {
	Time time.Time
	ID   string
}

// EventCursor returns the opaque cursor that continues a listing right
// after e (see EventQuery.After and ParseEventCursor). ErrInvalid for a
// malformed event ID.
func EventCursor(e EventPos) (string, error) {
	id, err := parseEventID(e.ID)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(eventKey(e.Time, id)), nil
}

// ParseEventCursor reads a cursor EventCursor made. ErrInvalid for
// anything else.
func ParseEventCursor(cursor string) (EventPos, error) {
	k, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(k) != timeLen+eventIDLen || base64.RawURLEncoding.EncodeToString(k) != cursor {
		return EventPos{}, fmt.Errorf("store: event cursor %q: %w", cursor, ErrInvalid)
	}
	return EventPos{Time: timeFromKey(binary.BigEndian.Uint64(k)), ID: hex.EncodeToString(k[timeLen:])}, nil
}

// maxScope bounds a scope name, which is part of a key.
const maxScope = 1024

func parseEventID(id string) ([]byte, error) {
	b, err := hex.DecodeString(id)
	if err != nil || len(b) != eventIDLen || hex.EncodeToString(b) != id {
		return nil, fmt.Errorf("store: event id %q: %w", id, ErrInvalid)
	}
	return b, nil
}

func eventKey(t time.Time, id []byte) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, timeLen+eventIDLen), timeKey(t)), id...)
}

func scopeKey(scope string, id []byte) []byte {
	return append(append([]byte(scope), sep), id...)
}

// ScopeEvents is the whole set of events of one scope, for
// ReplaceEventScopes.
type ScopeEvents struct {
	Scope  string
	Mark   uint64
	Events []Event
}

// ReplaceEvents makes evs the whole set of events of scope and records
// mark (the caller's note of how far the scope was derived; EventMark
// returns it). Events of the scope that are not in evs are removed; those
// already stored with the same ID, time and data are left as they are. It
// returns the events that were not stored before (new IDs), in evs order.
// Errors: ErrInvalid for an empty scope, one over 1 KiB or with a NUL byte,
// an event of another scope, a malformed or repeated ID.
func (s *Store) ReplaceEvents(ctx context.Context, scope string, mark uint64, evs []Event) ([]Event, error) {
	return s.ReplaceEventScopes(ctx, []ScopeEvents{{Scope: scope, Mark: mark, Events: evs}})
}

// ReplaceEventScopes is ReplaceEvents for several scopes in one
// transaction (one commit for a whole derivation pass's worth of
// reports). The added events come in scopes order, then evs order.
func (s *Store) ReplaceEventScopes(ctx context.Context, sets []ScopeEvents) (added []Event, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ids := make([][][]byte, len(sets))
	for j, set := range sets {
		scope := set.Scope
		if scope == "" || len(scope) > maxScope || strings.IndexByte(scope, sep) >= 0 {
			return nil, fmt.Errorf("store: replace events of scope %q: %w", scope, ErrInvalid)
		}
		ids[j] = make([][]byte, len(set.Events))
		seen := make(map[string]bool, len(set.Events))
		for i, e := range set.Events {
			id, err := parseEventID(e.ID)
			if err != nil {
				return nil, err
			}
			if e.Scope != scope || seen[e.ID] {
				return nil, fmt.Errorf("store: replace events of scope %q: event %s (scope %q, repeated %v): %w", scope, e.ID, e.Scope, seen[e.ID], ErrInvalid)
			}
			seen[e.ID] = true
			ids[j][i] = id
		}
	}
	err = s.update(ctx, func(tx *bolt.Tx) error {
		added = added[:0]
		for j, set := range sets {
			a, err := replaceScope(tx, set, ids[j])
			if err != nil {
				return fmt.Errorf("scope %q: %w", set.Scope, err)
			}
			added = append(added, a...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: replace events: %w", err)
	}
	return added, nil
}

// replaceScope swaps one scope's events inside tx.
func replaceScope(tx *bolt.Tx, set ScopeEvents, ids [][]byte) ([]Event, error) {
	var added []Event
	events, scopes := tx.Bucket(bucketEvents), tx.Bucket(bucketEventScope)
	old := map[string]uint64{} // id → time key of the scope's stored events
	prefix := append([]byte(set.Scope), sep)
	c := scopes.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != len(prefix)+eventIDLen || len(v) != timeLen {
			return nil, fmt.Errorf("event scope key %x: %w", k, ErrCorrupt)
		}
		old[string(k[len(prefix):])] = binary.BigEndian.Uint64(v)
	}
	for i, e := range set.Events {
		rec := encodeEvent(e)
		key := eventKey(e.Time, ids[i])
		if t, ok := old[string(ids[i])]; ok {
			delete(old, string(ids[i]))
			if t == timeKey(e.Time) && bytes.Equal(events.Get(key), rec) {
				continue
			}
			if err := events.Delete(append(binary.BigEndian.AppendUint64(nil, t), ids[i]...)); err != nil {
				return nil, err
			}
		} else {
			added = append(added, e)
		}
		if err := events.Put(key, rec); err != nil {
			return nil, fmt.Errorf("put event %s: %w", e.ID, err)
		}
		if err := scopes.Put(scopeKey(set.Scope, ids[i]), binary.BigEndian.AppendUint64(nil, timeKey(e.Time))); err != nil {
			return nil, fmt.Errorf("put event scope %s: %w", e.ID, err)
		}
	}
	for id, t := range old {
		if err := events.Delete(append(binary.BigEndian.AppendUint64(nil, t), id...)); err != nil {
			return nil, err
		}
		if err := scopes.Delete(scopeKey(set.Scope, []byte(id))); err != nil {
			return nil, err
		}
	}
	return added, tx.Bucket(bucketEventMark).Put([]byte(set.Scope), binary.BigEndian.AppendUint64(nil, set.Mark))
}

// EventMark returns the mark last recorded for scope by ReplaceEvents;
// ok is false when the scope was never derived.
func (s *Store) EventMark(ctx context.Context, scope string) (mark uint64, ok bool, err error) {
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEventMark)
		if b == nil { // an older file opened read-only
			return nil
		}
		if v := b.Get([]byte(scope)); len(v) == timeLen {
			mark, ok = binary.BigEndian.Uint64(v), true
		}
		return nil
	})
	return mark, ok, err
}

// EventCount returns how many events the store holds.
func (s *Store) EventCount(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketEvents); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// Events returns the events that q selects, in time order (ties by ID),
// oldest first unless q.Newest. Data is a copy the caller owns.
func (s *Store) Events(ctx context.Context, q EventQuery) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var after []byte
	if q.After.ID != "" {
		id, err := parseEventID(q.After.ID)
		if err != nil {
			return nil, fmt.Errorf("store: events after: %w", err)
		}
		after = eventKey(q.After.Time, id)
	}
	var out []Event
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil { // an older file opened read-only: no events yet
			return nil
		}
		c := b.Cursor()
		var k, v []byte
		step := c.Next
		if q.Newest {
			// Start at the last key below hi, the tighter of Before (every
			// key of an earlier time sorts below its 8-byte prefix) and After.
			var hi []byte
			if !q.Before.IsZero() {
				hi = binary.BigEndian.AppendUint64(nil, timeKey(q.Before))
			}
			if after != nil && (hi == nil || bytes.Compare(after, hi) < 0) {
				hi = after
			}
			if hi == nil {
				k, v = c.Last()
			} else {
				if k, v = c.Seek(hi); k == nil {
					k, v = c.Last()
				}
				for k != nil && bytes.Compare(k, hi) >= 0 {
					k, v = c.Prev()
				}
			}
			step = c.Prev
		} else {
			var lo []byte
			if !q.Since.IsZero() {
				lo = binary.BigEndian.AppendUint64(nil, timeKey(q.Since))
			}
			if after != nil && bytes.Compare(after, lo) >= 0 {
				lo = after
			}
			if lo == nil {
				k, v = c.First()
			} else if k, v = c.Seek(lo); after != nil && bytes.Equal(k, after) {
				k, v = c.Next()
			}
		}
		for ; k != nil; k, v = step() {
			if len(k) != timeLen+eventIDLen {
				return fmt.Errorf("event key %x: %w", k, ErrCorrupt)
			}
			t := binary.BigEndian.Uint64(k)
			if q.Newest && !q.Since.IsZero() && t < timeKey(q.Since) {
				break
			}
			if !q.Newest && !q.Before.IsZero() && t >= timeKey(q.Before) {
				break
			}
			e, err := decodeEvent(k, v)
			if err != nil {
				return err
			}
			if q.Match != nil && !q.Match(e) {
				continue
			}
			e.Data = bytes.Clone(e.Data)
			out = append(out, e)
			if q.Limit > 0 && len(out) == q.Limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	return out, nil
}

func encodeEvent(e Event) []byte {
	enc := newEncoder(16 + len(e.Scope) + len(e.Data))
	enc.string(e.Scope)
	enc.bytes(e.Data)
	return enc.b
}

// decodeEvent reads an event; Data points into rec.
func decodeEvent(k, rec []byte) (Event, error) {
	d := newDecoder(rec, "event")
	e := Event{ID: hex.EncodeToString(k[timeLen:]), Time: timeFromKey(binary.BigEndian.Uint64(k))}
	e.Scope = d.string("scope")
	e.Data = d.bytes("data")
	if d.err != nil {
		return Event{}, fmt.Errorf("store: event %s: %w", e.ID, d.err)
	}
	return e, nil
}

package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func evID(n int) string { return fmt.Sprintf("%032x", n) }

func TestReplaceEvents(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	ev := func(n int, scope string, at time.Duration, data string) Event {
		return Event{ID: evID(n), Time: t0.Add(at), Scope: scope, Data: []byte(data)}
	}
	added, err := s.ReplaceEvents(ctx, "r1", 7, []Event{ev(1, "r1", 0, "a"), ev(2, "r1", time.Hour, "b")})
	if err != nil || len(added) != 2 {
		t.Fatalf("first ReplaceEvents = %d added, %v; want 2", len(added), err)
	}
	if _, err := s.ReplaceEvents(ctx, "r2", 1, []Event{ev(3, "r2", 30*time.Minute, "c")}); err != nil {
		t.Fatal(err)
	}
	// Deriving r1 again: 1 unchanged, 2 gone, 4 new.
	added, err = s.ReplaceEvents(ctx, "r1", 9, []Event{ev(1, "r1", 0, "a"), ev(4, "r1", 2*time.Hour, "d")})
	if err != nil || len(added) != 1 || added[0].ID != evID(4) {
		t.Fatalf("second ReplaceEvents = %v, %v; want only event 4 added", added, err)
	}
	ids := func(q EventQuery) []string {
		t.Helper()
		evs, err := s.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range evs {
			out = append(out, e.ID[31:]+":"+string(e.Data))
		}
		return out
	}
	for _, tt := range []struct {
		name string
		q    EventQuery
		want []string
	}{
		{"all, oldest first", EventQuery{}, []string{"1:a", "3:c", "4:d"}},
		{"newest first", EventQuery{Newest: true}, []string{"4:d", "3:c", "1:a"}},
		{"since", EventQuery{Since: t0.Add(time.Minute)}, []string{"3:c", "4:d"}},
		{"before, newest first", EventQuery{Before: t0.Add(2 * time.Hour), Newest: true}, []string{"3:c", "1:a"}},
		{"since and before", EventQuery{Since: t0.Add(time.Minute), Before: t0.Add(2 * time.Hour)}, []string{"3:c"}},
		{"match and limit", EventQuery{Newest: true, Limit: 1, Match: func(e Event) bool { return e.Scope == "r1" }}, []string{"4:d"}},
	} {
		if got := ids(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Events = %q, want %q", tt.name, got, tt.want)
		}
	}
	if m, ok, err := s.EventMark(ctx, "r1"); m != 9 || !ok || err != nil {
		t.Errorf("EventMark(r1) = %d, %v, %v; want 9, true", m, ok, err)
	}
	if _, ok, _ := s.EventMark(ctx, "r9"); ok {
		t.Error("EventMark(r9) found a mark for a scope never derived")
	}
	if n, _ := s.EventCount(ctx); n != 3 {
		t.Errorf("EventCount = %d, want 3", n)
	}
	for _, bad := range [][]Event{{ev(5, "r2", 0, "")}, {{ID: "xyz", Scope: "r1"}}, {ev(6, "r1", 0, ""), ev(6, "r1", 0, "")}} {
		if _, err := s.ReplaceEvents(ctx, "r1", 0, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ReplaceEvents(%v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestOutbox(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	items := []OutboxItem{
		{Target: "http://a/", EventID: evID(1), Body: []byte("one")},
		{Target: "http://a/", EventID: evID(2), Body: []byte("two")},
		{Target: "http://b/", EventID: evID(1), Body: []byte("one")},
	}
	if n, err := s.Enqueue(ctx, items); n != 3 || err != nil {
		t.Fatalf("Enqueue = %d, %v; want 3", n, err)
	}
	due, err := s.Due(ctx, t0, 0)
	if err != nil || len(due) != 3 || string(due[1].Body) != "two" || !due[0].Queued.Equal(t0) {
		t.Fatalf("Due = %+v, %v; want the 3 items in order, queued at t0", due, err)
	}
	if err := s.Postpone(ctx, due[0].Seq, 1, t0.Add(time.Minute), "http 500"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delivered(ctx, due[1].Seq); err != nil {
		t.Fatal(err)
	}
	if err := s.Delivered(ctx, due[1].Seq); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delivered twice = %v, want ErrNotFound", err)
	}
	// Queuing the same pairs again adds nothing, delivered or pending.
	if n, err := s.Enqueue(ctx, items); n != 0 || err != nil {
		t.Errorf("Enqueue again = %d, %v; want 0", n, err)
	}
	due, _ = s.Due(ctx, t0, 0)
	if len(due) != 1 || due[0].Target != "http://b/" {
		t.Errorf("Due(t0) after postponing one = %+v, want only b's", due)
	}
	all, _ := s.Outbox(ctx)
	if len(all) != 2 || all[1].Attempts != 1 || all[1].LastError != "http 500" || !all[1].NextAttempt.Equal(t0.Add(time.Minute)) {
		t.Errorf("Outbox = %+v, want b's item then a's postponed one (1 attempt, http 500, t0+1m)", all)
	}
}

// An archive written before the event and outbox buckets existed gains
// them at Open and keeps its versions.
func TestOpenAddsEventBuckets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{NoSync: true, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	v := MustRecord(t, s, Fetch{URL: "http://x/a", Status: 200, Body: []byte("hello"), FetchedAt: t0})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range addedBuckets {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open of a file without event buckets = %v", err)
	}
	evs, err1 := ro.Events(context.Background(), EventQuery{})
	items, err2 := ro.Outbox(context.Background())
	_, ok, err3 := ro.EventMark(context.Background(), "r1")
	if len(evs) != 0 || len(items) != 0 || ok || err1 != nil || err2 != nil || err3 != nil {
		t.Errorf("read-only reads of an older file = %v %v %v (%v %v %v); want nothing, no error", evs, items, ok, err1, err2, err3)
	}
	ro.Close()
	s2 := MustOpenAt(t, path)
	if got, err := s2.Version(context.Background(), v.ID); err != nil || got.SHA256 != v.SHA256 {
		t.Errorf("Version(%s) after reopening = %+v, %v; want the recorded version", v.ID, got, err)
	}
	if _, err := s2.Enqueue(context.Background(), []OutboxItem{{Target: "http://a/", EventID: evID(1)}}); err != nil {
		t.Errorf("Enqueue on a reopened old archive = %v", err)
	}
}

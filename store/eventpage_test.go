package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// TestEventsAfterPages pages through events that share timestamps with
// After set from each page's last event: every event comes exactly once,
// in order, whatever the page size, direction and bounds.
func TestEventsAfterPages(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	// 3 timestamps × 4 events each, IDs shuffled against time.
	var evs []Event
	for i := range 12 {
		evs = append(evs, Event{ID: evID(100 - i*7), Time: t0.Add(time.Duration(i%3) * time.Hour), Scope: "s", Data: []byte{byte(i)}})
	}
	if _, err := s.ReplaceEvents(ctx, "s", 1, evs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		q    EventQuery
	}{
		{"newest first", EventQuery{Newest: true}},
		{"oldest first", EventQuery{}},
		{"newest first, since the second hour", EventQuery{Newest: true, Since: t0.Add(time.Hour)}},
		{"newest first, before the last hour", EventQuery{Newest: true, Before: t0.Add(2 * time.Hour)}},
		{"oldest first, since the second hour", EventQuery{Since: t0.Add(time.Hour)}},
		{"newest first, odd data only", EventQuery{Newest: true, Match: func(e Event) bool { return e.Data[0]%2 == 1 }}},
	} {
		want, err := s.Events(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 2, 3, 5} {
			var got []Event
			q := tt.q
			q.Limit = size
			for pages := 0; ; pages++ {
				if pages > len(evs) {
					t.Fatalf("%s, pages of %d: no end after %d pages", tt.name, size, pages)
				}
				page, err := s.Events(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, page...)
				if len(page) < size {
					break
				}
				last := page[len(page)-1]
				cur, err := EventCursor(EventPos{Time: last.Time, ID: last.ID})
				if err != nil {
					t.Fatal(err)
				}
				if q.After, err = ParseEventCursor(cur); err != nil {
					t.Fatalf("ParseEventCursor(EventCursor(…)) = %v", err)
				}
			}
			if !slices.EqualFunc(got, want, func(a, b Event) bool { return a.ID == b.ID && a.Time.Equal(b.Time) }) {
				t.Errorf("%s, pages of %d: got %v, want %v", tt.name, size, eventIDs(got), eventIDs(want))
			}
		}
	}
	all, _ := s.Events(ctx, EventQuery{Newest: true})
	if len(all) != len(evs) {
		t.Fatalf("Events = %d events, want %d", len(all), len(evs))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Time.Before(b.Time) || (a.Time.Equal(b.Time) && a.ID < b.ID) {
			t.Errorf("newest first: %s@%s before %s@%s", a.ID, a.Time, b.ID, b.Time)
		}
	}
}

func eventIDs(evs []Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID[29:] + "@" + e.Time.Format("15:04")
	}
	return out
}

func TestParseEventCursorRejects(t *testing.T) {
	good, err := EventCursor(EventPos{Time: t0, ID: evID(1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"", "x", "!!!!", good[:len(good)-1], good + "A", good + "=", "AAAA"} {
		if _, err := ParseEventCursor(c); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseEventCursor(%q) = %v, want ErrInvalid", c, err)
		}
	}
	if _, err := EventCursor(EventPos{Time: t0, ID: "nothex"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("EventCursor(bad id) = %v, want ErrInvalid", err)
	}
	if _, err := MustOpen(t).Events(context.Background(), EventQuery{After: EventPos{ID: "nothex"}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Events(After bad id) = %v, want ErrInvalid", err)
	}
}

// FuzzEventCursor: a cursor is either rejected with ErrInvalid or read
// back to the position that gives the very same cursor.
func FuzzEventCursor(f *testing.F) {
	good, err := EventCursor(EventPos{Time: t0, ID: evID(1)})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{good, "", "AAAA", good + "=", "not a cursor"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pos, err := ParseEventCursor(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseEventCursor(%q) = %v, not ErrInvalid", s, err)
			}
			return
		}
		back, err := EventCursor(pos)
		if err != nil || back != s {
			t.Fatalf("EventCursor(ParseEventCursor(%q)) = %q, %v", s, back, err)
		}
	})
}

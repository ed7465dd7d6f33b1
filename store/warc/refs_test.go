package warc

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/store"
)

// A revisit whose response fell out of the bounded cache is resolved from
// the store, to the latest new version of its URL before it.
func TestRefCacheMissReadsTheStore(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rec := func(u string, h int, body string) store.Version {
		v, err := s.Record(ctx, store.Fetch{URL: u, FetchedAt: t0.Add(time.Duration(h) * time.Hour), Status: 200, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rec("http://a.test/", 0, "one")
	a2 := rec("http://a.test/", 1, "two")
	b := rec("http://b.test/", 2, "bee")
	revisit := rec("http://a.test/", 3, "two")

	c := newRefCache(s, 1)
	c.put(a2)
	c.put(b) // the cache holds one URL: a.test's response is dropped
	if _, ok := c.last[a2.URL]; ok {
		t.Fatal("cache kept more than its bound")
	}
	ref, err := c.lookup(ctx, revisit)
	if err != nil || ref.ID != a2.ID {
		t.Errorf("lookup(revisit) = %s, %v; want version %s", ref.ID, err, a2.ID)
	}
	orphan := revisit
	orphan.SHA256 = b.SHA256 // no earlier new version of a.test holds this body
	if _, err := c.lookup(ctx, orphan); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("lookup(orphan) = %v, want ErrCorrupt", err)
	}
}

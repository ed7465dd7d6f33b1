package warc

import (
	"context"
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/store"
)

// refCacheSize bounds the cache of the last response per URL: at most this
// many versions (a few hundred bytes each) are held.
const refCacheSize = 4096

// refCache finds the response a revisit refers to: the URL's latest new
// version recorded before the revisit. Responses written by this export
// are remembered per URL; when the cache is full it starts over, and a
// miss reads the URL's versions from the store.
type refCache struct {
	s    *store.Store
	max  int
	last map[string]store.Version // URL → its latest new version seen
}

func newRefCache(s *store.Store, max int) *refCache {
	return &refCache{s: s, max: max, last: make(map[string]store.Version)}
}

// put remembers v, a new version just written.
func (c *refCache) put(v store.Version) {
	if _, ok := c.last[v.URL]; !ok && len(c.last) >= c.max {
		clear(c.last)
	}
	c.last[v.URL] = v
}

// lookup returns the new version whose body v revisits. It wraps
// store.ErrCorrupt when the archive has none (its versions disagree).
func (c *refCache) lookup(ctx context.Context, v store.Version) (store.Version, error) {
	if ref, ok := c.last[v.URL]; ok && ref.SHA256 == v.SHA256 && before(ref, v) {
		return ref, nil
	}
	vs, err := c.s.Versions(ctx, v.URL)
	if err != nil {
		return store.Version{}, fmt.Errorf("versions of %s: %w", v.URL, err)
	}
	var ref store.Version
	found := false
	for _, o := range vs {
		if o.Outcome == store.OutcomeNew && before(o, v) && (!found || before(ref, o)) {
			ref, found = o, true
		}
	}
	if !found || ref.SHA256 != v.SHA256 {
		return store.Version{}, fmt.Errorf("version %s of %s: no earlier new version holds body %s: %w",
			v.ID, v.URL, v.SHA256, store.ErrCorrupt)
	}
	c.put(ref)
	return ref, nil
}

// before reports whether a was recorded before b (version ids grow).
func before(a, b store.Version) bool {
	x, errA := strconv.ParseUint(a.ID, 10, 64)
	y, errB := strconv.ParseUint(b.ID, 10, 64)
	return errA == nil && errB == nil && x < y
}

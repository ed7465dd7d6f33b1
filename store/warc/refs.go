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

// refCache finds the response a revisit refers to: the request's latest
// new version recorded before the revisit (a request is the URL, and for
// a POST also its method and body: the pages of a POST list API share one
// URL). Responses written by this export are remembered per request; when
// the cache is full it starts over, and a miss reads the request's
// versions from the store.
type refCache struct {
	s    *store.Store
	max  int
	last map[string]store.Version // request → its latest new version seen
}

// requestOf names the request that produced v.
func requestOf(v store.Version) string {
	if v.Method == "" {
		return v.URL
	}
	return v.URL + "\x00" + v.Method + "\x00" + string(v.RequestBody)
}

func newRefCache(s *store.Store, max int) *refCache {
	return &refCache{s: s, max: max, last: make(map[string]store.Version)}
}

// put remembers v, a new version just written.
func (c *refCache) put(v store.Version) {
	k := requestOf(v)
	if _, ok := c.last[k]; !ok && len(c.last) >= c.max {
		clear(c.last)
	}
	c.last[k] = v
}

// lookup returns the new version whose body v revisits. It wraps
// store.ErrCorrupt when the archive has none (its versions disagree).
func (c *refCache) lookup(ctx context.Context, v store.Version) (store.Version, error) {
	if ref, ok := c.last[requestOf(v)]; ok && ref.SHA256 == v.SHA256 && before(ref, v) {
		return ref, nil
	}
	vs, err := c.s.RequestVersions(ctx, v.URL, v.Method, v.RequestBody)
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

package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxCrawlDelay caps a robots.txt Crawl-delay: a site asking for more than a
// minute between requests still gets one request a minute.
const maxCrawlDelay = 60 * time.Second

// robotsTTL is how long a robots.txt is trusted before it is fetched again.
const robotsTTL = 24 * time.Hour

// robotsFailTTL is how long an unreachable robots.txt is remembered as
// "allow everything" before trying again.
const robotsFailTTL = time.Hour

// robotsCache holds parsed robots.txt per scheme://host for a day. colly's
// own robots support caches forever and ignores Crawl-delay, so the crawler
// keeps this instead (github.com/temoto/robotstxt parses).
type robotsCache struct {
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	ready   chan struct{} // closed when data is set or the load failed
	data    *robotstxt.RobotsData
	expires time.Time // zero while loading
	failed  bool      // the loader was cancelled; the entry is gone
}

func newRobotsCache(now func() time.Time) *robotsCache {
	return &robotsCache{now: now, entries: make(map[string]*robotsEntry)}
}

// robotsFetch fetches one robots.txt; it is the crawler's polite fetcher.
type robotsFetch func(ctx context.Context, u string) (status int, body []byte, err error)

// rules returns the robots.txt of u's host, fetching it when absent or older
// than a day. One fetch per host is in flight at a time; a fetch cut short
// by its caller's cancellation is not remembered.
func (c *robotsCache) rules(ctx context.Context, u *url.URL, fetch robotsFetch) (*robotstxt.RobotsData, error) {
	key := u.Scheme + "://" + u.Host
	for {
		e, owner := c.entry(key)
		if owner {
			data, ttl := loadRobots(ctx, key+"/robots.txt", fetch)
			c.mu.Lock()
			if ctx.Err() != nil {
				e.failed = true
				delete(c.entries, key)
			} else {
				e.data, e.expires = data, c.now().Add(ttl)
			}
			c.mu.Unlock()
			close(e.ready)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return data, nil
		}
		select {
		case <-e.ready:
			if !e.failed {
				return e.data, nil
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// entry returns the cache entry for key and whether the caller must load it
// (a fresh entry). Expired entries are dropped on the way.
func (c *robotsCache) entry(key string) (*robotsEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if e := c.entries[key]; e != nil && (e.expires.IsZero() || now.Before(e.expires)) {
		return e, false // loading (zero expiry) or fresh
	}
	for k, old := range c.entries {
		if !old.expires.IsZero() && now.After(old.expires) {
			delete(c.entries, k)
		}
	}
	e := &robotsEntry{ready: make(chan struct{})}
	c.entries[key] = e
	return e, true
}

// loadRobots fetches and parses robots.txt. A 4xx means no rules; a 5xx or a
// network failure is treated as "no rules" too but remembered only for an
// hour (see doc.go: refusing a whole portal because its robots.txt breaks
// would lose reports, and each page's own failure is still archived).
func loadRobots(ctx context.Context, u string, fetch robotsFetch) (*robotstxt.RobotsData, time.Duration) {
	status, body, err := fetch(ctx, u)
	if err != nil || status >= 500 || status == 0 {
		data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		return data, robotsFailTTL
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	return data, robotsTTL
}

// robotsVerdict says whether agent may fetch u and how long to wait between
// requests to its host according to Crawl-delay (capped).
func robotsVerdict(data *robotstxt.RobotsData, u *url.URL, agent string) (bool, time.Duration) {
	if data == nil {
		return true, 0
	}
	g := data.FindGroup(agent)
	if g == nil {
		return true, 0
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return g.Test(p), min(g.CrawlDelay, maxCrawlDelay)
}

// readRobots reads a robots.txt body under a small cap.
func readRobots(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, 512<<10))
	if err != nil {
		return nil, fmt.Errorf("crawler: read robots.txt: %w", err)
	}
	return b, nil
}

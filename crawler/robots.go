package crawler

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxCrawlDelay caps a robots.txt Crawl-delay: a site asking for more than a
// minute between requests still gets one request a minute.
const maxCrawlDelay = 60 * time.Second

// robotsTTL is how long a robots.txt is trusted before it is fetched again.
const robotsTTL = 24 * time.Hour

// robotsFailTTL is how long an unreachable robots.txt is remembered (as
// "disallow everything", RFC 9309 §2.3.1.4) before it is tried again.
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
	ready   chan struct{} // closed when rules are set or the load failed
	rules   robotsRules
	expires time.Time // zero while loading
	failed  bool      // the loader was cancelled; the entry is gone
}

// robotsRules is a host's robots.txt as the crawler applies it.
type robotsRules struct {
	data *robotstxt.RobotsData // nil: no rules
	// unreachable: robots.txt answered 5xx or could not be fetched, so
	// nothing on the host may be fetched until it is tried again.
	unreachable bool
	cause       string // why it was unreachable: http_503, dns, timeout, reset …
}

// refusal is the failure reason of a page refused because robots.txt was
// unreachable. When robots.txt could not be fetched at all (dns, refused,
// reset, timeout, tls …) the page could not have been either, so the
// reason is that real cause; when the server answered robots.txt with a
// 5xx it is "robots_" and the status (robots_http_503): the host is up
// but left alone.
func (r robotsRules) refusal() string {
	if strings.HasPrefix(r.cause, "http_") {
		return "robots_" + r.cause
	}
	return r.cause
}

func newRobotsCache(now func() time.Time) *robotsCache {
	return &robotsCache{now: now, entries: make(map[string]*robotsEntry)}
}

// robotsFetch fetches one robots.txt; it is the crawler's polite fetcher.
type robotsFetch func(ctx context.Context, u string) (status int, body []byte, err error)

// rules returns the robots.txt of u's host, fetching it when absent or
// expired (after robotsTTL, or robotsFailTTL when it was unreachable). One
// fetch per host is in flight at a time; a fetch cut short by its caller's
// cancellation is not remembered. The error is ctx's, and only ctx's.
func (c *robotsCache) rules(ctx context.Context, u *url.URL, fetch robotsFetch) (robotsRules, error) {
	key := u.Scheme + "://" + u.Host
	for {
		e, owner := c.entry(key)
		if owner {
			rules, ttl := loadRobots(ctx, key+"/robots.txt", fetch)
			c.mu.Lock()
			if ctx.Err() != nil {
				e.failed = true
				delete(c.entries, key)
			} else {
				e.rules, e.expires = rules, c.now().Add(ttl)
			}
			c.mu.Unlock()
			close(e.ready)
			if err := ctx.Err(); err != nil {
				return robotsRules{}, err
			}
			return rules, nil
		}
		select {
		case <-e.ready:
			if !e.failed {
				return e.rules, nil
			}
		case <-ctx.Done():
			return robotsRules{}, ctx.Err()
		}
	}
}

// forgetBlocked drops the entries of hosts whose robots.txt the address
// guard refused to fetch, so that a host named since (a reload, a portal
// run) is asked again at once instead of after robotsFailTTL.
func (c *robotsCache) forgetBlocked() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if !e.expires.IsZero() && strings.HasPrefix(e.rules.cause, blockedReasonPrefix) {
			delete(c.entries, k)
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

// loadRobots fetches and parses robots.txt. As RFC 9309 §2.3.1 asks, a 4xx
// means no rules, and a 5xx or a network failure means "disallow
// everything" — remembered for an hour only, so the next run tries again;
// each refused page is archived as failed with refusal's reason, e.g.
// robots_http_503 or dns. A body that does not parse counts as no
// rules.
func loadRobots(ctx context.Context, u string, fetch robotsFetch) (robotsRules, time.Duration) {
	status, body, err := fetch(ctx, u)
	switch {
	case err != nil:
		return robotsRules{unreachable: true, cause: errorReason(err, ctx)}, robotsFailTTL
	case status >= 500 || status == 0:
		return robotsRules{unreachable: true, cause: fmt.Sprintf("http_%d", status)}, robotsFailTTL
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		return robotsRules{}, robotsTTL
	}
	return robotsRules{data: data}, robotsTTL
}

// robotsVerdict says whether agent may fetch u and how long to wait between
// requests to its host according to Crawl-delay (capped).
func robotsVerdict(rules robotsRules, u *url.URL, agent string) (bool, time.Duration) {
	if rules.unreachable {
		return false, 0
	}
	if rules.data == nil {
		return true, 0
	}
	g := rules.data.FindGroup(agent)
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

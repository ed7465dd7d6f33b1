package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
)

// watchSource answers `events` and `compliance`: from the archive opened
// directly (events are derived first, so an archive no daemon has watched
// is backfilled), or from a running daemon's API when it holds the lock.
type watchSource interface {
	// events returns the events f selects, oldest first.
	events(ctx context.Context, f watch.Filter) ([]watch.Event, error)
	compliance(ctx context.Context, year int, region string) (watch.Compliance, error)
	Close() error
}

// openWatch opens the archive named by cf, or reads through the daemon:
// the one recorded beside the archive, or (the archive being locked) the
// one at the configured listen address.
func (c *cli) openWatch(ctx context.Context, cf commonFlags) (watchSource, error) {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	if base, _ := daemon.Find(ctx, cfg.Storage.Path); base != "" {
		c.readingThrough(base)
		return &apiWatch{apiReader: apiReader{daemonAPI: daemonAPI{base: base, token: cfg.HTTP.Token}}, page: c.eventsPage}, nil
	}
	svc, err := c.openService(cfg, c.quietLogger())
	if err == nil {
		return &localWatch{svc: svc, cfg: cfg, now: c.now, log: c.quietLogger()}, nil
	}
	d, err := c.daemonInstead(ctx, cfg, err)
	if err != nil {
		return nil, err
	}
	return &apiWatch{apiReader: apiReader{daemonAPI: d}, page: c.eventsPage}, nil
}

// localWatch is the archive opened directly.
type localWatch struct {
	svc     *service.Service
	cfg     *config.Config
	now     func() time.Time
	log     interface{ Warn(string, ...any) }
	derived bool
}

func (l *localWatch) reader() *watch.Reader {
	return watch.NewReader(l.svc.Store(), l.svc.Simplify, func() []config.Portal { return l.cfg.Portals }, l.now)
}

func (l *localWatch) events(ctx context.Context, f watch.Filter) ([]watch.Event, error) {
	if !l.derived {
		d := watch.NewDeriver(l.svc.Store(), l.svc, l.svc.Simplify, nil)
		res, err := d.Derive(ctx, l.cfg.Portals, l.now())
		if err != nil {
			return nil, err
		}
		if res.Failed > 0 {
			l.log.Warn("events of some reports could not be derived (their versions do not extract); they are left out", "reports", res.Failed)
		}
		l.derived = true
	}
	return l.reader().Events(ctx, f)
}

func (l *localWatch) compliance(ctx context.Context, year int, region string) (watch.Compliance, error) {
	return l.reader().Compliance(ctx, year, region)
}

func (l *localWatch) Close() error { return l.svc.Close() }

// apiWatch reads through a running daemon's API.
type apiWatch struct {
	apiReader
	page int // events asked per request; 0 for httpx.MaxLimit
}

func (a *apiWatch) pageSize() int {
	if a.page > 0 {
		return a.page
	}
	return httpx.MaxLimit
}

// events follows the API's pages (newest first) until it has no next,
// so the daemon lists every event the filter selects, as the archive
// read directly does.
func (a *apiWatch) events(ctx context.Context, f watch.Filter) ([]watch.Event, error) {
	q := url.Values{"limit": {strconv.Itoa(a.pageSize())}}
	for k, v := range map[string]string{"agency": f.Agency, "region": f.Region, "kind": string(f.Kind)} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Year != 0 {
		q.Set("year", strconv.Itoa(f.Year))
	}
	if !f.Since.IsZero() {
		q.Set("since", f.Since.UTC().Format(time.RFC3339))
	}
	var all []watch.Event
	for pages := 1; ; pages++ {
		body, err := a.read(ctx, "/api/v1/events", q)
		if err != nil {
			return nil, err
		}
		var page struct {
			Items []watch.Event
			Next  string
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("daemon at %s: events page %d: %w", a.base, pages, err)
		}
		all = append(all, page.Items...)
		if page.Next == "" {
			break
		}
		if page.Next == q.Get("cursor") || len(page.Items) == 0 {
			return nil, fmt.Errorf("daemon at %s: events page %d: next %q does not move on", a.base, pages, page.Next)
		}
		q.Set("cursor", page.Next)
	}
	slices.Reverse(all) // the API lists newest first
	return all, nil
}

func (a *apiWatch) compliance(ctx context.Context, year int, region string) (watch.Compliance, error) {
	q := url.Values{"year": {strconv.Itoa(year)}}
	if region != "" {
		q.Set("region", region)
	}
	body, err := a.read(ctx, "/api/v1/compliance", q)
	if err != nil {
		return watch.Compliance{}, err
	}
	var c watch.Compliance
	if err := json.Unmarshal(body, &c); err != nil {
		return watch.Compliance{}, fmt.Errorf("daemon at %s: compliance: %w", a.base, err)
	}
	return c, nil
}

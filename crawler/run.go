package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// settingsFor is p's crawl settings; those left unset (zero) — user
// agent, parallelism, timeout, page and body limits — take the values of
// config.DefaultCrawl, the one set of defaults. Zero delay, retries,
// robots and attachments are settings, not omissions.
func settingsFor(p config.Portal) settings {
	c, d := p.Crawl, config.DefaultCrawl()
	s := settings{
		userAgent: c.UserAgent, delay: c.Delay, parallelism: c.Parallelism, timeout: c.Timeout,
		maxBody: c.MaxBody, retries: c.Retries, robots: c.Robots, maxPages: c.MaxPages,
		attachments: c.Attachments, charset: p.Charset,
	}
	if s.userAgent == "" {
		s.userAgent = d.UserAgent
	}
	if s.parallelism <= 0 {
		s.parallelism = d.Parallelism
	}
	if s.timeout <= 0 {
		s.timeout = d.Timeout
	}
	if s.maxPages <= 0 {
		s.maxPages = d.MaxPages
	}
	if s.maxBody <= 0 {
		s.maxBody = d.MaxBody
	}
	s.retries = max(s.retries, 0)
	return s
}

// Run crawls one portal once: the column page, every pagination page, the
// report links, each report page and (when enabled) its attachments. Every
// response or failure is archived; report pages the Classifier accepts are
// indexed. A run interrupted by ctx (or killed) leaves its frontier in the
// archive and the next Run of the portal continues from it.
//
// Run returns the finished run record. Its error is non-nil only when the
// run could not be carried out: a bad column URL or report_link, an archive
// failure, a cancelled ctx, or ErrRunning. Failed fetches are not errors.
func (c *Crawler) Run(ctx context.Context, p config.Portal) (store.Run, error) {
	column, err := url.Parse(p.Column)
	if err != nil || (column.Scheme != "http" && column.Scheme != "https") || column.Host == "" {
		return store.Run{Portal: p.Name}, fmt.Errorf("crawler: portal %s: column %q is not an http(s) URL", p.Name, p.Column)
	}
	rule, err := compileLinkRule(p.ReportLink)
	if err != nil {
		return store.Run{Portal: p.Name}, fmt.Errorf("crawler: portal %s: %w", p.Name, err)
	}
	if !c.claim(p.Name) {
		return store.Run{Portal: p.Name}, fmt.Errorf("crawler: run %s: %w", p.Name, ErrRunning)
	}
	defer c.unclaim(p.Name)
	defer c.guard.pin(p)()
	c.robots.forgetBlocked()

	prev, err := c.archive.LastRun(ctx, p.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.Run{Portal: p.Name}, fmt.Errorf("crawler: previous run of %s: %w", p.Name, err)
	}
	rec, err := c.archive.StartRun(ctx, p.Name)
	if err != nil {
		return store.Run{Portal: p.Name}, fmt.Errorf("crawler: start run of %s: %w", p.Name, err)
	}
	set := settingsFor(p)
	r := &run{
		cr: c, portal: p, set: set, rule: rule,
		hosts:     newHostSet(p.AllowedHosts, column),
		fetcher:   newFetcher(c, p.Name, set),
		inflight:  map[string]item{},
		seen:      map[string]bool{},
		prints:    map[string]bool{},
		rec:       rec,
		column:    column.String(),
		prev:      prev,
		reportURL: map[string]bool{},
		cov:       store.Coverage{Years: map[int]int{}},
	}
	r.fetcher.column, r.fetcher.hosts = r.column, r.hosts
	r.cond = sync.NewCond(&r.mu)
	if r.rec.Counts == nil {
		r.rec.Counts = map[store.Outcome]int{}
	}
	if r.rec.Failures == nil {
		r.rec.Failures = map[string]int{}
	}
	if err := r.seed(ctx, column.String()); err != nil {
		return r.finish(ctx, err)
	}
	r.work(ctx)
	return r.finish(ctx, ctx.Err())
}

// run is the state of one portal run.
type run struct {
	cr      *Crawler
	portal  config.Portal
	set     settings
	rule    *linkRule
	hosts   hostSet
	fetcher *fetcher

	mu       sync.Mutex
	cond     *sync.Cond
	queue    []item
	inflight map[string]item
	seen     map[string]bool // every key queued or done in this run
	done     []string        // keys finished (for the frontier)
	prints   map[string]bool // fingerprints of list pages (trap detection)
	fetched  int             // fetches counted against max_pages
	seeded   bool            // the frontier was read: saving it loses nothing
	capped   bool
	sinceSav int
	archErr  error
	rec      store.Run

	column    string          // the column URL as requested
	prev      store.Run       // the portal's run before this one (zero when none)
	resumed   bool            // this run continues an interrupted one
	cov       store.Coverage  // what the run saw (see coverage.go)
	reportURL map[string]bool // report links found, for Coverage.ReportLinks

	saveMu sync.Mutex
}

// seed queues the column page, or the frontier of an interrupted run.
func (r *run) seed(ctx context.Context, column string) error {
	pending, done, err := r.cr.archive.Frontier(ctx, r.portal.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("crawler: read frontier of %s: %w", r.portal.Name, err)
	}
	if len(pending) == 0 && len(done) == 0 {
		r.enqueue(item{url: column, kind: KindColumn})
		r.seeded = true
		return nil
	}
	r.cr.log.Info("resuming run", "portal", r.portal.Name, "pending", len(pending), "done", len(done))
	r.resumed = true
	for _, k := range done {
		r.seen[k] = true
		r.done = append(r.done, k)
	}
	for _, f := range pending {
		r.enqueue(itemFromFrontier(f))
	}
	r.seeded = true
	return nil
}

// enqueue adds it unless its request was already seen in this run or the
// page cap is reached. It takes r.mu; enqueueLocked is for callers that
// already hold it.
func (r *run) enqueue(it item) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.enqueueLocked(it)
}

func (r *run) enqueueLocked(it item) {
	k := it.key()
	if r.seen[k] {
		return
	}
	// List pages count against max_pages as soon as they are queued, so a
	// pagination trap cannot queue without end; reports and attachments only
	// once fetched, so the list pages queued ahead of them cannot crowd them
	// out (next fetches them first).
	budget := r.fetched
	if isListKind(it.kind) {
		budget += len(r.queue)
	}
	if budget >= r.set.maxPages {
		r.capLocked()
		return
	}
	r.seen[k] = true
	r.queue = append(r.queue, it)
	r.cond.Signal()
}

// capLocked notes that max_pages cut the run short, logging it once.
// r.mu must be held.
func (r *run) capLocked() {
	if !r.capped {
		r.capped = true
		r.cr.log.Warn("page cap reached", "portal", r.portal.Name, "max_pages", r.set.maxPages)
	}
}

// work runs the workers until the queue is drained or ctx ends. There are
// two workers per request a host may have in flight: while one archives
// and parses what it fetched, the other can already be fetching (the host
// limiter still allows no more than the configured parallelism and delay).
func (r *run) work(ctx context.Context) {
	n := min(2*r.set.parallelism*max(len(r.hosts), 1), r.cr.opts.MaxWorkers)
	stop := context.AfterFunc(ctx, func() {
		r.mu.Lock()
		r.cond.Broadcast()
		r.mu.Unlock()
	})
	defer stop()
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Go(func() {
			for {
				it, ok := r.next(ctx)
				if !ok {
					return
				}
				r.process(ctx, it)
			}
		})
	}
	wg.Wait()
}

// next takes the next item, waiting while others are in flight (they may
// add work). It returns false when the run is over or ctx ended.
func (r *run) next(ctx context.Context) (item, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.queue) == 0 && len(r.inflight) > 0 && ctx.Err() == nil && r.archErr == nil {
		r.cond.Wait()
	}
	if r.fetched >= r.set.maxPages && len(r.queue) > 0 {
		r.capLocked()
		r.queue = nil // beyond the cap: not fetched in this run
	}
	if len(r.queue) == 0 || ctx.Err() != nil || r.archErr != nil {
		r.cond.Broadcast()
		return item{}, false
	}
	// Reports and attachments before further list pages: what the list pages
	// fetched so far found is fetched first, so a column with endless paging
	// (a trap, or a Hanweb datastore claiming a million records) still yields
	// the reports of its real pages before max_pages is spent.
	i := 0
	for j, q := range r.queue {
		if !isListKind(q.kind) {
			i = j
			break
		}
	}
	it := r.queue[i]
	r.queue = append(r.queue[:i], r.queue[i+1:]...)
	r.inflight[it.key()] = it
	r.fetched++
	return it, true
}

// complete records it as done (or, when the run is cancelled, leaves it
// pending) and saves the frontier when due.
func (r *run) complete(ctx context.Context, it item, finished bool) {
	r.mu.Lock()
	delete(r.inflight, it.key())
	if finished {
		r.done = append(r.done, it.key())
		r.sinceSav++
	} else {
		r.queue = append(r.queue, it)
	}
	due := r.sinceSav >= r.cr.opts.FrontierEvery || (finished && isListKind(it.kind))
	p := r.progressLocked(false, it.url)
	r.cond.Broadcast()
	r.mu.Unlock()
	if due && ctx.Err() == nil {
		r.saveFrontier(ctx)
	}
	if r.cr.opts.Progress != nil {
		r.cr.opts.Progress(p)
	}
}

func (r *run) progressLocked(final bool, u string) Progress {
	failed := r.rec.Counts[store.OutcomeFailed]
	return Progress{
		Portal: r.portal.Name, Done: len(r.done), Queued: len(r.queue) + len(r.inflight),
		Reports: r.rec.Reports, Failed: failed, Final: final, URL: u,
	}
}

// saveFrontier writes the pending requests (queued and in flight) and the
// finished ones, so a killed run resumes without refetching finished pages.
func (r *run) saveFrontier(ctx context.Context) {
	r.saveMu.Lock()
	defer r.saveMu.Unlock()
	r.mu.Lock()
	pending := make([]store.FrontierItem, 0, len(r.queue)+len(r.inflight))
	for _, it := range r.inflight {
		pending = append(pending, it.frontier())
	}
	for _, it := range r.queue {
		pending = append(pending, it.frontier())
	}
	done := append([]string(nil), r.done...)
	r.sinceSav = 0
	r.mu.Unlock()
	if err := r.cr.archive.SaveFrontier(ctx, r.portal.Name, pending, done); err != nil {
		r.cr.log.Warn("save frontier", "portal", r.portal.Name, "error", err)
	}
}

// finish closes the run record: a completed run clears its frontier; an
// interrupted one saves it for the next start, unless the saved frontier
// could not even be read (writing this run's empty one would erase it).
func (r *run) finish(ctx context.Context, runErr error) (store.Run, error) {
	bg := context.WithoutCancel(ctx)
	r.mu.Lock()
	if runErr == nil && r.archErr != nil {
		runErr = r.archErr
	}
	r.mu.Unlock()
	result := "ok"
	switch {
	case runErr != nil && ctx.Err() != nil:
		result = "cancelled"
		if r.seeded {
			r.saveFrontier(bg)
		}
	case runErr != nil:
		result = "error"
		if r.seeded {
			r.saveFrontier(bg)
		}
	default:
		if err := r.cr.archive.ClearFrontier(bg, r.portal.Name); err != nil && !errors.Is(err, store.ErrNotFound) {
			runErr = fmt.Errorf("crawler: clear frontier of %s: %w", r.portal.Name, err)
			result = "error"
		}
	}
	r.mu.Lock()
	rec := r.rec
	rec.End = r.cr.now()
	if runErr != nil {
		rec.Error = runErr.Error()
	} else if r.capped {
		rec.Error = fmt.Sprintf("page cap of %d reached", r.set.maxPages)
	}
	rec.Coverage = r.coverageLocked(runErr == nil)
	p := r.progressLocked(true, "")
	r.mu.Unlock()
	if err := r.cr.archive.FinishRun(bg, rec); err != nil && runErr == nil {
		runErr = fmt.Errorf("crawler: finish run of %s: %w", r.portal.Name, err)
	}
	r.cr.metrics.ran(r.portal.Name, result)
	if r.cr.opts.Progress != nil {
		r.cr.opts.Progress(p)
	}
	r.cr.log.Info("run finished", "portal", r.portal.Name, "result", result, "counts", rec.Counts, "reports", rec.Reports)
	for _, f := range rec.Coverage.Flags {
		r.cr.log.Warn("portal needs attention", "portal", r.portal.Name, "flag", f.Kind, "why", f.Detail)
	}
	return rec, runErr
}

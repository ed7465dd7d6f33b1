package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
)

// crawlOptions are the flags of `nianbao crawl`.
type crawlOptions struct {
	commonFlags
	portals stringList // --portal: crawl only these
	jobs    int        // --jobs: portals crawled at once; 0: all selected, at most crawler.DefaultMaxRuns
}

// cmdCrawl parses `nianbao crawl`'s flags and runs it.
func cmdCrawl(c *cli, ctx context.Context, args []string) error {
	var o crawlOptions
	fs := c.newFlags("crawl", "crawl [-c FILE] [--db PATH] [--portal NAME]… [--jobs N]", &o.commonFlags)
	fs.Var(&o.portals, "portal", "crawl only portal `NAME` (repeatable)")
	fs.IntVar(&o.jobs, "jobs", 0, fmt.Sprintf("portals crawled at once; 0: every selected portal, at most %d, as the daemon runs them (politeness per host is kept either way)", crawler.DefaultMaxRuns))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.jobs < 0 {
		return usageError(fs, "--jobs must be 0 (as many as the daemon runs) or more")
	}
	return runCrawl(c, ctx, o)
}

// runCrawl crawls the named portals (all by default) now and prints a
// summary. It succeeds when every run completed, even if pages failed (they
// are recorded in the archive); it fails when a portal could not be run.
func runCrawl(c *cli, ctx context.Context, o crawlOptions) error {
	cfg, err := c.loadConfig(o.commonFlags)
	if err != nil {
		return err
	}
	selected, err := cfg.Select(o.portals)
	if errors.Is(err, config.ErrUnknownPortal) {
		return invalid(err) // exit 2: a bad command line
	}
	if err != nil {
		return err
	}
	view := newProgressView(c.stderr, c.terminal, len(selected))
	defer view.finish()
	// Warnings and the signal notice go through the view, above its bars.
	vc := *c
	vc.stderr = view
	log := vc.quietLogger()
	svc, err := c.openService(cfg, log)
	if err != nil {
		return err
	}
	defer svc.Close()

	cr := crawler.New(svc.Store(), svc.Classifier(log), crawler.Options{
		Logger: log, Now: c.now, Progress: view.update, Simplify: svc.Simplify,
		AllowPrivateNetworks: cfg.AllowPrivateNetworks,
	})
	// Every portal of the config names its hosts, not only those crawled now.
	cr.NameHosts(cfg.Portals)
	ctx, stop := vc.withSignals(ctx, nil)
	defer stop()
	jobs := o.jobs
	if jobs == 0 {
		jobs = min(len(selected), crawler.DefaultMaxRuns)
	}
	results := crawlAll(ctx, cr, selected, jobs, view)
	view.finish()
	if err := writeSummary(c.stdout, results); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("crawl %w", context.Cause(ctx))
	}
	var failed []string
	for _, r := range results {
		if r.Err != nil {
			failed = append(failed, r.Portal)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("could not run %d of %d portals: %s", len(failed), len(results), strings.Join(failed, ", "))
	}
	return nil
}

// crawlAll runs the portals with at most jobs at once and returns their
// results in the order given. The view hears as each one starts and ends.
func crawlAll(ctx context.Context, cr *crawler.Crawler, portals []config.Portal, jobs int, view progressView) []portalResult {
	results := make([]portalResult, len(portals))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(portals)) {
		wg.Go(func() {
			for i := range next {
				p := portals[i]
				view.start(p.Name)
				run, err := cr.Run(ctx, p)
				if errors.Is(err, context.Canceled) && ctx.Err() != nil {
					err = fmt.Errorf("interrupted: %w", err)
				}
				results[i] = portalResult{Portal: p.Name, Run: run, Err: err}
				view.done(results[i])
			}
		})
	}
feed:
	for i := range portals {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	// Portals never started keep a zero result with their name.
	for i, p := range portals {
		if results[i].Portal == "" {
			results[i] = portalResult{Portal: p.Name, Err: context.Cause(ctx)}
		}
	}
	return results
}

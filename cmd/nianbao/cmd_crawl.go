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

// cmdCrawl crawls the named portals (all by default) now and prints a
// summary. It succeeds when every run completed, even if pages failed (they
// are recorded in the archive); it fails when a portal could not be run.
func cmdCrawl(c *cli, ctx context.Context, args []string) error {
	var (
		cf      commonFlags
		portals stringList
		jobs    int
	)
	fs := c.newFlags("crawl", "crawl [-c FILE] [--db PATH] [--portal NAME]… [--jobs N]", &cf)
	fs.Var(&portals, "portal", "crawl only portal `NAME` (repeatable)")
	fs.IntVar(&jobs, "jobs", 4, "portals crawled at once (politeness per host is kept either way)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if jobs < 1 {
		return usageError(fs, "--jobs must be at least 1")
	}
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return err
	}
	selected, err := cfg.Select(portals)
	if errors.Is(err, config.ErrUnknownPortal) {
		return fmt.Errorf("%w: %w", errInvalid, err)
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
	arc, err := openArchive(cfg, log, c.now, c.lockTimeout)
	if err != nil {
		return err
	}
	defer arc.Close()

	cr := crawler.New(arc.store, classifier{ex: arc.ex, log: log}, crawler.Options{
		Logger: log, Now: c.now, Progress: view.update,
	})
	ctx, stop := vc.withSignals(ctx, nil)
	defer stop()
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

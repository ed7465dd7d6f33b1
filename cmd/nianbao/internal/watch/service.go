package watch

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/config"
)

// Service runs derivation passes and hands what they add to the webhook
// dispatcher. It is what the daemon starts.
type Service struct {
	deriver *Deriver
	archive Archive
	disp    *Dispatcher // nil without webhook targets
	log     *slog.Logger
	kick    chan struct{}
	started time.Time
}

// NewService returns a service started at started (the daemon's start);
// disp may be nil (no webhooks).
func NewService(d *Deriver, archive Archive, disp *Dispatcher, started time.Time, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{deriver: d, archive: archive, disp: disp, log: log, kick: make(chan struct{}, 1), started: started}
}

// Pass derives events at now and queues the new ones for the webhooks.
// The first pass an archive ever sees (no pass recorded yet) backfills
// its history: of what it adds it queues only the events from the
// service's start on, so a new install does not POST years of events. It
// returns the pass's result and how many deliveries it queued.
func (s *Service) Pass(ctx context.Context, portals []config.Portal, now time.Time) (Result, int, error) {
	_, derivedBefore, err := s.archive.EventMark(ctx, deadlineScope)
	if err != nil {
		return Result{}, 0, fmt.Errorf("watch: %w", err)
	}
	res, err := s.deriver.Derive(ctx, portals, now)
	if err != nil {
		return res, 0, err
	}
	if s.disp == nil || len(res.Added) == 0 {
		return res, 0, nil
	}
	send := res.Added
	if !derivedBefore {
		send = nil
		for _, e := range res.Added {
			if !e.Time.Before(s.started) {
				send = append(send, e)
			}
		}
		s.log.Info("events backfilled from the archive; webhooks get the events from the start on",
			"events", len(res.Added), "sent", len(send))
	}
	n, err := s.disp.Enqueue(ctx, send)
	return res, n, err
}

// Kick asks Run for a pass now (after a crawl run, say); it never blocks.
func (s *Service) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Run makes a pass at once, then every interval and on each Kick, until
// ctx ends; portals and now are read at each pass (the config may be
// reloaded). The dispatcher, if any, runs beside it. Failed passes are
// logged (WARN) and retried at the next tick. It returns when ctx ends
// and the dispatcher has stopped.
func (s *Service) Run(ctx context.Context, interval time.Duration, portals func() []config.Portal, now func() time.Time) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if s.disp != nil {
			_ = s.disp.Run(ctx)
		}
	}()
	defer func() { <-done }()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		start := time.Now()
		s.pass(ctx, portals, now, start)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick:
			// Crawl runs end in bursts: at most one pass per minGap.
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Until(start.Add(minGap))):
			}
		}
	}
}

// minGap is the least time between the starts of two passes that Kick
// asks for.
const minGap = 5 * time.Second

// pass makes one logged pass for Run.
func (s *Service) pass(ctx context.Context, portals func() []config.Portal, now func() time.Time, start time.Time) {
	{
		res, queued, err := s.Pass(ctx, portals(), now())
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.log.Warn("event derivation failed; next pass at the next tick", "error", err)
		default:
			s.log.Debug("events derived", "reports", res.Reports, "derived", res.Derived, "failed", res.Failed,
				"added", len(res.Added), "queued", queued, "duration", time.Since(start))
		}
	}
}

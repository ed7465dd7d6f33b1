package daemon

import (
	"context"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
)

// eventInterval is how often the daemon derives events without a crawl
// run finishing (late and missing depend on the clock alone).
const eventInterval = 10 * time.Minute

// newEvents builds the event service: derivation over the archive with
// the service's cached extractions, and a webhook dispatcher for the
// config's notify list (none without one). Webhook targets on private
// addresses are logged by the dispatcher.
func newEvents(cfg *config.Config, svc *service.Service, portals func() []config.Portal, now func() time.Time, log *slog.Logger) (*watch.Service, error) {
	d := watch.NewDeriver(svc.Store(), svc, svc.Simplify, log)
	var disp *watch.Dispatcher
	if len(cfg.Notify) > 0 {
		targets := make([]watch.Target, len(cfg.Notify))
		for i, n := range cfg.Notify {
			targets[i] = watch.NewTarget(n.URL, n.Events, n.Secret.Reveal())
		}
		var err error
		disp, err = watch.NewDispatcher(context.Background(), svc.Store(), targets, watch.DispatcherOptions{
			Now: now, Logger: log, Base: "http://" + cfg.HTTP.Listen + "/",
		})
		if err != nil {
			return nil, err
		}
		log.Info("webhooks", "targets", len(targets))
	}
	return watch.NewService(d, svc.Store(), disp, now(), log), nil
}

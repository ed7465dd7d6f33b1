package watch

import (
	"context"
	"fmt"
	"net/url"
	"slices"

	"github.com/nianbao/nianbao/config"
)

// portalScope is the scope of portal_broken events.
const portalScope = "portals"

// maxRuns bounds the runs of one portal read per pass (newest first).
const maxRuns = 1000

// brokenEvents derives portal_broken from the crawl runs' coverage flags
// (store.Coverage): one event for each finished run that raised flags
// when the finished run before it (among the last maxRuns) raised none —
// a portal that breaks, not every run while it stays broken.
func (d *Deriver) brokenEvents(ctx context.Context, portals []config.Portal) ([]Event, error) {
	var out []Event
	for _, p := range portals {
		runs, err := d.archive.Runs(ctx, p.Name, maxRuns)
		if err != nil {
			return nil, fmt.Errorf("watch: runs of %s: %w", p.Name, err)
		}
		slices.Reverse(runs) // oldest first
		wasFlagged := false
		for _, r := range runs {
			if r.Running() {
				continue
			}
			flagged := r.Coverage.Flagged()
			if flagged && !wasFlagged {
				e := Event{Kind: KindBroken, Time: r.End.UTC(), Agency: p.Agency, Region: p.Region, Level: p.Level,
					Portal: p.Name, Run: r.ID, URL: p.Column, Link: "/?agency=" + url.QueryEscape(p.Agency)}
				for _, f := range r.Coverage.Flags {
					e.Flags = append(e.Flags, string(f.Kind)+": "+f.Detail)
				}
				e.ID = eventID(KindBroken, p.Name, r.ID)
				out = append(out, e)
			}
			wasFlagged = flagged
		}
	}
	return out, nil
}

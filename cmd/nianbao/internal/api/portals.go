package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// PortalInfo is one portal in GET /api/v1/portals.
type PortalInfo struct {
	Name     string     `json:"name"`
	Agency   string     `json:"agency"`
	Region   string     `json:"region,omitempty"`
	Column   string     `json:"column"`
	Schedule string     `json:"schedule"`
	NextRun  *time.Time `json:"next_run,omitempty"`
	// State sums the last run up: ok, flagged (its coverage has flags:
	// see Flags), error (the run stopped early), running, or never_run.
	State   string       `json:"state"`
	Flags   []store.Flag `json:"flags,omitempty"`
	LastRun *RunInfo     `json:"last_run"`
}

// Portal states.
const (
	StateOK       = "ok"
	StateFlagged  = "flagged"
	StateError    = "error"
	StateRunning  = "running"
	StateNeverRun = "never_run"
)

// RunInfo is the record of a portal's last run.
type RunInfo struct {
	Start    time.Time      `json:"start"`
	End      time.Time      `json:"end,omitzero"`
	Pages    int            `json:"pages"`
	Reports  int            `json:"reports"`
	Counts   map[string]int `json:"counts"`
	Failures map[string]int `json:"failures,omitempty"`
	Error    string         `json:"error,omitempty"`
	// Coverage is what the run saw of the column (list pages, links
	// considered, report links, reports by year) and its flags; absent
	// for runs recorded before nianbao kept it.
	Coverage *store.Coverage `json:"coverage,omitempty"`
}

func runInfoOf(r store.Run) *RunInfo {
	ri := &RunInfo{
		Start: r.Start.UTC(), End: r.End.UTC(), Reports: r.Reports,
		Counts: make(map[string]int, len(r.Counts)), Failures: r.Failures, Error: r.Error,
		Coverage: r.Coverage,
	}
	for o, n := range r.Counts {
		ri.Counts[string(o)] = n
		ri.Pages += n
	}
	return ri
}

// PortalInfoOf describes portal p from its last run (nil: it never ran)
// and its next scheduled run (zero: none known).
func PortalInfoOf(p config.Portal, last *store.Run, next time.Time) PortalInfo {
	info := PortalInfo{Name: p.Name, Agency: p.Agency, Region: p.Region, Column: p.Column, Schedule: p.Schedule, State: StateNeverRun}
	if !next.IsZero() {
		next = next.UTC()
		info.NextRun = &next
	}
	if last == nil {
		return info
	}
	info.LastRun = runInfoOf(*last)
	switch {
	case last.Running():
		info.State = StateRunning
	case last.Coverage.Flagged():
		info.State, info.Flags = StateFlagged, last.Coverage.Flags
	case last.Error != "":
		info.State = StateError
	default:
		info.State = StateOK
	}
	return info
}

// listPortals serves GET /api/v1/portals?limit=&cursor=.
func (a *handler) listPortals(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := httpx.ParseLimit(q)
	if err != nil {
		return err
	}
	items, next, err := SliceCursor(a.opts.Portals(), limit, q.Get("cursor"))
	if err != nil {
		return err
	}
	out := Page[PortalInfo]{Items: make([]PortalInfo, 0, len(items)), Next: next}
	for _, p := range items {
		run, err := a.svc.LastRun(r.Context(), p.Name)
		var last *store.Run
		switch {
		case err == nil:
			last = &run
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		var next time.Time
		if a.opts.NextRun != nil {
			next = a.opts.NextRun(p.Name)
		}
		out.Items = append(out.Items, PortalInfoOf(p, last, next))
	}
	httpx.WriteJSON(w, http.StatusOK, out)
	return nil
}

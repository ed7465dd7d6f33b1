package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
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
	LastRun  *RunInfo   `json:"last_run"`
}

// RunInfo is the record of a portal's last run.
type RunInfo struct {
	Start    time.Time      `json:"start"`
	End      time.Time      `json:"end,omitzero"`
	Pages    int            `json:"pages"`
	Reports  int            `json:"reports"`
	Counts   map[string]int `json:"counts"`
	Failures map[string]int `json:"failures,omitempty"`
	Error    string         `json:"error,omitempty"`
}

func runInfoOf(r store.Run) *RunInfo {
	ri := &RunInfo{
		Start: r.Start.UTC(), End: r.End.UTC(), Reports: r.Reports,
		Counts: make(map[string]int, len(r.Counts)), Failures: r.Failures, Error: r.Error,
	}
	for o, n := range r.Counts {
		ri.Counts[string(o)] = n
		ri.Pages += n
	}
	return ri
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
	var nextRuns map[string]time.Time
	if a.opts.NextRuns != nil {
		nextRuns = a.opts.NextRuns()
	}
	out := Page[PortalInfo]{Items: make([]PortalInfo, 0, len(items)), Next: next}
	for _, p := range items {
		info := PortalInfo{Name: p.Name, Agency: p.Agency, Region: p.Region, Column: p.Column, Schedule: p.Schedule}
		if t, ok := nextRuns[p.Name]; ok && !t.IsZero() {
			t = t.UTC()
			info.NextRun = &t
		}
		run, err := a.svc.LastRun(r.Context(), p.Name)
		switch {
		case err == nil:
			info.LastRun = runInfoOf(run)
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		out.Items = append(out.Items, info)
	}
	httpx.WriteJSON(w, http.StatusOK, out)
	return nil
}

package main

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// portalSet is the configured portal list, replaced whole on a reload.
// Safe for concurrent use; the returned slice must not be modified.
type portalSet struct {
	mu   sync.RWMutex
	list []config.Portal
}

func (p *portalSet) get() []config.Portal {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.list
}

func (p *portalSet) set(list []config.Portal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = list
}

// portalInfo is one portal in GET /api/v1/portals.
type portalInfo struct {
	Name     string     `json:"name"`
	Agency   string     `json:"agency"`
	Region   string     `json:"region,omitempty"`
	Column   string     `json:"column"`
	Schedule string     `json:"schedule"`
	NextRun  *time.Time `json:"next_run,omitempty"`
	LastRun  *runInfo   `json:"last_run"`
}

// runInfo is the record of a portal's last run.
type runInfo struct {
	Start    time.Time      `json:"start"`
	End      time.Time      `json:"end,omitzero"`
	Pages    int            `json:"pages"`
	Reports  int            `json:"reports"`
	Counts   map[string]int `json:"counts"`
	Failures map[string]int `json:"failures,omitempty"`
	Error    string         `json:"error,omitempty"`
}

func runInfoOf(r store.Run) *runInfo {
	ri := &runInfo{
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
func (a *api) listPortals(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := parseLimit(q)
	if err != nil {
		return err
	}
	items, next, err := sliceCursor(a.portals.get(), limit, q.Get("cursor"))
	if err != nil {
		return err
	}
	var nextRuns map[string]time.Time
	if a.nextRuns != nil {
		nextRuns = a.nextRuns()
	}
	out := page[portalInfo]{Items: make([]portalInfo, 0, len(items)), Next: next}
	for _, p := range items {
		info := portalInfo{Name: p.Name, Agency: p.Agency, Region: p.Region, Column: p.Column, Schedule: p.Schedule}
		if t, ok := nextRuns[p.Name]; ok && !t.IsZero() {
			t = t.UTC()
			info.NextRun = &t
		}
		run, err := a.store.LastRun(r.Context(), p.Name)
		switch {
		case err == nil:
			info.LastRun = runInfoOf(run)
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		out.Items = append(out.Items, info)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

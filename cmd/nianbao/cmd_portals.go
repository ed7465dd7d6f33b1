package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

// portalsOptions are the flags of `nianbao portals`.
type portalsOptions struct {
	commonFlags
	format string // --format: table or json
}

// cmdPortals parses `nianbao portals`'s flags and runs it.
func cmdPortals(c *cli, ctx context.Context, args []string) error {
	var o portalsOptions
	fs := c.newFlags("portals", "portals [--format table|json]", &o.commonFlags)
	fs.StringVar(&o.format, "format", "table", "output: table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !oneOf(o.format, "table", "json") {
		return usageError(fs, "--format %q: want table or json", o.format)
	}
	return runPortals(c, ctx, o)
}

// runPortals prints one line per configured portal: its state, its last
// run, the reports that run indexed by year, and — for a flagged portal —
// why it needs attention. Portals that need attention come last.
func runPortals(c *cli, ctx context.Context, o portalsOptions) error {
	ps, err := portalsOf(c, ctx, o.commonFlags)
	if err != nil {
		return err
	}
	slices.SortStableFunc(ps, func(a, b api.PortalInfo) int { return stateRank(a.State) - stateRank(b.State) })
	if o.format == "json" {
		if ps == nil {
			ps = []api.PortalInfo{}
		}
		return httpx.EncodeJSON(c.stdout, ps)
	}
	t := &table{header: []string{"PORTAL", "STATE", "LAST_RUN", "REPORTS", "YEARS", "WHY"}}
	for _, p := range ps {
		last, reports, years := "never", "-", "-"
		if r := p.LastRun; r != nil {
			last = r.Start.Format("2006-01-02 15:04")
			reports = strconv.Itoa(r.Reports)
			if r.Coverage != nil {
				years = yearsText(r.Coverage.Years)
			}
		}
		t.add(p.Name, p.State, last, reports, years, portalWhy(p))
	}
	return t.writeText(c.stdout)
}

// stateRank orders portals for reading: fine ones first, those needing
// attention last.
func stateRank(state string) int {
	switch state {
	case api.StateOK:
		return 0
	case api.StateRunning:
		return 1
	case api.StateNeverRun:
		return 2
	case api.StateError:
		return 3
	}
	return 4 // flagged
}

// portalWhy says in plain words why a portal is not simply ok.
func portalWhy(p api.PortalInfo) string {
	switch {
	case len(p.Flags) > 0:
		parts := make([]string, len(p.Flags))
		for i, f := range p.Flags {
			parts[i] = string(f.Kind) + ": " + f.Detail
		}
		return strings.Join(parts, "; ")
	case p.State == api.StateError && p.LastRun != nil:
		return "the run stopped early: " + p.LastRun.Error
	case p.State == api.StateNeverRun:
		return "not crawled yet"
	}
	return ""
}

// yearsText writes reports by year compactly, oldest first: consecutive
// years with one report each as a range, a year with more as year×n:
// "2008–2019 2021 2022×2".
func yearsText(years map[int]int) string {
	if len(years) == 0 {
		return "-"
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 && years[ys[j]] == 1 && years[ys[j+1]] == 1 {
			j++
		}
		switch {
		case j > i:
			parts = append(parts, fmt.Sprintf("%d–%d", ys[i], ys[j]))
		case years[ys[i]] > 1:
			parts = append(parts, fmt.Sprintf("%d×%d", ys[i], years[ys[i]]))
		default:
			parts = append(parts, strconv.Itoa(ys[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// portalsOf describes the configured portals from the archive (or its
// daemon); before any crawl made an archive, every portal never ran.
func portalsOf(c *cli, ctx context.Context, cf commonFlags) ([]api.PortalInfo, error) {
	rd, err := c.openReader(ctx, cf)
	if errors.Is(err, service.ErrNoArchive) {
		cfg, err := c.loadConfig(cf)
		if err != nil {
			return nil, err
		}
		ps := make([]api.PortalInfo, 0, len(cfg.Portals))
		for _, p := range cfg.Portals {
			ps = append(ps, api.PortalInfoOf(p, nil, time.Time{}))
		}
		return ps, nil
	}
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return rd.portals(ctx)
}

package config

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Summary describes a valid config in the terms `nianbao config check`
// prints: where it stores and listens, and for each portal what it crawls
// and when it runs next.
type Summary struct {
	File    string
	Storage string // the archive path in force
	Listen  string
	Token   bool // an API token is set (never the token itself)
	// PrivateNetworks: crawl.allow_private_networks is on.
	PrivateNetworks bool
	Timezone        string          // empty: local time
	Hosts           []string        // every allowed host of every portal, sorted, once each
	Portals         []PortalSummary // in file order
}

// PortalSummary is one portal of a Summary.
type PortalSummary struct {
	Name, Agency, Region, Level, Column string
	Schedule                            string    // as in Portal.Schedule
	Hosts                               []string  // its allowed hosts
	Next                                time.Time // first run strictly after now, in the schedule's zone
}

// Summary describes c as of now (which fixes the next runs).
func (c *Config) Summary(now time.Time) Summary {
	s := Summary{File: c.File, Storage: c.Storage.Path, Listen: c.HTTP.Listen, Timezone: c.Timezone,
		Token: c.HTTP.Token.IsSet(), PrivateNetworks: c.AllowPrivateNetworks}
	for _, p := range c.Portals {
		ps := PortalSummary{
			Name: p.Name, Agency: p.Agency, Region: p.Region, Level: p.Level, Column: p.Column,
			Schedule: p.Schedule, Hosts: slices.Clone(p.AllowedHosts),
		}
		if sched, err := ParseSchedule(p.Schedule); err == nil {
			ps.Next = sched.Next(now)
			if loc, ok := scheduleZone(p.Schedule); ok {
				ps.Next = ps.Next.In(loc)
			}
		}
		s.Portals = append(s.Portals, ps)
		s.Hosts = append(s.Hosts, p.AllowedHosts...)
	}
	slices.Sort(s.Hosts)
	s.Hosts = slices.Compact(s.Hosts)
	return s
}

// WriteText writes s as a short report: a header, then one line per portal
// (name, level, next run, schedule, hosts, agency). The timezone of the
// config is left out of each schedule, being named in the header.
func (s Summary) WriteText(w io.Writer) error {
	zone := s.Timezone
	if zone == "" {
		zone = "local time"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ok, %d portals on %d hosts\n", s.File, len(s.Portals), len(s.Hosts))
	token := "no API token"
	if s.Token {
		token = "API token required"
	}
	fmt.Fprintf(&b, "storage:   %s\nlisten:    %s (%s)\nschedules: %s\n", s.Storage, s.Listen, token, zone)
	if s.PrivateNetworks {
		b.WriteString("crawl:     allow_private_networks (private addresses of any host may be crawled)\n")
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tLEVEL\tNEXT RUN\tSCHEDULE\tHOSTS\tAGENCY")
	for _, p := range s.Portals {
		next := "-"
		if !p.Next.IsZero() {
			next = p.Next.Format("2006-01-02 15:04 MST")
		}
		level := p.Level
		if level == "" {
			level = "-"
		}
		sched := strings.TrimPrefix(p.Schedule, "CRON_TZ="+s.Timezone+" ")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, level, next, sched, strings.Join(p.Hosts, ","), p.Agency)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

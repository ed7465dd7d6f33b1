package crawler

import (
	"fmt"

	"github.com/nianbao/nianbao/store"
)

// coverListLocked counts a list page read: the anchors or records
// considered and the distinct report links found. r.mu must be held.
func (r *run) coverListLocked(considered int, links []Link) {
	r.cov.ListPages++
	r.cov.LinksConsidered += considered
	for _, l := range links {
		if !r.reportURL[l.URL] {
			r.reportURL[l.URL] = true
			r.cov.ReportLinks++
		}
	}
}

// coverFamilyLocked notes a list mechanism the column was read through,
// once. r.mu must be held.
func (r *run) coverFamilyLocked(family string) {
	for _, f := range r.cov.Families {
		if f == family {
			return
		}
	}
	r.cov.Families = append(r.cov.Families, family)
}

// coverColumnLocked flags what the column page's own fetch says is wrong:
// gone (404/410), failed, or redirected to a host the portal may not be
// crawled on. r.mu must be held.
func (r *run) coverColumnLocked(ex exchange) {
	switch {
	case ex.status == 404 || ex.status == 410:
		r.flagLocked(store.FlagColumnGone, fmt.Sprintf("the column %s answered %d: it moved or was removed; find its new address", r.column, ex.status))
	case ex.reason == "off_site":
		r.flagLocked(store.FlagOffSite, fmt.Sprintf("the column %s redirects outside the portal's hosts (%v); correct its address or allowed_hosts", r.column, ex.err))
	case ex.reason != "":
		r.flagLocked(store.FlagColumnFailed, fmt.Sprintf("the column %s could not be fetched (%s)", r.column, ex.reason))
	}
}

func (r *run) flagLocked(kind store.FlagKind, detail string) {
	for _, f := range r.cov.Flags {
		if f.Kind == kind {
			return
		}
	}
	r.cov.Flags = append(r.cov.Flags, store.Flag{Kind: kind, Detail: detail})
}

// coverageLocked closes the run's coverage. A run that completed is also
// judged: a column that yielded no report link, or fewer reports indexed
// than by the previous complete run (not judged for a resumed run, which
// counts only what it did after the interruption). r.mu must be held.
func (r *run) coverageLocked(completed bool) *store.Coverage {
	c := r.cov
	c.Reports = r.rec.Reports
	c.Families = append([]string(nil), c.Families...)
	c.Flags = append([]store.Flag(nil), c.Flags...)
	years := make(map[int]int, len(c.Years))
	for y, n := range c.Years {
		years[y] = n
	}
	c.Years = years
	if !completed {
		return &c
	}
	columnFlagged := len(c.Flags) > 0
	if c.ReportLinks == 0 && !columnFlagged {
		c.Flags = append(c.Flags, store.Flag{Kind: store.FlagNoReportLink, Detail: fmt.Sprintf(
			"no report link on %d list page(s) (%d links considered): the column may have moved, be empty, or list its reports in a way the crawler does not read",
			c.ListPages, c.LinksConsidered)})
	}
	p := r.prev
	if !r.resumed && !p.End.IsZero() && p.Error == "" && c.Reports < p.Reports {
		c.Flags = append(c.Flags, store.Flag{Kind: store.FlagReportsDropped, Detail: fmt.Sprintf(
			"%d report(s) indexed, %d in the previous run (%s)", c.Reports, p.Reports, p.Start.UTC().Format("2006-01-02 15:04"))})
	}
	return &c
}

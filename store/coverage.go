package store

// Coverage is what one run of a portal saw of its column, so that a miss
// is visible: a column that yields nothing looks different from one that
// yields everything. It is kept in the run record (Run.Coverage).
type Coverage struct {
	// ListPages counts the column and list pages (HTML pages, list-API
	// answers, frames) whose content was read in this run.
	ListPages int `json:"list_pages"`
	// LinksConsidered counts the anchors and list-API records read on them.
	LinksConsidered int `json:"links_considered"`
	// ReportLinks counts the distinct report links found.
	ReportLinks int `json:"report_links"`
	// Reports counts the reports indexed in this run (Run.Reports), and
	// Years the same by the year each report covers.
	Reports int         `json:"reports"`
	Years   map[int]int `json:"years,omitempty"`
	// Families names the list mechanisms the column was read through
	// (html, trs, hanweb-datastore, jpaas, gkmlpt …), in the order found.
	Families []string `json:"families,omitempty"`
	// Flags are the reasons to look at the portal; none when it is fine.
	Flags []Flag `json:"flags,omitempty"`
}

// Flag is one reason a run's coverage needs a person's attention.
type Flag struct {
	Kind   FlagKind `json:"kind"`
	Detail string   `json:"detail"` // in plain words, e.g. "the column answered 404"
}

// FlagKind names a coverage problem.
type FlagKind string

const (
	// FlagNoReportLink: the column and its list pages yielded no report link.
	FlagNoReportLink FlagKind = "no_report_link"
	// FlagColumnGone: the column page answered 404 or 410.
	FlagColumnGone FlagKind = "column_gone"
	// FlagColumnFailed: the column page could not be fetched (a timeout, a
	// 5xx, robots.txt …; Detail names the reason).
	FlagColumnFailed FlagKind = "column_failed"
	// FlagOffSite: the column redirected to a host the portal may not be
	// crawled on.
	FlagOffSite FlagKind = "column_off_site"
	// FlagReportsDropped: fewer reports were indexed than in the previous
	// complete run.
	FlagReportsDropped FlagKind = "reports_dropped"
)

// Flagged reports whether the run has any flag.
func (c *Coverage) Flagged() bool { return c != nil && len(c.Flags) > 0 }

package watch

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Status is where an agency-year stands against its deadline.
type Status string

// The statuses of a compliance row.
const (
	OnTime    Status = "on_time"   // a report dated on or before the deadline
	Late      Status = "late"      // the earliest report is dated after it
	Missing   Status = "missing"   // the deadline passed; no report in the archive
	Withdrawn Status = "withdrawn" // a report was published, and its page now answers 404/410
	NotDue    Status = "not_due"   // no report yet, and the deadline has not passed
)

// Row is one configured agency for one report year.
type Row struct {
	Agency   string `json:"agency"`
	Region   string `json:"region,omitempty"`
	Level    string `json:"level,omitempty"`
	Portal   string `json:"portal"`
	Year     int    `json:"year"`
	Deadline string `json:"deadline"` // YYYY-MM-DD
	Rule     string `json:"rule"`     // which deadline rule applied (see DeadlineFor)
	Status   Status `json:"status"`
	DaysLate int    `json:"days_late,omitempty"`
	// The report judged (the earliest-dated of the agency-year), if any.
	ReportID string `json:"report_id,omitempty"`
	Title    string `json:"title,omitempty"`
	Dated    string `json:"dated,omitempty"`    // YYYY-MM-DD judged against the deadline
	DatedBy  string `json:"dated_by,omitempty"` // "published", or "first_seen" when the report carries no date
	Link     string `json:"link,omitempty"`     // the report's web UI page
}

// Count tallies rows by status.
type Count struct {
	Key       string `json:"key"` // the region or level ("" for none)
	OnTime    int    `json:"on_time"`
	Late      int    `json:"late"`
	Missing   int    `json:"missing"`
	Withdrawn int    `json:"withdrawn"`
	NotDue    int    `json:"not_due"`
	Total     int    `json:"total"`
}

func (c *Count) add(s Status) {
	c.Total++
	switch s {
	case OnTime:
		c.OnTime++
	case Late:
		c.Late++
	case Missing:
		c.Missing++
	case Withdrawn:
		c.Withdrawn++
	case NotDue:
		c.NotDue++
	}
}

// Compliance is the compliance view of one report year.
type Compliance struct {
	Year     int     `json:"year"`
	Region   string  `json:"region,omitempty"`
	AsOf     string  `json:"as_of"` // RFC 3339
	Rows     []Row   `json:"rows"`  // by region, then agency
	ByRegion []Count `json:"by_region"`
	ByLevel  []Count `json:"by_level"`
	Total    Count   `json:"total"`
}

// ComplianceOf judges every configured agency whose region contains
// region ("" for all) for report year at now. An agency configured on
// several portals counts once, with the first portal's level and
// deadline. A report counts for an agency when its agency name equals the
// portal's after normalize.
func ComplianceOf(ctx context.Context, a Archive, portals []config.Portal, normalize func(string) string, year int, region string, now time.Time) (Compliance, error) {
	if year < 2000 || year > 9999 {
		return Compliance{}, fmt.Errorf("watch: compliance: year %d: %w", year, ErrInvalid)
	}
	if normalize == nil {
		normalize = func(s string) string { return s }
	}
	reports, err := allReports(ctx, a)
	if err != nil {
		return Compliance{}, err
	}
	groups := groupReports(reports, normalize)
	out := Compliance{Year: year, Region: region, AsOf: now.UTC().Format(time.RFC3339), Rows: []Row{}}
	for _, p := range agencyPortals(portals, normalize) {
		if region != "" && !strings.Contains(p.Region, region) {
			continue
		}
		row, err := judge(p, year, groups[normalize(p.Agency)][year], now)
		if err != nil {
			return Compliance{}, err
		}
		if row.ReportID != "" && allGone(groups[normalize(p.Agency)][year]) {
			row.Status = Withdrawn
		}
		out.Rows = append(out.Rows, row)
	}
	slices.SortStableFunc(out.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Region, b.Region), cmp.Compare(a.Agency, b.Agency))
	})
	regions, levels := map[string]*Count{}, map[string]*Count{}
	for _, r := range out.Rows {
		out.Total.add(r.Status)
		tally(regions, r.Region, r.Status)
		tally(levels, r.Level, r.Status)
	}
	out.ByRegion, out.ByLevel = sortedCounts(regions), sortedCounts(levels)
	return out, nil
}

// allGone reports whether every report of an agency-year is withdrawn
// (its page answers 404/410 now): the agency published and took it down.
func allGone(rs []store.Report) bool {
	for _, r := range rs {
		if r.Status != store.StatusGone {
			return false
		}
	}
	return len(rs) > 0
}

func tally(m map[string]*Count, key string, s Status) {
	c := m[key]
	if c == nil {
		c = &Count{Key: key}
		m[key] = c
	}
	c.add(s)
}

func sortedCounts(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// agencyPortals keeps the first portal of each agency (after normalize).
func agencyPortals(portals []config.Portal, normalize func(string) string) []config.Portal {
	seen := map[string]bool{}
	var out []config.Portal
	for _, p := range portals {
		k := normalize(p.Agency)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// groupReports indexes reports by normalised agency, then year.
func groupReports(reports []store.Report, normalize func(string) string) map[string]map[int][]store.Report {
	out := map[string]map[int][]store.Report{}
	for _, r := range reports {
		if r.Year == 0 {
			continue
		}
		k := normalize(r.Agency)
		if out[k] == nil {
			out[k] = map[int][]store.Report{}
		}
		out[k][r.Year] = append(out[k][r.Year], r)
	}
	return out
}

// judge decides an agency-year from its reports (not yet telling
// withdrawn ones, which needs the archive).
func judge(p config.Portal, year int, rs []store.Report, now time.Time) (Row, error) {
	d, err := DeadlineFor(year, p.Level, p.Deadline)
	if err != nil {
		return Row{}, err
	}
	row := Row{Agency: p.Agency, Region: p.Region, Level: p.Level, Portal: p.Name, Year: year, Deadline: d.String(), Rule: d.Rule}
	if len(rs) == 0 {
		row.Status = NotDue
		if !now.Before(d.End()) {
			row.Status = Missing
		}
		return row, nil
	}
	var best store.Report
	var bestDay time.Time
	for _, r := range rs {
		day, by := datedOf(r)
		if bestDay.IsZero() || day.Before(bestDay) || (day.Equal(bestDay) && r.ID < best.ID) {
			best, bestDay, row.DatedBy = r, day, by
		}
	}
	row.ReportID, row.Title, row.Dated, row.Link = best.ID, best.Title, bestDay.Format(time.DateOnly), "/reports/"+best.ID
	row.Status = OnTime
	if bestDay.After(d.Day) {
		row.Status = Late
		row.DaysLate = int(bestDay.Sub(d.Day).Hours()/24 + 0.5)
	}
	return row, nil
}

// datedOf is the day a report is judged by: its published date, else the
// day the archive first saw it.
func datedOf(r store.Report) (time.Time, string) {
	if t, ok := dateOf(r.Published); ok {
		return t, "published"
	}
	return dayOf(r.FirstSeen), "first_seen"
}

// deadlineEvents derives report_late and report_missing for every
// configured agency, for each report year up to its last due year at now
// that the archive watched: the year of one of the agency's archived
// reports or later, or a year whose deadline ended after the archive
// first fetched the portal's column (watchedSince). So a new install does
// not announce a decade of missing reports, and the events of a year,
// once judged, stay judged as the archive grows.
func deadlineEvents(reports []store.Report, portals []config.Portal, watchedSince map[string]time.Time, normalize func(string) string, now time.Time) []Event {
	groups := groupReports(reports, normalize)
	var out []Event
	for _, p := range agencyPortals(portals, normalize) {
		last := lastDueYear(now, p.Level, p.Deadline)
		byYear := groups[normalize(p.Agency)]
		first := last + 1
		for y := range byYear {
			first = min(first, y)
		}
		since, watched := watchedSince[p.Name]
		for y := 2008; y <= last; y++ {
			d, err := DeadlineFor(y, p.Level, p.Deadline)
			if err != nil {
				break // config.Load validated the override; nothing to judge by
			}
			if y < first && (!watched || !d.End().After(since)) {
				continue
			}
			row, _ := judge(p, y, byYear[y], now)
			e := Event{Agency: p.Agency, Region: p.Region, Level: p.Level, Portal: p.Name, Year: y, Deadline: row.Deadline}
			switch row.Status {
			case Missing:
				e.Kind, e.Time, e.ID = KindMissing, d.End().UTC(), eventID(KindMissing, normalize(p.Agency), fmt.Sprint(y))
				e.Link = fmt.Sprintf("/compliance?year=%d", y)
			case Late:
				r := findReport(byYear[y], row.ReportID)
				e.Kind, e.DaysLate, e.ReportID, e.Title, e.URL, e.Published = KindLate, row.DaysLate, r.ID, r.Title, r.URL, r.Published
				e.Time = r.FirstSeen.UTC()
				if e.Time.Before(d.End()) {
					e.Time = d.End().UTC()
				}
				e.ID = eventID(KindLate, normalize(p.Agency), fmt.Sprint(y), r.ID)
				e.Link = "/reports/" + r.ID
			default:
				continue
			}
			out = append(out, e)
		}
	}
	return out
}

func findReport(rs []store.Report, id string) store.Report {
	for _, r := range rs {
		if r.ID == id {
			return r
		}
	}
	return store.Report{}
}

// sortEvents orders events by time, then ID.
func sortEvents(evs []Event) {
	slices.SortFunc(evs, func(a, b Event) int { return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.ID, b.ID)) })
}

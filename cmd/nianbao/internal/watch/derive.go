package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Archive is what deriving events reads and writes; *store.Store is one.
type Archive interface {
	Reports(ctx context.Context, q store.ReportQuery) ([]store.Report, string, error)
	Versions(ctx context.Context, url string) ([]store.Version, error)
	FirstVersion(ctx context.Context, url string) (store.Version, bool, error)
	ReplaceEventScopes(ctx context.Context, sets []store.ScopeEvents) ([]store.Event, error)
	EventMark(ctx context.Context, scope string) (uint64, bool, error)
	Events(ctx context.Context, q store.EventQuery) ([]store.Event, error)
	Runs(ctx context.Context, portal string, limit int) ([]store.Run, error)
}

// Extractions returns the extraction of a content version (one that
// holds a body) of a report. The daemon passes its cached extractions;
// NewExtractions extracts from the archived bytes.
type Extractions interface {
	Extraction(ctx context.Context, r store.Report, v store.Version) (*extract.Report, error)
}

// Deriver derives events from the archive and keeps them in it. Safe for
// concurrent use, but passes should not overlap (the daemon runs one at a
// time): two at once do the same work twice.
type Deriver struct {
	archive   Archive
	ex        Extractions
	log       *slog.Logger
	normalize func(string) string

	// firstFetch remembers the first fetch of each column found so far:
	// it never changes, and a pass asks for every configured column.
	mu         sync.Mutex
	firstFetch map[string]time.Time
}

// NewDeriver returns a Deriver over archive. normalize maps agency names
// to the form compared between reports and portals (the store's
// normaliser: Traditional → Simplified, NFKC); nil compares as given.
func NewDeriver(archive Archive, ex Extractions, normalize func(string) string, log *slog.Logger) *Deriver {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if normalize == nil {
		normalize = func(s string) string { return s }
	}
	return &Deriver{archive: archive, ex: ex, log: log, normalize: normalize}
}

// Result says what a pass did.
type Result struct {
	Reports int     // reports in the archive
	Derived int     // reports whose events were derived again (new fetches since the last pass)
	Failed  int     // reports left for the next pass: a version could not be extracted (logged)
	Added   []Event // events not in the archive before this pass, oldest first
}

// deadlineScope is the scope of late and missing events, which are derived
// again on every pass (they depend on the time and the config).
const deadlineScope = "deadlines"

func reportScope(id string) string { return "report/" + id }

// Derive brings the archive's events up to date at now: the events of
// every report with fetches since the last pass (report_new, _changed,
// _withdrawn, _restored), then the late and missing events of the
// portals' agencies. Events are a function of the archive, the portals and
// now, so a pass over a copy of the archive — a backfill — gives the same
// events with the same IDs. A report whose versions cannot be extracted is
// logged (WARN), counted in Failed and tried again on the next pass.
func (d *Deriver) Derive(ctx context.Context, portals []config.Portal, now time.Time) (Result, error) {
	var res Result
	reports, err := allReports(ctx, d.archive)
	if err != nil {
		return res, err
	}
	res.Reports = len(reports)
	byPortal := portalsByName(portals)
	var batch []store.ScopeEvents
	flush := func() error {
		added, err := d.store(ctx, batch)
		res.Added = append(res.Added, added...)
		batch = batch[:0]
		return err
	}
	for _, r := range reports {
		mark := fingerprint(r, byPortal.get(r.Portal))
		if m, ok, err := d.archive.EventMark(ctx, reportScope(r.ID)); err != nil {
			return res, fmt.Errorf("watch: event mark of report %s: %w", r.ID, err)
		} else if ok && m == mark {
			continue
		}
		vs, err := d.archive.Versions(ctx, r.URL)
		if err != nil {
			return res, fmt.Errorf("watch: versions of %s: %w", r.URL, err)
		}
		evs, err := d.reportEvents(ctx, r, byPortal.get(r.Portal), vs)
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			d.log.Warn("derive events: report left for the next pass", "report", r.ID, "url", r.URL, "error", err)
			res.Failed++
			continue
		}
		set, err := encodeScope(reportScope(r.ID), mark, evs)
		if err != nil {
			return res, err
		}
		batch = append(batch, set)
		res.Derived++
		if len(batch) == scopesPerCommit {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	since, err := d.watchedSince(ctx, portals)
	if err != nil {
		return res, err
	}
	deadlines, err := encodeScope(deadlineScope, uint64(now.Unix()), deadlineEvents(reports, portals, since, d.normalize, now))
	if err != nil {
		return res, err
	}
	brokenEvs, err := d.brokenEvents(ctx, portals)
	if err != nil {
		return res, err
	}
	broken, err := encodeScope(portalScope, uint64(now.Unix()), brokenEvs)
	if err != nil {
		return res, err
	}
	batch = append(batch, deadlines, broken)
	if err := flush(); err != nil {
		return res, err
	}
	sortEvents(res.Added)
	return res, nil
}

// scopesPerCommit is how many reports' events a pass writes per commit.
const scopesPerCommit = 256

// encodeScope turns a scope's events into the store's form.
func encodeScope(scope string, mark uint64, evs []Event) (store.ScopeEvents, error) {
	set := store.ScopeEvents{Scope: scope, Mark: mark, Events: make([]store.Event, len(evs))}
	for i, e := range evs {
		data, err := json.Marshal(e)
		if err != nil {
			return set, fmt.Errorf("watch: encode event %s: %w", e.ID, err)
		}
		set.Events[i] = store.Event{ID: e.ID, Time: e.Time, Scope: scope, Data: data}
	}
	return set, nil
}

// store writes sets (each the whole of its scope) and returns the events
// that are new.
func (d *Deriver) store(ctx context.Context, sets []store.ScopeEvents) ([]Event, error) {
	if len(sets) == 0 {
		return nil, nil
	}
	added, err := d.archive.ReplaceEventScopes(ctx, sets)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	out := make([]Event, 0, len(added))
	for _, s := range added {
		var e Event
		if err := json.Unmarshal(s.Data, &e); err != nil {
			return nil, fmt.Errorf("watch: decode event %s: %w", s.ID, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// reportEvents walks a report's fetches, oldest first.
func (d *Deriver) reportEvents(ctx context.Context, r store.Report, p config.Portal, vs []store.Version) ([]Event, error) {
	base := Event{Agency: r.Agency, Region: r.Region, Level: p.Level, Portal: r.Portal, Year: r.Year,
		ReportID: r.ID, Title: r.Title, URL: r.URL, Published: r.Published}
	if base.Region == "" {
		base.Region = p.Region
	}
	var out []Event
	emit := func(k Kind, at time.Time, link string, versions ...string) *Event {
		e := base
		e.Kind, e.Time, e.Link, e.Versions = k, at, link, versions
		e.ID = eventID(k, append([]string{r.ID}, versions...)...)
		out = append(out, e)
		return &out[len(out)-1]
	}
	const (
		absent = iota
		present
		gone
	)
	state := absent
	var last store.Version     // the latest version that changed the state
	var contentV store.Version // the version lastContent was read from
	var lastContent *content
	for _, v := range vs {
		switch {
		case v.HasBody():
			switch state {
			case absent:
				emit(KindNew, v.FetchedAt, "/reports/"+r.ID+"?version="+v.ID, v.ID)
			case gone:
				emit(KindRestored, v.FetchedAt, "/reports/"+r.ID+"?version="+v.ID, last.ID, v.ID)
			}
			if v.Outcome == store.OutcomeNew || lastContent == nil {
				rep, err := d.ex.Extraction(ctx, r, v)
				if err != nil {
					return nil, fmt.Errorf("extraction of version %s: %w", v.ID, err)
				}
				c := contentOf(rep)
				if lastContent != nil && contentV.SHA256 != v.SHA256 {
					changedEvent(emit, r, contentV, v, *lastContent, c)
				}
				lastContent, contentV = &c, v
			}
			state, last = present, v
		case v.Outcome == store.OutcomeGone && state == present:
			emit(KindWithdrawn, v.FetchedAt, "/reports/"+r.ID+"/history", last.ID, v.ID)
			state, last = gone, v
		}
	}
	return out, nil
}

// changedEvent emits report_changed when the content of cur differs from
// that of old; a change of the page around it only emits nothing.
func changedEvent(emit func(Kind, time.Time, string, ...string) *Event, r store.Report, old, cur store.Version, a, b content) {
	cells := extract.DiffCells(a.cells, b.cells)
	lines, summary := textDiff(a.text, b.text)
	if len(cells) == 0 && summary == "" && a.head == b.head {
		return
	}
	e := emit(KindChanged, cur.FetchedAt, "/reports/"+r.ID+"/history", old.ID, cur.ID)
	e.Cells, e.Text, e.TextSummary = cells, lines, summary
	if summary == "" && a.head != b.head {
		e.TextSummary = "标题、年度或发布日期变动"
	}
}

// watchedSince maps each portal to the first fetch of its column the
// archive holds (portals never fetched are absent).
func (d *Deriver) watchedSince(ctx context.Context, portals []config.Portal) (map[string]time.Time, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.firstFetch == nil {
		d.firstFetch = map[string]time.Time{}
	}
	out := make(map[string]time.Time, len(portals))
	for _, p := range portals {
		first, ok := d.firstFetch[p.Column]
		if !ok {
			v, found, err := d.archive.FirstVersion(ctx, p.Column)
			if err != nil {
				return nil, fmt.Errorf("watch: first fetch of column %s: %w", p.Column, err)
			}
			if !found {
				continue
			}
			first = v.FetchedAt
			d.firstFetch[p.Column] = first
		}
		out[p.Name] = first
	}
	return out, nil
}

// fingerprint sums up what a report's events depend on and the report
// record already says: its fields, its portal's, how many content
// versions its URL has, and its withdrawal state. A refetch that brought
// nothing new changes none of these, so a pass skips the report without
// reading its versions; anything else derives it again.
func fingerprint(r store.Report, p config.Portal) uint64 {
	h := fnv.New64a()
	for _, s := range []string{r.Agency, r.Region, r.Title, r.URL, r.Portal, r.Published, p.Level, p.Region,
		strconv.Itoa(r.Year), strconv.Itoa(r.Versions), string(r.Status),
		strconv.FormatInt(r.StatusSince.UnixNano(), 10), strconv.FormatInt(r.WithdrawnAt.UnixNano(), 10),
		strconv.FormatInt(r.ReturnedAt.UnixNano(), 10)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// allReports reads the whole report index, page by page.
func allReports(ctx context.Context, a Archive) ([]store.Report, error) {
	var out []store.Report
	cursor := ""
	for {
		page, next, err := a.Reports(ctx, store.ReportQuery{Limit: store.MaxReportLimit, Cursor: cursor})
		if err != nil {
			return nil, fmt.Errorf("watch: reports: %w", err)
		}
		out = append(out, page...)
		if next == "" {
			return out, nil
		}
		cursor = next
	}
}

// portalsByName indexes the configured portals by name.
func portalsByName(portals []config.Portal) portalIndex {
	m := make(portalIndex, len(portals))
	for i := range portals {
		m[portals[i].Name] = &portals[i]
	}
	return m
}

// portalIndex finds portals by name without copying them: a pass over
// 10 000 portals would otherwise hold a second copy of the config.
type portalIndex map[string]*config.Portal

// get returns the named portal, or the zero Portal for a name no longer
// configured.
func (m portalIndex) get(name string) config.Portal {
	if p := m[name]; p != nil {
		return *p
	}
	return config.Portal{}
}

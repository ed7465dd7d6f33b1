package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Reader answers what the API, the web UI and the CLI ask of the derived
// events and of the deadlines, over the archive and the current portals.
// Safe for concurrent use.
type Reader struct {
	archive   Archive
	normalize func(string) string
	portals   func() []config.Portal
	now       func() time.Time
}

// NewReader returns a Reader. portals is called on every question (the
// config may be reloaded); normalize is the agency normaliser (nil:
// compare as given); now nil means time.Now.
func NewReader(a Archive, normalize func(string) string, portals func() []config.Portal, now func() time.Time) *Reader {
	if normalize == nil {
		normalize = func(s string) string { return s }
	}
	if now == nil {
		now = time.Now
	}
	return &Reader{archive: a, normalize: normalize, portals: portals, now: now}
}

// Now is the reader's clock.
func (r *Reader) Now() time.Time { return r.now() }

// Events lists the stored events f selects.
func (r *Reader) Events(ctx context.Context, f Filter) ([]Event, error) {
	return Events(ctx, r.archive, f, r.normalize)
}

// Compliance judges report year for the configured agencies in region.
func (r *Reader) Compliance(ctx context.Context, year int, region string) (Compliance, error) {
	return ComplianceOf(ctx, r.archive, r.portals(), r.normalize, year, region, r.now())
}

// Marker returns a function giving the status of an agency's report
// year from the agency's reports of that year (as the matrix page has
// them), or "" when no configured portal publishes for the agency. The
// portals are indexed once, when Marker is called: call it once per page.
func (r *Reader) Marker() func(agency string, year int, reports []store.Report) Status {
	byAgency := map[string]config.Portal{}
	for _, p := range agencyPortals(r.portals(), r.normalize) {
		byAgency[r.normalize(p.Agency)] = p
	}
	now := r.now()
	return func(agency string, year int, reports []store.Report) Status {
		p, ok := byAgency[r.normalize(agency)]
		if !ok || year == 0 {
			return ""
		}
		var rs []store.Report
		for _, rep := range reports {
			if rep.Year == year {
				rs = append(rs, rep)
			}
		}
		row, err := judge(p, year, rs, now)
		if err != nil {
			return ""
		}
		if row.ReportID != "" && allGone(rs) {
			return Withdrawn
		}
		return row.Status
	}
}

// lastPass is when the deadlines were last derived (zero: never).
func (r *Reader) lastPass(ctx context.Context) time.Time {
	if m, ok, err := r.archive.EventMark(ctx, deadlineScope); err == nil && ok {
		return time.Unix(int64(m), 0).UTC()
	}
	return time.Unix(0, 0).UTC()
}

// Feed limits: entries per feed.
const (
	DefaultFeedLimit = 50
	MaxFeedLimit     = 500
)

// ParseFilter reads a filter from query parameters: agency, region, year
// (a report year), kind (an event kind), since (RFC 3339 or YYYY-MM-DD,
// China time), limit (1–max; def when absent) and cursor (the next of a
// previous page, see store.EventCursor). Errors wrap ErrInvalid
// and say which parameter and why.
func ParseFilter(q url.Values, def, max int) (Filter, error) {
	f := Filter{Agency: strings.TrimSpace(q.Get("agency")), Region: strings.TrimSpace(q.Get("region")), Limit: def}
	if s := strings.TrimSpace(q.Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1 || y > 9999 {
			return Filter{}, fmt.Errorf("watch: year %q is not a year such as 2024: %w", s, ErrInvalid)
		}
		f.Year = y
	}
	k, err := ParseKind(strings.TrimSpace(q.Get("kind")))
	if err != nil {
		return Filter{}, err
	}
	f.Kind = k
	if s := strings.TrimSpace(q.Get("since")); s != "" {
		if f.Since, err = ParseSince(s); err != nil {
			return Filter{}, err
		}
	}
	if s := strings.TrimSpace(q.Get("limit")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > max {
			return Filter{}, fmt.Errorf("watch: limit %q is not a number from 1 to %d: %w", s, max, ErrInvalid)
		}
		f.Limit = n
	}
	if s := strings.TrimSpace(q.Get("cursor")); s != "" {
		if f.After, err = store.ParseEventCursor(s); err != nil {
			return Filter{}, fmt.Errorf("watch: cursor %q is not the next of an events page: %w", s, ErrInvalid)
		}
	}
	return f, nil
}

// ParseSince reads a time: RFC 3339, or a date YYYY-MM-DD (its start,
// China time).
func ParseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, china); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("watch: since %q is not a time such as 2026-02-01 or 2026-02-01T08:00:00Z: %w", s, ErrInvalid)
}

// FeedHandler serves GET /feeds/events.atom: the newest events (limit,
// default 50, at most 500) that the query's agency, region, year and kind
// select, as Atom. A bad parameter is a 400 with a plain-text reason.
func (r *Reader) FeedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		f, err := ParseFilter(req.URL.Query(), DefaultFeedLimit, MaxFeedLimit)
		if err != nil {
			http.Error(w, strings.TrimPrefix(err.Error(), "watch: "), http.StatusBadRequest)
			return
		}
		f.Newest = true
		evs, err := r.Events(req.Context(), f)
		if err != nil {
			http.Error(w, "events unavailable", http.StatusInternalServerError)
			return
		}
		base := "http://" + req.Host + "/"
		title := "nianbao 年报事件"
		for _, s := range []string{f.Agency, f.Region, strconv.Itoa(f.Year), string(f.Kind)} {
			if s != "" && s != "0" {
				title += " · " + s
			}
		}
		doc, err := Atom(evs, FeedMeta{Self: "http://" + req.Host + req.URL.RequestURI(), Base: base, Title: title, Empty: r.lastPass(req.Context())})
		if err != nil {
			http.Error(w, "feed unavailable", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		_, _ = w.Write([]byte(doc))
	})
}

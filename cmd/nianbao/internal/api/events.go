package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/store"
)

// watchReader returns the events reader, or ErrUnsupported without one.
func (a *handler) watchReader() (*watch.Reader, error) {
	if a.opts.Watch == nil {
		return nil, fmt.Errorf("%w: events are not derived by this server", service.ErrUnsupported)
	}
	return a.opts.Watch, nil
}

// listEvents serves GET /api/v1/events?since=&kind=&agency=&region=&year=&limit=&cursor=:
// the derived events the filter selects, newest first, as {"items": […],
// "next": cursor}; next is there only when more events follow, and
// cursor=next continues right after the page's last event.
func (a *handler) listEvents(w http.ResponseWriter, r *http.Request) error {
	wr, err := a.watchReader()
	if err != nil {
		return err
	}
	f, err := watch.ParseFilter(r.URL.Query(), httpx.DefaultLimit, httpx.MaxLimit)
	if err != nil {
		return err
	}
	f.Newest = true
	limit := f.Limit
	f.Limit++ // one more than the page tells whether another follows
	evs, err := wr.Events(r.Context(), f)
	if err != nil {
		return err
	}
	next := ""
	if len(evs) > limit {
		evs = evs[:limit]
		last := evs[limit-1]
		if next, err = store.EventCursor(store.EventPos{Time: last.Time, ID: last.ID}); err != nil {
			return fmt.Errorf("api: events: next after event %q: %v", last.ID, err) // the archive's fault, not the request's
		}
	}
	writePage(w, evs, next, func(e watch.Event) watch.Event { return e })
	return nil
}

// getCompliance serves GET /api/v1/compliance?year=&region=: every
// configured agency's standing for a report year (year is required).
func (a *handler) getCompliance(w http.ResponseWriter, r *http.Request) error {
	wr, err := a.watchReader()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	s := strings.TrimSpace(q.Get("year"))
	year, err := strconv.Atoi(s)
	if s == "" || err != nil {
		return fmt.Errorf("%w: year %q: give the report year, e.g. year=2024", service.ErrInvalid, s)
	}
	c, err := wr.Compliance(r.Context(), year, strings.TrimSpace(q.Get("region")))
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, c)
	return nil
}

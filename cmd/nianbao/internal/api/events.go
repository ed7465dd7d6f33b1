package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
)

// watchReader returns the events reader, or ErrUnsupported without one.
func (a *handler) watchReader() (*watch.Reader, error) {
	if a.opts.Watch == nil {
		return nil, fmt.Errorf("%w: events are not derived by this server", service.ErrUnsupported)
	}
	return a.opts.Watch, nil
}

// listEvents serves GET /api/v1/events?since=&kind=&agency=&region=&year=&limit=:
// the derived events the filter selects, newest first, as {"items": […]}.
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
	evs, err := wr.Events(r.Context(), f)
	if err != nil {
		return err
	}
	if evs == nil {
		evs = []watch.Event{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": evs})
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

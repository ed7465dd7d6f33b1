package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// daemonAPI is a running daemon's HTTP API, for when the daemon holds the
// archive's lock.
type daemonAPI struct {
	base  string        // "http://host:port"
	token config.Secret // http.token or NIANBAO_TOKEN: sent when set
}

// get sends GET path?q with the token, when one is configured.
func (d daemonAPI) get(ctx context.Context, path string, q url.Values) (*http.Response, error) {
	u := d.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if d.token.IsSet() {
		req.Header.Set("Authorization", "Bearer "+d.token.Reveal())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("daemon at %s: %w", d.base, err)
	}
	return resp, nil
}

// apiReader reads through a running daemon's HTTP API (see the api
// package).
type apiReader struct {
	daemonAPI
}

var _ reader = (*apiReader)(nil)

// read fetches path (with query q) and returns the body of a 200. An API
// error comes back with its message, as service.ErrNotFound or service.ErrInvalid where
// the status says so.
func (r *apiReader) read(ctx context.Context, path string, q url.Values) ([]byte, error) {
	resp, err := r.daemonAPI.get(ctx, path, q)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("daemon at %s: %w", r.base, err)
	}
	if resp.StatusCode == http.StatusOK {
		return body, nil
	}
	var e httpx.Error
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		e.Error = resp.Status
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		return nil, fmt.Errorf("%w (from the daemon): %s", service.ErrNotFound, e.Error)
	case http.StatusBadRequest:
		return nil, fmt.Errorf("%w (from the daemon): %s", service.ErrInvalid, e.Error)
	default:
		return nil, fmt.Errorf("daemon at %s: %s", r.base, e.Error)
	}
}

// getAll follows a list route's cursors to the end.
func getAll[T any](ctx context.Context, r *apiReader, path string, q url.Values) ([]T, error) {
	q.Set("limit", strconv.Itoa(httpx.MaxLimit))
	var all []T
	for {
		body, err := r.read(ctx, path, q)
		if err != nil {
			return nil, err
		}
		var p api.Page[T]
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, fmt.Errorf("daemon at %s: %s: %w", r.base, path, err)
		}
		all = append(all, p.Items...)
		if p.Next == "" {
			return all, nil
		}
		q.Set("cursor", p.Next)
	}
}

func (r *apiReader) reports(ctx context.Context, rq store.ReportQuery) ([]api.ReportSummary, error) {
	q := url.Values{}
	if rq.Agency != "" {
		q.Set("agency", rq.Agency)
	}
	if rq.Year != 0 {
		q.Set("year", strconv.Itoa(rq.Year))
	}
	if rq.Status != "" {
		q.Set("status", string(rq.Status))
	}
	return getAll[api.ReportSummary](ctx, r, "/api/v1/reports", q)
}

func (r *apiReader) history(ctx context.Context, u string) ([]api.VersionEntry, error) {
	return getAll[api.VersionEntry](ctx, r, "/api/v1/pages", url.Values{"url": {u}})
}

func versionQuery(vid string) url.Values {
	if vid == "" {
		return nil
	}
	return url.Values{"version": {vid}}
}

func (r *apiReader) report(ctx context.Context, id, vid string) (json.RawMessage, error) {
	return r.read(ctx, "/api/v1/reports/"+url.PathEscape(id), versionQuery(vid))
}

func (r *apiReader) cleanText(ctx context.Context, id, vid string) (string, error) {
	body, err := r.read(ctx, "/api/v1/reports/"+url.PathEscape(id)+"/text", versionQuery(vid))
	return string(body), err
}

// raw asks for the report first, which checks that vid is one of its
// versions and names the latest when vid is empty.
func (r *apiReader) raw(ctx context.Context, id, vid string) ([]byte, error) {
	rep, err := r.report(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	var src struct {
		Source struct {
			Version string `json:"version"`
		} `json:"source"`
	}
	if err := json.Unmarshal(rep, &src); err != nil || src.Source.Version == "" {
		return nil, fmt.Errorf("daemon at %s: report %s names no source version", r.base, id)
	}
	return r.read(ctx, "/api/v1/versions/"+url.PathEscape(src.Source.Version)+"/raw", nil)
}

func (r *apiReader) portals(ctx context.Context) ([]api.PortalInfo, error) {
	return getAll[api.PortalInfo](ctx, r, "/api/v1/portals", url.Values{})
}

func (r *apiReader) Close() error { return nil }

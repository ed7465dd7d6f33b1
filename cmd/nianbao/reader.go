package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// reader is what the read-only commands (reports, show, history, export)
// need, in the API's wire types. Two implement it: the report service
// over the archive opened directly, and a running daemon's HTTP API, used
// when the daemon holds the archive's lock.
type reader interface {
	// reports returns the report summaries matching q's agency (either
	// script, substrings), year (0: any) and status ("": any), in index
	// order.
	reports(ctx context.Context, q store.ReportQuery) ([]api.ReportSummary, error)
	// history returns every version of url, oldest first;
	// service.ErrNotFound when there is none.
	history(ctx context.Context, url string) ([]api.VersionEntry, error)
	// report returns the extracted report id at version vid ("" = latest)
	// as the JSON object of report-schema.md.
	report(ctx context.Context, id, vid string) (json.RawMessage, error)
	// cleanText returns the cleaned text of report id at version vid.
	cleanText(ctx context.Context, id, vid string) (string, error)
	// raw returns the bytes of report id at version vid as fetched.
	raw(ctx context.Context, id, vid string) ([]byte, error)
	// portals describes every configured portal from its last run.
	portals(ctx context.Context) ([]api.PortalInfo, error)
	Close() error
}

// openReader opens the archive named by cf for reading. When a daemon
// serves that archive — recorded beside it (daemon.Find), or answering at
// the configured listen address once the archive turns out locked — it
// reads through the daemon's API instead, saying so on stderr.
func (c *cli) openReader(ctx context.Context, cf commonFlags) (reader, error) {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	if base, _ := daemon.Find(ctx, cfg.Storage.Path); base != "" {
		c.readingThrough(base)
		return &apiReader{daemonAPI: daemonAPI{base: base, token: cfg.HTTP.Token}}, nil
	}
	svc, err := c.openReadOnly(cfg)
	if err == nil {
		return localReader{svc: svc, configured: cfg.Portals}, nil
	}
	d, err := c.daemonInstead(ctx, cfg, err)
	if err != nil {
		return nil, err
	}
	return &apiReader{daemonAPI: d}, nil
}

// openReadOnly opens cfg's archive for a read command: read-only, so a
// missing archive is "no archive at PATH" (nothing is created) and a
// read-only file is read.
func (c *cli) openReadOnly(cfg *config.Config) (*service.Service, error) {
	return service.Open(cfg, service.Options{Logger: c.quietLogger(), Now: c.now, LockTimeout: c.lockTimeout, ReadOnly: true})
}

// readingThrough tells the user that the output comes from a daemon.
func (c *cli) readingThrough(base string) {
	fmt.Fprintf(c.stderr, "nianbao: the archive is in use by a running daemon; reading through %s\n", base)
}

// daemonInstead decides what to do when opening the archive failed with
// openErr: when the archive is locked and a daemon answers — the one
// recorded beside the archive, or one at the configured listen address —
// it says so on stderr and returns the daemon's API (its base URL and
// the configured token) to read through. Otherwise it returns openErr, and
// for a locked archive says what to do about it.
func (c *cli) daemonInstead(ctx context.Context, cfg *config.Config, openErr error) (daemonAPI, error) {
	if !errors.Is(openErr, store.ErrLocked) {
		return daemonAPI{}, openErr
	}
	base, why := daemon.Find(ctx, cfg.Storage.Path)
	if base == "" {
		base = "http://" + dialable(cfg.HTTP.Listen)
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		if err := daemon.Probe(pctx, base+"/healthz"); err != nil {
			return daemonAPI{}, fmt.Errorf("archive %s is in use by another process, and no daemon answers for it (%s; %v).\n"+
				"If `nianbao crawl` is running on it, wait for it to end and try again; if a daemon serves it at another address, "+
				"set NIANBAO_LISTEN to that address%.0w", cfg.Storage.Path, why, err, openErr)
		}
	}
	c.readingThrough(base)
	return daemonAPI{base: base, token: cfg.HTTP.Token}, nil
}

// localReader reads the archive opened directly, through the report
// service, converting to the wire types as the API does.
type localReader struct {
	svc        *service.Service
	configured []config.Portal
}

var _ reader = localReader{}

func (l localReader) reports(ctx context.Context, q store.ReportQuery) ([]api.ReportSummary, error) {
	rs, err := l.svc.AllReports(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []api.ReportSummary
	for _, r := range rs {
		out = append(out, api.Summarize(r))
	}
	return out, nil
}

func (l localReader) history(ctx context.Context, url string) ([]api.VersionEntry, error) {
	vs, err := l.svc.History(ctx, url)
	if err != nil {
		return nil, err
	}
	out := make([]api.VersionEntry, 0, len(vs))
	for _, v := range vs {
		out = append(out, api.VersionOf(v))
	}
	return out, nil
}

func (l localReader) report(ctx context.Context, id, vid string) (json.RawMessage, error) {
	rep, err := l.svc.Report(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as the API writes it
	if err := enc.Encode(rep); err != nil {
		return nil, fmt.Errorf("encode report %s: %w", id, err)
	}
	return b.Bytes(), nil
}

func (l localReader) cleanText(ctx context.Context, id, vid string) (string, error) {
	return l.svc.CleanText(ctx, id, vid)
}

func (l localReader) raw(ctx context.Context, id, vid string) ([]byte, error) {
	return l.svc.Raw(ctx, id, vid)
}

func (l localReader) portals(ctx context.Context) ([]api.PortalInfo, error) {
	out := make([]api.PortalInfo, 0, len(l.configured))
	for _, p := range l.configured {
		run, err := l.svc.LastRun(ctx, p.Name)
		var last *store.Run
		switch {
		case err == nil:
			last = &run
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
		out = append(out, api.PortalInfoOf(p, last, time.Time{}))
	}
	return out, nil
}

func (l localReader) Close() error { return l.svc.Close() }

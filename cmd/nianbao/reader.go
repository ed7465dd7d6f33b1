package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// reader is what the read-only commands (reports, show, history, export)
// need. Two implement it: the archive opened directly, and a running
// daemon's HTTP API, used when the daemon holds the archive's lock.
type reader interface {
	// reports returns the report summaries matching agency (either
	// script, substrings) and year (0: any), in index order.
	reports(ctx context.Context, agency string, year int) ([]reportSummary, error)
	// history returns every version of url, oldest first; errNotFound
	// when there is none.
	history(ctx context.Context, url string) ([]versionEntry, error)
	// report returns the extracted report id at version vid ("" = latest)
	// as the JSON object of report-schema.md.
	report(ctx context.Context, id, vid string) (json.RawMessage, error)
	// cleanText returns the cleaned text of report id at version vid.
	cleanText(ctx context.Context, id, vid string) (string, error)
	// raw returns the bytes of report id at version vid as fetched.
	raw(ctx context.Context, id, vid string) ([]byte, error)
	Close() error
}

// openReader opens the archive named by cf; when another process (a
// running `nianbao serve`) holds it, it reads through that daemon's API at
// the configured listen address instead, saying so on stderr.
func (c *cli) openReader(cf commonFlags) (reader, error) {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return nil, err
	}
	a, err := c.openArchiveOf(cfg)
	if err == nil {
		return a, nil
	}
	base, err := c.daemonInstead(cfg, err)
	if err != nil {
		return nil, err
	}
	return &apiReader{base: base}, nil
}

// daemonInstead decides what to do when opening the archive failed with
// openErr: when a running daemon holds the lock and answers at the
// configured listen address, it says so on stderr and returns the daemon's
// base URL ("http://host:port") to read through; otherwise openErr.
func (c *cli) daemonInstead(cfg *config.Config, openErr error) (string, error) {
	if !errors.Is(openErr, store.ErrLocked) {
		return "", openErr
	}
	base := "http://" + dialable(cfg.HTTP.Listen)
	if !daemonHealthy(base) {
		return "", openErr
	}
	fmt.Fprintf(c.stderr, "nianbao: the archive is in use by a running daemon; reading through %s\n", base)
	return base, nil
}

var _ reader = (*archive)(nil)

func (a *archive) reports(ctx context.Context, agency string, year int) ([]reportSummary, error) {
	q := store.ReportQuery{Agency: agency, Year: year, Limit: maxLimit}
	var out []reportSummary
	for {
		rs, next, err := a.store.Reports(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out = append(out, summarize(r))
		}
		if next == "" {
			return out, nil
		}
		q.Cursor = next
	}
}

func (a *archive) history(ctx context.Context, url string) ([]versionEntry, error) {
	vs, err := a.store.Versions(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%w: no archived versions of %s", errNotFound, url)
	}
	out := make([]versionEntry, 0, len(vs))
	for _, v := range vs {
		out = append(out, versionOf(v))
	}
	return out, nil
}

func (a *archive) report(ctx context.Context, id, vid string) (json.RawMessage, error) {
	rep, err := a.ex.report(ctx, id, vid)
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

func (a *archive) cleanText(ctx context.Context, id, vid string) (string, error) {
	return a.ex.cleanText(ctx, id, vid)
}

func (a *archive) raw(ctx context.Context, id, vid string) ([]byte, error) {
	v, _, err := a.ex.version(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	return a.store.Body(ctx, v.SHA256)
}

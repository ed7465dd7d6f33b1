package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// extractions serves extracted reports from the archive: from the store's
// cache when it holds a result for (version, extract.Version), otherwise by
// extracting the archived bytes and caching the result. Safe for
// concurrent use.
type extractions struct {
	store *store.Store
	x     *extract.Extractor
}

// pick returns the report's version vid, or its latest content version
// when vid is empty. A vid that is not a version of the report's URL is
// errNotFound.
func (e *extractions) pick(ctx context.Context, r store.Report, vid string) (store.Version, error) {
	if vid == "" {
		vs, err := e.store.ReportVersions(ctx, r.ID)
		if err != nil {
			return store.Version{}, err
		}
		if len(vs) == 0 {
			return store.Version{}, fmt.Errorf("%w: report %s has no archived content", errNotFound, r.ID)
		}
		return vs[len(vs)-1], nil
	}
	v, err := e.store.Version(ctx, vid)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalid) || (err == nil && v.URL != r.URL && v.FinalURL != r.URL) {
		return store.Version{}, fmt.Errorf("%w: report %s has no version %q", errNotFound, r.ID, vid)
	}
	if err == nil && v.SHA256 == "" {
		return store.Version{}, fmt.Errorf("%w: version %s of report %s holds no content (%s)", errNotFound, vid, r.ID, v.Outcome)
	}
	return v, err
}

// report returns the extracted report id at version vid ("" = latest),
// with id and source filled, as the object of report-schema.md.
func (e *extractions) report(ctx context.Context, id, vid string) (*extract.Report, error) {
	v, r, err := e.version(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	rep, err := e.extraction(ctx, r, v)
	if err != nil {
		return nil, err
	}
	setSource(rep, r.ID, v)
	return rep, nil
}

// extraction returns the cached extraction of v, computing and caching it
// on a miss. The cached object carries no id or source: those are the
// caller's to fill.
func (e *extractions) extraction(ctx context.Context, r store.Report, v store.Version) (*extract.Report, error) {
	key := e.contentVersion(ctx, v)
	if rep, err := e.cached(ctx, key); rep != nil || err != nil {
		return rep, err
	}
	body, err := e.store.Body(ctx, v.SHA256)
	if err != nil {
		return nil, fmt.Errorf("body of version %s: %w", v.ID, err)
	}
	rep, err := e.x.Extract(inputOf(v, body, r.Agency, r.Region))
	if err != nil {
		return nil, fmt.Errorf("extract version %s: %w", v.ID, err)
	}
	return rep, e.cache(ctx, key, rep)
}

// cached returns the cached extraction under key, or nil when there is none
// for this extractor version (an undecodable entry counts as none: it is
// recomputed and overwritten by the caller).
func (e *extractions) cached(ctx context.Context, key string) (*extract.Report, error) {
	data, err := e.store.Extraction(ctx, key, extract.Version)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rep := new(extract.Report)
	if json.Unmarshal(data, rep) != nil {
		return nil, nil
	}
	return rep, nil
}

// ofFetch returns the extraction of a body just fetched as version v. A
// body the URL already had (unchanged, not_modified) is taken from the
// cache entry of the version that first brought it, so scheduled re-crawls
// do not extract every report again; new content is extracted and cached
// under v. Failing to write the cache is logged, not returned: it only
// saves work.
func (e *extractions) ofFetch(ctx context.Context, v store.Version, body []byte, agency, region string, log *slog.Logger) (*extract.Report, error) {
	key := e.contentVersion(ctx, v)
	if key != v.ID {
		rep, err := e.cached(ctx, key)
		if rep != nil || err != nil {
			return rep, err
		}
	}
	rep, err := e.x.Extract(inputOf(v, body, agency, region))
	if err != nil {
		return nil, err
	}
	if err := e.cache(ctx, key, rep); err != nil {
		log.Warn("cache extraction", "url", v.URL, "version", key, "error", err)
	}
	return rep, nil
}

// contentVersion returns the id under which v's extraction is cached: v's
// own when it brought new content, else that of the newest version of its
// URL that brought the same body, so refetches that changed nothing share
// one entry.
func (e *extractions) contentVersion(ctx context.Context, v store.Version) string {
	if v.Outcome == store.OutcomeNew {
		return v.ID
	}
	vs, err := e.store.Versions(ctx, v.URL)
	if err != nil {
		return v.ID
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Outcome == store.OutcomeNew && vs[i].SHA256 == v.SHA256 {
			return vs[i].ID
		}
	}
	return v.ID
}

// cache stores rep as the extraction of version vid.
func (e *extractions) cache(ctx context.Context, vid string, rep *extract.Report) error {
	data, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode extraction of %s: %w", vid, err)
	}
	return e.store.PutExtraction(ctx, vid, extract.Version, data)
}

// cleanText returns the cleaned text of report id at version vid.
func (e *extractions) cleanText(ctx context.Context, id, vid string) (string, error) {
	v, r, err := e.version(ctx, id, vid)
	if err != nil {
		return "", err
	}
	body, err := e.store.Body(ctx, v.SHA256)
	if err != nil {
		return "", fmt.Errorf("body of version %s: %w", v.ID, err)
	}
	return e.x.CleanText(inputOf(v, body, r.Agency, r.Region))
}

// version returns the chosen version of report id and the report record.
func (e *extractions) version(ctx context.Context, id, vid string) (store.Version, store.Report, error) {
	r, err := e.store.Report(ctx, id)
	if errors.Is(err, store.ErrInvalid) { // not an id the archive could have issued
		return store.Version{}, r, fmt.Errorf("%w: report %q", errNotFound, id)
	}
	if err != nil {
		return store.Version{}, r, fmt.Errorf("report %q: %w", id, err)
	}
	v, err := e.pick(ctx, r, vid)
	return v, r, err
}

// inputOf builds the extractor's input for an archived version.
func inputOf(v store.Version, body []byte, agency, region string) extract.Input {
	u := v.FinalURL
	if u == "" {
		u = v.URL
	}
	return extract.Input{Body: body, ContentType: v.ContentType, URL: u, Agency: agency, Region: region}
}

// setSource fills the fields of an extracted report that only the archive
// knows: its report id and the version it was extracted from.
func setSource(rep *extract.Report, reportID string, v store.Version) {
	rep.ID = reportID
	rep.Source = &extract.Source{URL: v.URL, Version: v.ID, FetchedAt: v.FetchedAt.UTC().Format(time.RFC3339), SHA256: v.SHA256}
}

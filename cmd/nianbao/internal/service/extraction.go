package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Extraction returns the extracted report of version v of report r, with
// id and source filled, as the object of report-schema.md: from the
// archive's cache when it holds a result for (v, extract.Version),
// otherwise by extracting the archived bytes and caching the result.
// r may be a bare store.Report{URL: …} for a URL the index does not hold
// (the id stays empty); its agency and region are the extractor's hints.
func (s *Service) Extraction(ctx context.Context, r store.Report, v store.Version) (*extract.Report, error) {
	key := s.contentVersion(ctx, v)
	rep, err := s.cached(ctx, key)
	if err != nil {
		return nil, err
	}
	if rep == nil {
		body, err := s.store.Body(ctx, v.SHA256)
		if err != nil {
			return nil, fmt.Errorf("body of version %s: %w", v.ID, err)
		}
		if rep, err = s.x.Extract(s.inputOf(v, body, r)); err != nil {
			return nil, fmt.Errorf("extract version %s: %w", v.ID, err)
		}
		// A read-only archive (the read commands) keeps no cache: the
		// extraction is simply made again next time.
		if err := s.cache(ctx, key, rep); err != nil && !errors.Is(err, store.ErrReadOnly) {
			return nil, err
		}
	}
	setSource(rep, r.ID, v)
	return rep, nil
}

// cached returns the cached extraction under key, or nil when there is none
// for this extractor version (an undecodable entry counts as none: it is
// recomputed and overwritten by the caller). The cached object carries no
// id or source.
func (s *Service) cached(ctx context.Context, key string) (*extract.Report, error) {
	data, err := s.store.Extraction(ctx, key, extract.Version)
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

// ofFetch returns the extraction of a body just fetched as version v;
// body gives the bytes and is asked only when they are to be extracted. A
// body the URL already had (unchanged, not_modified) is taken from the
// cache entry of the version that first brought it, so scheduled re-crawls
// do not extract every report again; new content is extracted and cached
// under v. Failing to write the cache is logged, not returned: it only
// saves work.
func (s *Service) ofFetch(ctx context.Context, v store.Version, body func(context.Context) ([]byte, error), p config.Portal, log *slog.Logger) (*extract.Report, error) {
	key := s.contentVersion(ctx, v)
	if key != v.ID {
		rep, err := s.cached(ctx, key)
		if rep != nil || err != nil {
			return rep, err
		}
	}
	raw, err := body(ctx)
	if err != nil {
		return nil, err
	}
	rep, err := s.x.Extract(input(v, raw, p.Agency, p.Region, p.Charset))
	if err != nil {
		return nil, err
	}
	if err := s.cache(ctx, key, rep); err != nil {
		log.Warn("cache extraction", "url", v.URL, "version", key, "error", err)
	}
	return rep, nil
}

// contentVersion returns the id under which v's extraction is cached: v's
// own when it brought new content, else that of the newest version of its
// URL that brought the same body, so refetches that changed nothing share
// one entry.
func (s *Service) contentVersion(ctx context.Context, v store.Version) string {
	if v.Outcome == store.OutcomeNew {
		return v.ID
	}
	vs, err := s.store.Versions(ctx, v.URL)
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
func (s *Service) cache(ctx context.Context, vid string, rep *extract.Report) error {
	data, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode extraction of %s: %w", vid, err)
	}
	return s.store.PutExtraction(ctx, vid, extract.Version, data)
}

// inputOf builds the extractor's input for archived version v of report
// r: r's agency and region as hints, the charset of the portal that
// fetched v forced.
func (s *Service) inputOf(v store.Version, body []byte, r store.Report) extract.Input {
	return input(v, body, r.Agency, r.Region, s.charset(v.Portal))
}

// input builds the extractor's input for version v.
func input(v store.Version, body []byte, agency, region, charset string) extract.Input {
	u := v.FinalURL
	if u == "" {
		u = v.URL
	}
	return extract.Input{Body: body, ContentType: v.ContentType, Charset: charset, URL: u, Agency: agency, Region: region}
}

// setSource fills the fields of an extracted report that only the archive
// knows: its report id and the version it was extracted from.
func setSource(rep *extract.Report, reportID string, v store.Version) {
	rep.ID = reportID
	rep.Source = &extract.Source{URL: v.URL, Version: v.ID, FetchedAt: v.FetchedAt.UTC().Format(time.RFC3339), SHA256: v.SHA256}
}

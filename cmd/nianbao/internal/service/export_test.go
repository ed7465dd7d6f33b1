package service

import (
	"context"

	"github.com/nianbao/nianbao/store"
)

// ExtractUncached extracts version v of report r as on a cache miss (a
// new extractor version) — read the body, extract, cache — for the
// external benchmarks.
func (s *Service) ExtractUncached(ctx context.Context, r store.Report, v store.Version) error {
	body, err := s.store.Body(ctx, v.SHA256)
	if err != nil {
		return err
	}
	rep, err := s.x.Extract(s.inputOf(v, body, r))
	if err != nil {
		return err
	}
	return s.cache(ctx, v.ID, rep)
}

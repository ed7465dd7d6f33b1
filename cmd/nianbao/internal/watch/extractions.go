package watch

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Bodies reads archived bodies; *store.Store is one.
type Bodies interface {
	Body(ctx context.Context, sha256 string) ([]byte, error)
}

// bodyExtractions extracts archived bytes on every call, with no cache.
type bodyExtractions struct {
	bodies Bodies
	x      *extract.Extractor
}

// NewExtractions returns Extractions that extract the archived bytes of
// each version with x, caching nothing (the daemon's own extractions,
// which cache in the archive, are the faster choice where they exist).
func NewExtractions(bodies Bodies, x *extract.Extractor) Extractions {
	return bodyExtractions{bodies: bodies, x: x}
}

// Extraction implements Extractions.
func (b bodyExtractions) Extraction(ctx context.Context, r store.Report, v store.Version) (*extract.Report, error) {
	body, err := b.bodies.Body(ctx, v.SHA256)
	if err != nil {
		return nil, fmt.Errorf("watch: body of version %s: %w", v.ID, err)
	}
	u := v.FinalURL
	if u == "" {
		u = v.URL
	}
	rep, err := b.x.Extract(extract.Input{Body: body, ContentType: v.ContentType, URL: u, Agency: r.Agency, Region: r.Region})
	if err != nil {
		return nil, fmt.Errorf("watch: extract version %s: %w", v.ID, err)
	}
	return rep, nil
}

package main

import (
	"context"
	"log/slog"

	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// classifier is the crawler's Classifier: it extracts a fetched report
// candidate with the portal's agency and region as hints and says whether
// it is an annual report. Fields the extractor could not find are left
// empty for the crawler to fill from the portal and the link. The extraction is cached in the archive, so show
// and the API do not repeat it.
type classifier struct {
	ex  *extractions
	log *slog.Logger
}

var _ crawler.Classifier = classifier{}

// Classify implements crawler.Classifier.
func (c classifier) Classify(ctx context.Context, p crawler.Page) (store.ReportEntry, bool, error) {
	if p.Version.SHA256 == "" || len(p.Body) == 0 {
		return store.ReportEntry{}, false, nil
	}
	rep, err := c.ex.x.Extract(inputOf(p.Version, p.Body, p.Portal.Agency, p.Portal.Region))
	if err != nil {
		return store.ReportEntry{}, false, err
	}
	if err := c.ex.cache(ctx, p.Version.ID, rep); err != nil {
		// The cache only saves work; show will extract again on a miss.
		c.log.Warn("cache extraction", "portal", p.Portal.Name, "url", p.Version.URL, "version", p.Version.ID, "error", err)
	}
	if !rep.IsReport {
		return store.ReportEntry{}, false, nil
	}
	e := store.ReportEntry{
		Agency: rep.Agency, Region: rep.Region, Title: rep.Title, Published: rep.Published,
		Template: string(rep.Template), URL: p.Version.URL, Portal: p.Portal.Name,
		Year: rep.Year, VersionID: p.Version.ID,
	}
	return e, true, nil
}

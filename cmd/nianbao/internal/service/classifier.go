package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Classifier is the crawler's Classifier over a Service: it extracts a
// fetched report candidate with the portal's agency and region as hints
// and says whether it is an annual report. Fields the extractor could not
// find are left empty for the crawler to fill from the portal and the
// link. Extractions are cached in the archive, so re-crawls of unchanged
// pages, show and the API do not repeat them.
type Classifier struct {
	svc *Service
	log *slog.Logger
}

var _ crawler.Classifier = Classifier{}

// Classifier returns the crawler's Classifier over s; cache failures are
// logged to log, tagged with the portal.
func (s *Service) Classifier(log *slog.Logger) Classifier {
	return Classifier{svc: s, log: log}
}

// errNoBody marks a classification that never had the body to read (the
// archive failed, or the wait for the extractor ended): an error of the
// daemon, not a document the extractor could not read.
var errNoBody = errors.New("body not read")

// Classify implements crawler.Classifier. A document whose extraction is
// not cached waits for its turn at the extractor (one at a time, as PDFium
// reads them) before its body is read from the archive, so that documents
// queued behind a slow one hold no memory; a cached one waits for nothing.
func (c Classifier) Classify(ctx context.Context, p crawler.Page) (store.ReportEntry, bool, error) {
	if p.Version.SHA256 == "" || (!p.Document && len(p.Body) == 0) {
		return store.ReportEntry{}, false, nil
	}
	turn := false
	defer func() {
		if turn {
			<-c.svc.documents
		}
	}()
	body := func(ctx context.Context) ([]byte, error) {
		if p.Document {
			select {
			case c.svc.documents <- struct{}{}:
				turn = true
			case <-ctx.Done():
				return nil, fmt.Errorf("wait to read document %s: %w: %w", p.Version.URL, errNoBody, context.Cause(ctx))
			}
		}
		raw, err := p.Raw(ctx)
		if err != nil {
			return nil, fmt.Errorf("read archived body of %s: %w: %w", p.Version.URL, errNoBody, err)
		}
		return raw, nil
	}
	log := c.log.With("portal", p.Portal.Name)
	rep, err := c.svc.ofFetch(ctx, p.Version, body, p.Portal, log)
	if p.Document && p.LinkYear != 0 && !errors.Is(err, errNoBody) && (err != nil || !rep.IsReport) {
		return unreadDocument(p, rep, err, log), true, nil
	}
	if err != nil {
		return store.ReportEntry{}, false, err
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

// unreadDocument is the index entry of a report published as a document
// (a PDF, a Word file …) that the extractor cannot read, or read without
// finding a report in it: the crawler linked it as a report, so it is
// indexed from the link's title and year — never dropped — with a
// template saying it was not read and why, and a WARN.
func unreadDocument(p crawler.Page, rep *extract.Report, err error, log *slog.Logger) store.ReportEntry {
	why := "not recognised as a report"
	switch {
	case err != nil:
		why = err.Error()
	case rep != nil && len(rep.Warnings) > 0:
		why = rep.Warnings[0]
	}
	log.Warn("report document indexed unread", "url", p.Version.URL, "linked_from", p.Referrer, "year", p.LinkYear, "why", why)
	return store.ReportEntry{Title: p.LinkText, Year: p.LinkYear, Template: "unread: " + why,
		URL: p.Version.URL, Portal: p.Portal.Name, VersionID: p.Version.ID}
}

package api

import (
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/store"
)

// ReportSummary is one report in `reports --format json` and
// GET /api/v1/reports (interfaces.md).
type ReportSummary struct {
	ID        string    `json:"id"`
	Agency    string    `json:"agency"`
	Region    string    `json:"region"`
	Year      int       `json:"year"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Published string    `json:"published"`
	Template  string    `json:"template"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Versions  int       `json:"versions"`
	// Status is live, gone (withdrawn: the URL answers 404/410) or failing
	// (the latest fetch failed); StatusSince is when it began, absent when
	// live. WithdrawnAt and ReturnedAt bound the latest withdrawal the
	// report came back from, absent when it never did.
	Status      string     `json:"status"`
	StatusSince *time.Time `json:"status_since,omitempty"`
	WithdrawnAt *time.Time `json:"withdrawn_at,omitempty"`
	ReturnedAt  *time.Time `json:"returned_at,omitempty"`
}

// timeOrNil is t in UTC, nil for the zero time.
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// Summarize is the wire form of an index entry.
func Summarize(r store.Report) ReportSummary {
	return ReportSummary{
		ID: r.ID, Agency: r.Agency, Region: r.Region, Year: r.Year, Title: r.Title, URL: r.URL,
		Published: r.Published, Template: r.Template,
		FirstSeen: r.FirstSeen.UTC(), LastSeen: r.LastSeen.UTC(), Versions: r.Versions,
		Status: string(r.Status), StatusSince: timeOrNil(r.StatusSince),
		WithdrawnAt: timeOrNil(r.WithdrawnAt), ReturnedAt: timeOrNil(r.ReturnedAt),
	}
}

// VersionEntry is one fetch in `history --format json` and
// GET /api/v1/pages (interfaces.md).
type VersionEntry struct {
	Version     string    `json:"version"`
	FetchedAt   time.Time `json:"fetched_at"`
	URL         string    `json:"url"`
	FinalURL    string    `json:"final_url"`
	Status      int       `json:"status"`
	Outcome     string    `json:"outcome"`
	Reason      string    `json:"reason,omitempty"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	ContentType string    `json:"content_type,omitempty"`
}

// VersionOf is the wire form of a version.
func VersionOf(v store.Version) VersionEntry {
	return VersionEntry{
		Version: v.ID, FetchedAt: v.FetchedAt.UTC(), URL: v.URL, FinalURL: v.FinalURL,
		Status: v.Status, Outcome: string(v.Outcome), Reason: v.Reason,
		SHA256: v.SHA256, Size: v.Size, ContentType: v.ContentType,
	}
}

// Changed says whether the version brought content different from the
// one before it (service.Changed): the yes/no column of `history`.
func (v VersionEntry) Changed() bool {
	return service.Changed(store.Version{Outcome: store.Outcome(v.Outcome)})
}

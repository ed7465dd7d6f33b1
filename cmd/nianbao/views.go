package main

import (
	"time"

	"github.com/nianbao/nianbao/store"
)

// reportSummary is one report in `reports --format json` and
// GET /api/v1/reports (interfaces.md).
type reportSummary struct {
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
}

func summarize(r store.Report) reportSummary {
	return reportSummary{
		ID: r.ID, Agency: r.Agency, Region: r.Region, Year: r.Year, Title: r.Title, URL: r.URL,
		Published: r.Published, Template: r.Template,
		FirstSeen: r.FirstSeen.UTC(), LastSeen: r.LastSeen.UTC(), Versions: r.Versions,
	}
}

// versionEntry is one fetch in `history --format json` and
// GET /api/v1/pages (interfaces.md).
type versionEntry struct {
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

func versionOf(v store.Version) versionEntry {
	return versionEntry{
		Version: v.ID, FetchedAt: v.FetchedAt.UTC(), URL: v.URL, FinalURL: v.FinalURL,
		Status: v.Status, Outcome: string(v.Outcome), Reason: v.Reason,
		SHA256: v.SHA256, Size: v.Size, ContentType: v.ContentType,
	}
}

// changed says whether a version brought content different from the one
// before it: the yes/no column of `history`.
func (v versionEntry) changed() bool {
	return v.Outcome == string(store.OutcomeNew) || v.Outcome == string(store.OutcomeGone)
}

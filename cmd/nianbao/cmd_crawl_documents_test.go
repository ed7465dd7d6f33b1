package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// TestCLICrawlDocuments: a report published only as a PDF, and one behind
// a page that says 详见附件 with a DOCX, are indexed by agency and year. The
// DOCX carries the report's title, so the extractor reads it as a report
// (template unknown: it has no tables); the simulator's PDF holds one line
// of ASCII, no report, so it is indexed from its link with a template
// saying it was not read and why.
func TestCLICrawlDocuments(t *testing.T) {
	farm, err := portalsim.New([]portalsim.Site{{Family: portalsim.Plain, Reports: 4, Documents: true}}, portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer farm.Close()
	h := farm.Hosts()[0]
	dir := t.TempDir()
	cfg := simConfig(t, filepath.Join(dir, "c.yaml"), farm.Hosts())
	db := filepath.Join(dir, "archive.db")
	if code, out, errs := runCLI(t, nil, "crawl", "-c", cfg, "--db", db); code != 0 {
		t.Fatalf("crawl: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := runCLI(t, nil, "reports", "-c", cfg, "--db", db, "--format", "json")
	var got []api.ReportSummary
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
		t.Fatalf("reports: exit %d, %v\n%s%s", code, err, out, errs)
	}
	byURL := map[string]api.ReportSummary{}
	for _, r := range got {
		byURL[r.URL] = r
	}
	docs := 0
	for _, r := range h.Reports() {
		g, ok := byURL[r.URL]
		if !ok {
			t.Errorf("report %s (%d) not listed", r.URL, r.Year)
			continue
		}
		if g.Year != r.Year || g.Agency != r.Agency {
			t.Errorf("%s listed as %s %d, want %s %d", r.URL, g.Agency, g.Year, r.Agency, r.Year)
		}
		if r.Document {
			docs++
			switch unread := strings.HasPrefix(g.Template, "unread: "); {
			case strings.HasSuffix(r.URL, ".pdf") && !unread:
				t.Errorf("PDF %s listed with template %q, want the unread status", r.URL, g.Template)
			case strings.HasSuffix(r.URL, ".docx") && (unread || g.Title == ""):
				t.Errorf("DOCX %s listed with template %q, title %q; want it read", r.URL, g.Template, g.Title)
			}
		}
	}
	if docs != 2 {
		t.Errorf("%d document reports, want the PDF and the DOCX", docs)
	}
}

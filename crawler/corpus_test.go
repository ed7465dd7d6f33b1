package crawler

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusFile reads a real page from the shared corpus, skipping when absent.
func corpusFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "real", name))
	if err != nil {
		t.Skipf("real corpus not available: %v", err)
	}
	return b
}

// TestReportLinksRealColumn runs link discovery on a real TRS column page
// (平潭 政府信息公开年报): its static items are annual reports with years.
func TestReportLinksRealColumn(t *testing.T) {
	body := corpusFile(t, "pingtan__zfxxgknb_list_index.html")
	page := mustURL(t, "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/")
	links, _ := reportLinks(mustDoc(t, string(decodeHTML(body, "text/html", ""))), page, newHostSet(nil, page), nil, wording{})
	if len(links) < 5 {
		t.Fatalf("found %d report links on the real column, want the static items: %+v", len(links), links)
	}
	for _, l := range links {
		if l.Year < 2008 || l.Year > 2030 {
			t.Errorf("link %+v has no plausible year", l)
		}
	}
}

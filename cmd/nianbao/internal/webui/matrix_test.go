package webui

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

// matrixRows reads the matrix as a user sees it: agency → year label →
// the hrefs of the cell's links.
func matrixRows(doc *goquery.Document) map[string]map[string][]string {
	var years []string
	doc.Find("table.matrix thead th.year").Each(func(_ int, s *goquery.Selection) { years = append(years, text(s)) })
	out := map[string]map[string][]string{}
	doc.Find("table.matrix tbody tr").Each(func(_ int, tr *goquery.Selection) {
		agency := tr.Find("th.agency").Contents().First().Text()
		cells := map[string][]string{}
		tr.Find("td").Each(func(i int, td *goquery.Selection) {
			td.Find("a.report").Each(func(_ int, a *goquery.Selection) {
				cells[years[i]] = append(cells[years[i]], a.AttrOr("href", ""))
			})
		})
		out[agency] = cells
	})
	return out
}

func TestUIMatrix(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestUI(t, sd)
	q := url.QueryEscape
	suqian, suyuA, suyuB := "/reports/"+sd.ReportID, "/reports/"+sd.Others["suyu2021a"], "/reports/"+sd.Others["suyu2021b"]
	tests := []struct {
		name     string
		path     string
		agencies []string            // rows, in order
		cells    map[string][]string // "agency year" → links
		next     bool
	}{
		{"every agency and year, cells link to reports", "/", []string{"宿豫区人民政府", "宿迁市人民政府", "泗洪县人民政府"},
			map[string][]string{"宿迁市人民政府 2021": {suqian}, "宿豫区人民政府 2021": {suyuA, suyuB}, "泗洪县人民政府 2019": {"/reports/" + sd.Others["sihong2019"]}}, false},
		{"traditional agency finds simplified", "/?agency=" + q("宿遷市"), []string{"宿迁市人民政府"},
			map[string][]string{"宿迁市人民政府 2021": {suqian}}, false},
		{"simplified substring", "/?agency=" + q("泗洪"), []string{"泗洪县人民政府"}, nil, false},
		{"year filter", "/?year=2019", []string{"泗洪县人民政府"}, map[string][]string{"泗洪县人民政府 2019": {"/reports/" + sd.Others["sihong2019"]}}, false},
		{"year with no reports", "/?year=2008", nil, nil, false},
		{"first page of one agency", "/?limit=1", []string{"宿豫区人民政府"}, map[string][]string{"宿豫区人民政府 2021": {suyuA, suyuB}}, true},
		{"two agencies per page", "/?limit=2", []string{"宿豫区人民政府", "宿迁市人民政府"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, doc := getPage(t, h, http.MethodGet, tt.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200: %s", tt.path, rec.Code, rec.Body)
			}
			rows := matrixRows(doc)
			var got []string
			doc.Find("table.matrix tbody th.agency").Each(func(_ int, s *goquery.Selection) { got = append(got, s.Contents().First().Text()) })
			if !slices.Equal(got, tt.agencies) {
				t.Errorf("rows = %v, want %v", got, tt.agencies)
			}
			for where, want := range tt.cells {
				agency, year, _ := strings.Cut(where, " ")
				if g := rows[agency][year]; !slices.Equal(g, want) {
					t.Errorf("cell %s = %v, want %v", where, g, want)
				}
			}
			if _, ok := doc.Find("a[rel=next]").Attr("href"); ok != tt.next {
				t.Errorf("next link present = %v, want %v", ok, tt.next)
			}
			if tt.agencies == nil && doc.Find("p.empty").Length() != 1 {
				t.Errorf("no rows but no 'empty' notice")
			}
		})
	}
}

// TestUIMatrixPaging follows the next links to the end: every agency is
// shown once and the filters are kept.
func TestUIMatrixPaging(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestUI(t, sd)
	var seen []string
	path := "/?limit=1&agency=" + url.QueryEscape("人民政府")
	for range 10 {
		rec, doc := getPage(t, h, http.MethodGet, path)
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d", path, rec.Code)
		}
		doc.Find("table.matrix tbody th.agency").Each(func(_ int, s *goquery.Selection) { seen = append(seen, s.Contents().First().Text()) })
		next, ok := doc.Find("a[rel=next]").Attr("href")
		if !ok {
			break
		}
		if !strings.Contains(next, "agency=") || !strings.Contains(next, "limit=1") {
			t.Errorf("next link %q drops the filters", next)
		}
		path = next
	}
	if want := []string{"宿豫区人民政府", "宿迁市人民政府", "泗洪县人民政府"}; !slices.Equal(seen, want) {
		t.Errorf("agencies over all pages = %v, want %v", seen, want)
	}
}

// TestUIMatrixManyAgencies pages through 130 agencies with five reports
// each: every page holds whole agencies (also when a page needs more than
// one store query), and every agency and report is shown exactly once.
func TestUIMatrixManyAgencies(t *testing.T) {
	const agencies, years = 130, 5
	var entries []store.ReportEntry
	for a := range agencies {
		for y := range years {
			entries = append(entries, store.ReportEntry{
				Agency: fmt.Sprintf("第%03d街道办事处", a), Year: 2017 + y,
				URL: fmt.Sprintf("http://127.0.0.1:1/%d/%d.html", a, y), Title: "年报",
			})
		}
	}
	h := newUIOnly(t, entries)
	for _, tt := range []struct {
		limit int
		pages []int // rows per page
	}{
		{50, []int{50, 50, 30}},
		{120, []int{120, 10}}, // 600 reports: two store reads, then a cut
		{500, []int{130}},
	} {
		t.Run(fmt.Sprint("limit ", tt.limit), func(t *testing.T) {
			seen := map[string]int{}
			links := 0
			var rows []int
			path := fmt.Sprintf("/?limit=%d", tt.limit)
			for path != "" && len(rows) < 10 {
				rec, doc := getPage(t, h, http.MethodGet, path)
				if rec.Code != 200 {
					t.Fatalf("GET %s = %d: %s", path, rec.Code, rec.Body)
				}
				n := 0
				doc.Find("table.matrix tbody tr").Each(func(_ int, tr *goquery.Selection) {
					n++
					seen[tr.Find("th.agency").Contents().First().Text()]++
					if got := tr.Find("a.report").Length(); got != years {
						t.Errorf("row %d of %s has %d reports, want %d", n, path, got, years)
					}
					links += tr.Find("a.report").Length()
				})
				rows = append(rows, n)
				path = doc.Find("a[rel=next]").AttrOr("href", "")
			}
			if fmt.Sprint(rows) != fmt.Sprint(tt.pages) {
				t.Errorf("rows per page = %v, want %v", rows, tt.pages)
			}
			if len(seen) != agencies || links != agencies*years {
				t.Errorf("saw %d agencies and %d reports, want %d and %d", len(seen), links, agencies, agencies*years)
			}
			for a, n := range seen {
				if n != 1 {
					t.Errorf("agency %s shown %d times", a, n)
				}
			}
		})
	}
}

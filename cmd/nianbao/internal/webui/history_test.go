package webui

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

func TestUIHistory(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestUI(t, sd)
	for _, path := range []string{"/reports/" + sd.ReportID + "/history", "/history?url=" + url.QueryEscape(sd.URL)} {
		t.Run(path, func(t *testing.T) {
			rec, doc := getPage(t, h, http.MethodGet, path)
			if rec.Code != 200 {
				t.Fatalf("GET %s = %d: %s", path, rec.Code, rec.Body)
			}
			var outcomes []string
			doc.Find("tr.version td.outcome").Each(func(_ int, s *goquery.Selection) { outcomes = append(outcomes, s.Parent().AttrOr("data-outcome", "")) })
			want := []string{"new", "unchanged", "new", "failed", "new", "new"}
			if !slices.Equal(outcomes, want) {
				t.Errorf("versions = %v, want %v", outcomes, want)
			}
			if got := text(doc.Find(`tr.version[data-version="` + sd.Versions[3].ID + `"] td.outcome`)); !strings.Contains(got, "timeout") {
				t.Errorf("failed version outcome = %q, want the reason", got)
			}
			ids := doc.Find("section.change").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("id", "") })
			if want := []string{"diff-" + sd.Versions[5].ID, "diff-" + sd.Versions[4].ID, "diff-" + sd.Versions[2].ID}; !slices.Equal(ids, want) {
				t.Fatalf("diff sections = %v, want %v (newest first)", ids, want)
			}
			for _, tt := range []struct {
				version  string
				cells    map[string]string // data-cell → "old→new"
				del, ins []string          // marked characters
				delLine  string
			}{
				{sd.Versions[5].ID, map[string]string{"active/licensing/decisions": "1520→1600"}, []string{"4", "52"}, []string{"6", "60"}, "2294条"},
				{sd.Versions[4].ID, map[string]string{"requests/rejected_repeat/0": "0→空", "requests/unavailable_not_held/6": "3→4"}, []string{"5", "3", "0"}, []string{"4", "4"}, "2295条"},
				{sd.Versions[2].ID, map[string]string{}, []string{"4"}, []string{"5"}, "2294条"},
			} {
				sec := doc.Find("section#diff-" + tt.version)
				got := map[string]string{}
				sec.Find("table.cell-diff tbody tr").Each(func(_ int, tr *goquery.Selection) {
					got[tr.AttrOr("data-cell", "")] = text(tr.Find("td.old")) + "→" + text(tr.Find("td.new"))
				})
				if !maps.Equal(got, tt.cells) {
					t.Errorf("version %s changed cells = %v, want %v", tt.version, got, tt.cells)
				}
				if len(tt.cells) == 0 && !strings.Contains(text(sec), "表格数字没有变化") {
					t.Errorf("version %s: no 'numbers unchanged' notice", tt.version)
				}
				marks := func(sel string) []string {
					return sec.Find(sel).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
				}
				if got := marks(".diff .del del"); !slices.Equal(got, tt.del) {
					t.Errorf("version %s deleted characters = %q, want %q", tt.version, got, tt.del)
				}
				if got := marks(".diff .ins ins"); !slices.Equal(got, tt.ins) {
					t.Errorf("version %s inserted characters = %q, want %q", tt.version, got, tt.ins)
				}
				if got := text(sec.Find(".diff .del").First()); !strings.Contains(got, tt.delLine) {
					t.Errorf("version %s first deleted line = %q, want it to contain %q", tt.version, got, tt.delLine)
				}
			}
		})
	}
}

// TestUIHistoryGolden keeps what a reader sees of the seeded history's
// changes — headings, changed cells, diff lines — in
// testdata/ui_history.golden (rewritten with -update).
func TestUIHistoryGolden(t *testing.T) {
	sd := testarchive.SeedUI(t)
	_, doc := getPage(t, newTestUI(t, sd), http.MethodGet, "/reports/"+sd.ReportID+"/history")
	var b strings.Builder
	doc.Find("section.change").Each(func(_ int, sec *goquery.Selection) {
		b.WriteString("## " + text(sec.Find("h3")) + "\n")
		sec.Find("ul.table-changes li").Each(func(_ int, s *goquery.Selection) { b.WriteString(text(s) + "\n") })
		sec.Find("table.cell-diff tbody tr").Each(func(_ int, tr *goquery.Selection) {
			b.WriteString(strings.Join(tr.Find("td").Map(func(_ int, s *goquery.Selection) string { return text(s) }), " | ") + "\n")
		})
		sec.Find(".diff > div").Each(func(_ int, s *goquery.Selection) {
			s.Contents().Each(func(_ int, n *goquery.Selection) {
				if n.Is("ins, del") {
					b.WriteString("[" + n.Text() + "]")
				} else {
					b.WriteString(n.Text())
				}
			})
			b.WriteString("\n")
		})
	})
	assert.Check(t, golden.String(b.String(), "ui_history.golden"))
}

// TestUIHistoryPaging: a page edited eight times shows every fetch, diffs
// the latest five changes, and links to a page with the two before them.
func TestUIHistoryPaging(t *testing.T) {
	const page = "http://127.0.0.1:1/notice.html"
	x := testarchive.Extractor(t)
	s, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{NoSync: true, Normalize: x.Simplify})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	var ids []string
	for i := range 8 {
		body := fmt.Sprintf("<html><head><title>通知</title></head><body><h1>关于年报的通知</h1><p>这是第%d版的正文，说明年度报告的发布安排。</p><p>联系电话：0527-8000000</p></body></html>", i+1)
		v, err := s.Record(context.Background(), store.Fetch{URL: page, FinalURL: page, FetchedAt: testarchive.T0.Add(time.Duration(i) * time.Hour), Status: 200, Header: hdr, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	mux := NewHandler(service.New(s, x, service.Options{}), Options{Logger: testarchive.Discard()})

	sections := func(doc *goquery.Document) []string {
		return doc.Find("section.change").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("id", "") })
	}
	rec, doc := getPage(t, mux, http.MethodGet, "/history?url="+url.QueryEscape(page))
	if rec.Code != 200 {
		t.Fatalf("history = %d: %s", rec.Code, rec.Body)
	}
	if n := doc.Find("tr.version").Length(); n != 8 {
		t.Errorf("versions listed = %d, want 8", n)
	}
	if got, want := sections(doc), []string{"diff-" + ids[7], "diff-" + ids[6], "diff-" + ids[5], "diff-" + ids[4], "diff-" + ids[3]}; !slices.Equal(got, want) {
		t.Errorf("diffs = %v, want %v", got, want)
	}
	if got := text(doc.Find("section#diff-" + ids[7] + " .diff .ins ins")); got != "8" {
		t.Errorf("latest change inserts %q, want 8", got)
	}
	earlier := doc.Find("p.pager a").AttrOr("href", "")
	if earlier == "" {
		t.Fatal("no link to earlier changes")
	}
	_, doc = getPage(t, mux, http.MethodGet, earlier)
	if got, want := sections(doc), []string{"diff-" + ids[2], "diff-" + ids[1]}; !slices.Equal(got, want) {
		t.Errorf("earlier diffs = %v, want %v", got, want)
	}
	if doc.Find("p.pager a").Length() != 0 {
		t.Errorf("the earliest changes link to still earlier ones")
	}
}

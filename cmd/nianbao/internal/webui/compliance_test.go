package webui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// newWatchedUI serves an archive of index entries with the compliance
// page and marks, for two configured portals, at 2023-05-01.
func newWatchedUI(tb testing.TB) http.Handler {
	tb.Helper()
	svc, x := indexOnly(tb, []store.ReportEntry{
		{Agency: "泗洪县人民政府", Year: 2019, Title: "泗洪县2019年报", URL: "http://127.0.0.1:1/sihong/2019.html", Published: "2020-03-30"},
		{Agency: "泗洪县人民政府", Year: 2020, Title: "泗洪县2020年报", URL: "http://127.0.0.1:1/sihong/2020.html", Published: "2021-04-10"},
		{Agency: "宿豫区教育局", Year: 2021, Title: "宿豫区教育局2021年报", URL: "http://127.0.0.1:1/suyu/2021.html", Published: "2022-01-20"},
	})
	portals := []config.Portal{
		{Name: "sihong", Agency: "泗洪县人民政府", Region: "江苏省宿迁市泗洪县", Level: "county", Column: "http://127.0.0.1:1/sihong/"},
		{Name: "suyu-edu", Agency: "宿豫区教育局", Region: "江苏省宿迁市宿豫区", Level: "department", Column: "http://127.0.0.1:1/suyu/"},
	}
	now := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	r := watch.NewReader(svc.Store(), x.Simplify, func() []config.Portal { return portals }, func() time.Time { return now })
	return NewHandler(svc, Options{Watch: r, Logger: testarchive.Discard()})
}

func TestCompliancePage(t *testing.T) {
	h := newWatchedUI(t)
	rec, doc := getPage(t, h, http.MethodGet, "/compliance?year=2020")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /compliance?year=2020 = %d\n%s", rec.Code, rec.Body)
	}
	rows := map[string]string{}
	doc.Find("table.compliance tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows[text(tr.Find("th"))] = text(tr.Find("td").Eq(3))
	})
	if rows["泗洪县人民政府"] != "逾期 10 天" || rows["宿豫区教育局"] != "缺失" {
		t.Errorf("compliance rows = %q; want 泗洪 逾期 10 天 (published 2021-04-10 after 03-31), 宿豫区教育局 缺失 (a department, due 01-31)", rows)
	}
	var totals []string
	doc.Find("table.counts tr.total td").Each(func(_ int, td *goquery.Selection) { totals = append(totals, text(td)) })
	if got := strings.Join(totals, " "); got != "0 1 1 0 0 2" {
		t.Errorf("totals row = %q, want 0 on time, 1 late, 1 missing of 2", got)
	}
	if rec, _ := getPage(t, h, http.MethodGet, "/compliance?year=soon"); rec.Code != http.StatusBadRequest {
		t.Errorf("GET /compliance?year=soon = %d, want 400", rec.Code)
	}
	// Without a watch reader the page says it is not served.
	if rec, _ := getPage(t, newUIOnly(t, nil), http.MethodGet, "/compliance"); rec.Code != http.StatusNotImplemented {
		t.Errorf("GET /compliance without a reader = %d, want 501", rec.Code)
	}
}

func TestMatrixMarks(t *testing.T) {
	_, doc := getPage(t, newWatchedUI(t), http.MethodGet, "/")
	marks := map[string][]string{}
	doc.Find("table.matrix tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var m []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) { m = append(m, text(td.Find(".mark"))) })
		marks[text(tr.Find("th .agency-name"))+text(tr.Find("th").Contents().First())] = m
	})
	// Columns 2019, 2020, 2021.
	want := map[string][]string{
		"泗洪县人民政府": {"", "逾期", "缺失"}, // 2021: due 2022-03-31, none
		"宿豫区教育局":  {"缺失", "缺失", ""},
	}
	for agency, w := range want {
		if strings.Join(marks[agency], "|") != strings.Join(w, "|") {
			t.Errorf("marks of %s = %q, want %q (all: %q)", agency, marks[agency], w, marks)
		}
	}
}

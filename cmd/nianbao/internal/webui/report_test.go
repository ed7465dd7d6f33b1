package webui

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// TestReportPageWithoutTables renders a report whose tables are an image
// and absent: the status is said and no table is drawn.
func TestReportPageWithoutTables(t *testing.T) {
	u := &webUI{log: testarchive.Discard(), pages: parsePages(chinaTime)}
	rep := &extract.Report{
		Title: "2020年某县政府信息公开工作年度报告", Agency: "某县人民政府", Year: 2020, Template: "T2019", IsReport: true,
		TableStatus: extract.TableStatus{Active: "image", Requests: "absent", Reviews: "absent"},
	}
	checks, fail := checkViews(rep)
	p := reportPage{Rep: rep, Record: store.Report{ID: "0123456789abcdef", URL: "http://127.0.0.1:1/r.html"}, Checks: checks, Counts: map[string]int{},
		Tables: tableViews(rep, fail)}
	rec := httptest.NewRecorder()
	u.render(rec, 200, "report", p)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	statuses := doc.Find(".table-status").Map(func(_ int, s *goquery.Selection) string { return text(s) })
	if want := []string{"表格为图片，无法读取", "未找到表格", "未找到表格"}; !slices.Equal(statuses, want) {
		t.Errorf("table statuses = %v, want %v", statuses, want)
	}
	if n := doc.Find("table.template").Length(); n != 0 {
		t.Errorf("%d tables drawn, want none", n)
	}
}

// TestReportPagePre2019 renders a pre-2019 report read as facts: no
// template tables are reported missing; the facts say where each number
// stands (statistics table or text).
func TestReportPagePre2019(t *testing.T) {
	u := &webUI{log: testarchive.Discard(), pages: parsePages(chinaTime)}
	rep := &extract.Report{
		Title: "2015年某县政府信息公开工作年度报告", Agency: "某县人民政府", Year: 2015, Template: "pre2019", IsReport: true,
		TableStatus: extract.TableStatus{Active: "absent", Requests: "absent", Reviews: "absent"},
		Facts: []extract.Fact{
			{Key: "主动公开政府信息数", Value: 11398889, Unit: "条", Quote: "全年主动公开政府信息11398889条", Source: extract.FactText},
			{Key: "收到申请数", Value: 17, Unit: "件", Quote: "（一）收到申请数 | 件 | 17 | 120", Source: extract.FactTable},
		},
	}
	checks, fail := checkViews(rep)
	tables := tableViews(rep, fail)
	p := reportPage{Rep: rep, Record: store.Report{ID: "0123456789abcdef", URL: "http://127.0.0.1:1/r.html"}, Checks: checks, Counts: map[string]int{},
		Tables: tables, Pre2019: tables == nil}
	rec := httptest.NewRecorder()
	u.render(rec, 200, "report", p)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find(".table-status").Length(); n != 0 {
		t.Errorf("%d table statuses shown, want none for a pre-2019 report", n)
	}
	if got := text(doc.Find("p.pre2019")); !strings.Contains(got, "2019年以前") {
		t.Errorf("pre-2019 note = %q", got)
	}
	rows := doc.Find("table.facts tbody tr")
	if got := text(rows.First()); !strings.Contains(got, "11398889") || !strings.Contains(got, "主动公开政府信息数") || !strings.Contains(got, "正文") {
		t.Errorf("facts row = %q, want the key, 11398889 written out and its source 正文", got)
	}
	if got := text(rows.Eq(1).Find("td.source")); got != "统计表" {
		t.Errorf("second fact's source = %q, want 统计表", got)
	}
}

func TestUIReport(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestUI(t, sd)
	first, edited := sd.Versions[0].ID, sd.Versions[5].ID
	base := "/reports/" + sd.ReportID
	rec, doc := getPage(t, h, http.MethodGet, base)
	if rec.Code != 200 {
		t.Fatalf("GET %s = %d: %s", base, rec.Code, rec.Body)
	}
	cell := func(id string) *goquery.Selection { return doc.Find(`td[data-cell="` + id + `"]`) }
	for _, c := range []struct{ what, got, want string }{
		{"title", text(doc.Find("h1")), "宿迁市人民政府2021年政府信息公开工作年度报告"},
		{"agency", text(doc.Find("dd.agency")), "宿迁市人民政府"},
		{"year", text(doc.Find("dd.year")), "2021"},
		{"template", text(doc.Find("dd.template")), "T2021"},
		{"source link", doc.Find("a.source").AttrOr("href", ""), testarchive.SeedURL},
		{"raw link", doc.Find("a.raw").AttrOr("href", ""), "/api/v1/versions/" + edited + "/raw"},
		{"clean text link", doc.Find("a.clean").AttrOr("href", ""), "/api/v1/reports/" + sd.ReportID + "/text?version=" + edited},
		{"行政许可 (edited)", text(cell("active/licensing/decisions")), "1600"},
		{"行政事业性收费 万元", text(cell("active/fees/amount_wan_yuan")), "96.5"},
		{"一、本年新收 总计", text(cell("requests/new/6")), "10"},
		{"blank cell is blank, not 0", text(cell("requests/rejected_repeat/0")), "空"},
		{"行政复议 结果维持", text(cell("reviews/review/upheld")), "1"},
		{"selected version", doc.Find("select[name=version] option[selected]").AttrOr("value", ""), edited},
		{"versions to pick", strings.Join(doc.Find("select[name=version] option").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") }), ","), strings.Join([]string{first, sd.Versions[2].ID, sd.Versions[4].ID, edited}, ",")},
		{"B2 of row （四）1 fails", text(doc.Find(`tr.check-fail[data-rule="B2"]`).First()), "（四）1"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if !cell("requests/rejected_repeat/0").HasClass("null") || !cell("requests/rejected_repeat/1").Is(".num:not(.null)") {
		t.Errorf("null cell not marked null, or a 0 cell marked null")
	}
	if text(cell("requests/rejected_repeat/1")) != "0" {
		t.Errorf("zero cell = %q, want 0", text(cell("requests/rejected_repeat/1")))
	}
	for id, fail := range map[string]bool{"requests/unavailable_not_held/6": true, "requests/unavailable_not_held/0": true, "requests/granted/0": false, "requests/new/0": false} {
		if got := cell(id).HasClass("fail"); got != fail {
			t.Errorf("cell %s highlighted as failing = %v, want %v", id, got, fail)
		}
	}
	if got := text(doc.Find(`tr.check-fail[data-rule="X1"]`)); !strings.Contains(got, "自然人 1 ≠ 2") {
		t.Errorf("X1 row = %q, want a failure 自然人 1 ≠ 2 against 2020", got)
	}
	if got := doc.Find("a.prev-year").AttrOr("href", ""); got != "/reports/"+sd.Others["suqian2020"] {
		t.Errorf("X1 compares with %q, want the 2020 report", got)
	}
	if !cell("requests/carried_in/0").HasClass("fail") {
		t.Errorf("二、上年结转 自然人 not highlighted by the failing X1")
	}
	if doc.Find("tr.check-pass").Length() == 0 || doc.Find("tr.check-uncertain").Length() == 0 {
		t.Errorf("want passing and uncertain checks listed")
	}
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options"} {
		if rec.Header().Get(k) == "" {
			t.Errorf("header %s missing", k)
		}
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}

	_, old := getPage(t, h, http.MethodGet, base+"?version="+first)
	if got := text(old.Find(`td[data-cell="active/licensing/decisions"]`)); got != "1520" {
		t.Errorf("first version 行政许可 = %q, want 1520", got)
	}
	if got := old.Find(`td[data-cell="requests/rejected_repeat/0"]`); text(got) != "0" || got.HasClass("null") {
		t.Errorf("first version （五）2 自然人 = %q (null %v), want 0", text(got), got.HasClass("null"))
	}
	if n := old.Find("td.fail").Not(`[data-cell^="requests/carried_in/"]`).Not(`[data-cell^="active/normative_documents/"]`).Length(); n != 0 {
		t.Errorf("first version has %d cells highlighted as failing besides X1's and X2's, want none", n)
	}
	// The seeded 2020 and 2021 reports both say 42 documents in force, with
	// 5 issued and 1 repealed in 2021: X2 fails and shows both sides.
	if got := text(old.Find(`tr.check-fail[data-rule="X2"]`)); !strings.Contains(got, "2021: 42 in force; 2020: 42 in force + 5 issued − 1 repealed = 46") {
		t.Errorf("X2 row = %q, want the failure with both years' numbers", got)
	}
	if !old.Find(`td[data-cell="active/normative_documents/in_force"]`).HasClass("fail") {
		t.Errorf("现行有效件数 not highlighted by the failing X2")
	}
	if n := old.Find(`tr[data-rule="X3"]`).Length(); n != 5 {
		t.Errorf("%d X3 rows, want 5 (one per total)", n)
	}
}

package webui

import (
	"bytes"
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// recordFetches records fetches of the seeded report's URL at the given
// offsets from the seed's clock (status 0 is a timeout).
func recordFetches(t *testing.T, sd testarchive.Seeded, fs ...store.Fetch) {
	t.Helper()
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range fs {
		f.URL, f.Portal = sd.URL, "suqian"
		if _, err := s.Record(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
}

// A withdrawn report: the report page says so, when, and that the last
// version is what is shown; the matrix marks it.
func TestUIWithdrawnReport(t *testing.T) {
	sd := testarchive.Seed(t)
	goneAt := testarchive.T0.Add(10 * 24 * time.Hour)
	recordFetches(t, sd, store.Fetch{FetchedAt: goneAt, Status: 404})
	h := newTestUI(t, sd)

	_, doc := getPage(t, h, "GET", "/reports/"+sd.ReportID)
	banner := text(doc.Find("p.banner-gone"))
	if want := "已撤下：自 2022-02-11 11:00:00 CST 起，原网址不再提供这份报告（404/410）。下面是撤下前存档的最后一个版本。"; banner != want {
		t.Errorf("report page banner = %q, want %q", banner, want)
	}
	if v := text(doc.Find("dd.version")); !strings.HasPrefix(v, sd.Versions[2].ID+" ") {
		t.Errorf("version shown = %q, want the last content version %s", v, sd.Versions[2].ID)
	}
	_, doc = getPage(t, h, "GET", "/")
	if m := doc.Find("td .mark-gone"); m.Length() != 1 || text(m) != "已撤下" {
		t.Errorf("matrix marks %d cells 已撤下 (%q), want the seeded report's", m.Length(), text(m))
	}
}

// A report that came back says when it was withdrawn and when it returned.
func TestUIReturnedReport(t *testing.T) {
	sd := testarchive.Seed(t)
	goneAt := testarchive.T0.Add(10 * 24 * time.Hour)
	recordFetches(t, sd, store.Fetch{FetchedAt: goneAt, Status: 404},
		store.Fetch{FetchedAt: goneAt.Add(48 * time.Hour), Status: 200, Body: testarchive.Fixture(t)})
	h := newTestUI(t, sd)
	_, doc := getPage(t, h, "GET", "/reports/"+sd.ReportID)
	if doc.Find("p.banner-gone").Length() != 0 {
		t.Error("a report that came back still has the 已撤下 banner")
	}
	if got, want := text(doc.Find("p.banner-returned")), "曾撤下：2022-02-11 11:00:00 CST 撤下，2022-02-13 11:00:00 CST 重新发布。"; got != want {
		t.Errorf("came-back banner = %q, want %q", got, want)
	}
	_, doc = getPage(t, h, "GET", "/")
	if m := doc.Find("td .mark-returned"); m.Length() != 1 || text(m) != "曾撤下" {
		t.Errorf("matrix has %d 曾撤下 marks, want 1", m.Length())
	}
}

// A report whose latest fetch failed says so; the seed's last fetch is a
// timeout.
func TestUIFailingReport(t *testing.T) {
	sd := testarchive.Seed(t)
	_, doc := getPage(t, newTestUI(t, sd), "GET", "/reports/"+sd.ReportID)
	if got := text(doc.Find("p.banner-failing")); !strings.HasPrefix(got, "抓取失败：自 2022-02-04 11:00:00 CST 起，原网址无法访问。") {
		t.Errorf("failing banner = %q", got)
	}
}

// Times are China Standard Time to the second by default, the configured
// zone otherwise.
func TestUITimesInTheConfiguredZone(t *testing.T) {
	sd := testarchive.Seed(t)
	svc := testarchive.Service(t, sd.DB)
	first := sd.Versions[0].FetchedAt // 03:00 UTC
	for _, tt := range []struct {
		loc  *time.Location
		want string
	}{
		{nil, first.In(chinaTime).Format("2006-01-02") + " 11:00:00 CST"},
		{time.UTC, first.Format("2006-01-02") + " 03:00:00 UTC"},
	} {
		h := NewHandler(svc, Options{Logger: testarchive.Discard(), Location: tt.loc})
		_, doc := getPage(t, h, "GET", "/reports/"+sd.ReportID+"?version="+sd.Versions[0].ID)
		if got := text(doc.Find("dd.version")); !strings.Contains(got, "抓取于 "+tt.want) {
			t.Errorf("zone %v: version line %q, want it to say 抓取于 %s", tt.loc, got, tt.want)
		}
	}
}

// The extraction notes and the checks' wording are Chinese on the page
// (the API keeps the English).
func TestUIReportNotesInChinese(t *testing.T) {
	u := &webUI{log: testarchive.Discard(), pages: parsePages(chinaTime)}
	rep := &extract.Report{
		Title: "2021年某县政府信息公开工作年度报告", Agency: "某县人民政府", Year: 2021, Template: "T2021",
		IsReport: false, IsReportReason: "list page: 40 links, no report body",
		TableStatus: extract.TableStatus{Active: "absent", Requests: "partial", Reviews: "absent"},
		Warnings:    []string{"title not found", "table requests: row （三）2 not found; its cells are null"},
		Checks: []extract.Check{{Rule: "B2", Where: "row （一）予以公开", Status: "fail", Detail: "1 ≠ 2"},
			{Rule: "N1", Where: "tables 三 and 四", Status: "uncertain", Detail: "3 of 9 cells blank"}},
	}
	checks, fail := checkViews(rep)
	p := reportPage{Rep: rep, Record: store.Report{ID: "0123456789abcdef", URL: "http://127.0.0.1:1/r.html", Status: store.StatusLive}, Checks: checks, Counts: map[string]int{"fail": 1, "uncertain": 1},
		Tables: tableViews(rep, fail)}
	rec := httptest.NewRecorder()
	u.render(rec, 200, "report", p)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	notes := doc.Find("ul.warnings li").Map(func(_ int, s *goquery.Selection) string { return text(s) })
	if want := []string{"未找到标题", "表三：未找到“（三）2”行，其各格按空白处理"}; !slices.Equal(notes, want) {
		t.Errorf("notes = %q, want %q", notes, want)
	}
	where := doc.Find("tr.check td:nth-child(2)").Map(func(_ int, s *goquery.Selection) string { return text(s) })
	if want := []string{"行 （一）予以公开", "表三和表四"}; !slices.Equal(where, want) {
		t.Errorf("check places = %q, want %q", where, want)
	}
	if d := text(doc.Find("tr.check-uncertain td:nth-child(4)")); d != "3 / 9 格空白" {
		t.Errorf("uncertain check detail = %q, want 3 / 9 格空白", d)
	}
	if got := text(doc.Find("p.note.fail")); got != "抽取程序认为此版本不是年度报告：列表页：40 个链接，没有报告正文" {
		t.Errorf("not-a-report note = %q", got)
	}
	if doc.Find("p.banner").Length() != 0 {
		t.Error("a live report has a banner")
	}
}

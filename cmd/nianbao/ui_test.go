package main

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
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
	sd := mustSeedUI(t)
	h := newTestAPI(t, sd.seeded)
	q := url.QueryEscape
	suqian, suyuA, suyuB := "/reports/"+sd.reportID, "/reports/"+sd.others["suyu2021a"], "/reports/"+sd.others["suyu2021b"]
	tests := []struct {
		name     string
		path     string
		agencies []string            // rows, in order
		cells    map[string][]string // "agency year" → links
		next     bool
	}{
		{"every agency and year, cells link to reports", "/", []string{"宿豫区人民政府", "宿迁市人民政府", "泗洪县人民政府"},
			map[string][]string{"宿迁市人民政府 2021": {suqian}, "宿豫区人民政府 2021": {suyuA, suyuB}, "泗洪县人民政府 2019": {"/reports/" + sd.others["sihong2019"]}}, false},
		{"traditional agency finds simplified", "/?agency=" + q("宿遷市"), []string{"宿迁市人民政府"},
			map[string][]string{"宿迁市人民政府 2021": {suqian}}, false},
		{"simplified substring", "/?agency=" + q("泗洪"), []string{"泗洪县人民政府"}, nil, false},
		{"year filter", "/?year=2019", []string{"泗洪县人民政府"}, map[string][]string{"泗洪县人民政府 2019": {"/reports/" + sd.others["sihong2019"]}}, false},
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
	sd := mustSeedUI(t)
	h := newTestAPI(t, sd.seeded)
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

func TestUIReport(t *testing.T) {
	sd := mustSeedUI(t)
	h := newTestAPI(t, sd.seeded)
	first, edited := sd.versions[0].ID, sd.versions[5].ID
	base := "/reports/" + sd.reportID
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
		{"source link", doc.Find("a.source").AttrOr("href", ""), seedURL},
		{"raw link", doc.Find("a.raw").AttrOr("href", ""), "/api/v1/versions/" + edited + "/raw"},
		{"clean text link", doc.Find("a.clean").AttrOr("href", ""), "/api/v1/reports/" + sd.reportID + "/text?version=" + edited},
		{"行政许可 (edited)", text(cell("active/licensing/decisions")), "1600"},
		{"行政事业性收费 万元", text(cell("active/fees/amount_wan_yuan")), "96.5"},
		{"一、本年新收 总计", text(cell("requests/new/6")), "10"},
		{"blank cell is blank, not 0", text(cell("requests/rejected_repeat/0")), "空"},
		{"行政复议 结果维持", text(cell("reviews/review/upheld")), "1"},
		{"selected version", doc.Find("select[name=version] option[selected]").AttrOr("value", ""), edited},
		{"versions to pick", strings.Join(doc.Find("select[name=version] option").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") }), ","), strings.Join([]string{first, sd.versions[2].ID, sd.versions[4].ID, edited}, ",")},
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
	if got := doc.Find("a.prev-year").AttrOr("href", ""); got != "/reports/"+sd.others["suqian2020"] {
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
	if n := old.Find("td.fail").Not(`[data-cell^="requests/carried_in/"]`).Length(); n != 0 {
		t.Errorf("first version has %d cells highlighted as failing besides X1's, want none", n)
	}
}

// TestUIBadInput: every mistake a user can type is a 4xx HTML page that
// says what was wrong.
func TestUIBadInput(t *testing.T) {
	sd := mustSeedUI(t)
	h := newTestAPI(t, sd.seeded)
	rid := sd.reportID
	tests := []struct {
		name, method, path string
		status             int
		msg                string
	}{
		{"bad year", "GET", "/?year=abc", 400, `year "abc"`},
		{"year out of range", "GET", "/?year=99999", 400, "want a year"},
		{"bad limit", "GET", "/?limit=0", 400, "limit"},
		{"bad cursor", "GET", "/?cursor=%25%25", 400, "cursor"},
		{"unknown report", "GET", "/reports/0123456789abcdef", 404, "not found"},
		{"malformed report id", "GET", "/reports/<script>", 404, "not found"},
		{"unknown version", "GET", "/reports/" + rid + "?version=999", 404, "has no version"},
		{"malformed version", "GET", "/reports/" + rid + "?version=abc", 404, "has no version"},
		{"failed version has no content", "GET", "/reports/" + rid + "?version=" + sd.versions[3].ID, 404, "holds no content"},
		{"report without content", "GET", "/reports/" + sd.others["sihong2019"], 404, "no archived content"},
		{"history of unknown report", "GET", "/reports/nope/history", 404, "not found"},
		{"history without url", "GET", "/history", 400, "missing url"},
		{"history of unknown url", "GET", "/history?url=" + url.QueryEscape("http://127.0.0.1:1/none"), 404, "no archived versions"},
		{"history before an unchanged version", "GET", "/reports/" + rid + "/history?before=" + sd.versions[1].ID, 400, "not a changed version"},
		{"unknown page", "GET", "/nothing/here", 404, "no page /nothing/here"},
		{"post to the matrix", "POST", "/", 405, "method POST not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, doc := getPage(t, h, tt.method, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d: %s", tt.method, tt.path, rec.Code, tt.status, rec.Body)
			}
			if got := text(doc.Find("p.message")); !strings.Contains(got, tt.msg) {
				t.Errorf("message = %q, want it to contain %q", got, tt.msg)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || rec.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("headers = %v, want an HTML page with a CSP", rec.Header())
			}
			if strings.Contains(rec.Body.String(), "<script>") {
				t.Errorf("input echoed unescaped: %s", rec.Body)
			}
		})
	}
}

func TestUIHistory(t *testing.T) {
	sd := mustSeedUI(t)
	h := newTestAPI(t, sd.seeded)
	for _, path := range []string{"/reports/" + sd.reportID + "/history", "/history?url=" + url.QueryEscape(sd.url)} {
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
			if got := text(doc.Find(`tr.version[data-version="` + sd.versions[3].ID + `"] td.outcome`)); !strings.Contains(got, "timeout") {
				t.Errorf("failed version outcome = %q, want the reason", got)
			}
			ids := doc.Find("section.change").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("id", "") })
			if want := []string{"diff-" + sd.versions[5].ID, "diff-" + sd.versions[4].ID, "diff-" + sd.versions[2].ID}; !slices.Equal(ids, want) {
				t.Fatalf("diff sections = %v, want %v (newest first)", ids, want)
			}
			for _, tt := range []struct {
				version  string
				cells    map[string]string // data-cell → "old→new"
				del, ins []string          // marked characters
				delLine  string
			}{
				{sd.versions[5].ID, map[string]string{"active/licensing/decisions": "1520→1600"}, []string{"4", "52"}, []string{"6", "60"}, "2294条"},
				{sd.versions[4].ID, map[string]string{"requests/rejected_repeat/0": "0→空", "requests/unavailable_not_held/6": "3→4"}, []string{"5", "3", "0"}, []string{"4", "4"}, "2295条"},
				{sd.versions[2].ID, map[string]string{}, []string{"4"}, []string{"5"}, "2294条"},
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
	sd := mustSeedUI(t)
	_, doc := getPage(t, newTestAPI(t, sd.seeded), http.MethodGet, "/reports/"+sd.reportID+"/history")
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
	golden(t, "ui_history.golden", b.String())
}

func TestUIStatic(t *testing.T) {
	h := newTestAPI(t, mustSeed(t))
	rec, _ := getPage(t, h, http.MethodGet, "/static/style.css")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET /static/style.css = %d %q, want 200 text/css", rec.Code, rec.Header().Get("Content-Type"))
	}
}

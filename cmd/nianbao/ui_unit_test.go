package main

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// render shows a diff as text: "+ ", "- ", "  " lines, [marks], gaps.
func renderDiff(lines []diffLine) string {
	var b strings.Builder
	for _, l := range lines {
		switch l.Kind {
		case "gap":
			fmt.Fprintf(&b, "~%d\n", l.Skipped)
			continue
		case "ins":
			b.WriteString("+ ")
		case "del":
			b.WriteString("- ")
		default:
			b.WriteString("  ")
		}
		for _, s := range l.Segs {
			if s.Mark {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, old, cur, want string
	}{
		{"identical texts give no diff", "a\nb\n", "a\nb\n", ""},
		{"a changed number is marked within its line", "总体情况\n公开2294条\n结束", "总体情况\n公开2295条\n结束", "  总体情况\n- 公开229[4]条\n+ 公开229[5]条\n  结束\n"},
		{"an added line", "一\n二", "一\n新增\n二", "  一\n+ 新增\n  二\n"},
		{"a removed line", "一\n删去\n二", "一\n二", "  一\n- 删去\n  二\n"},
		{"far unchanged lines become a gap", "1\n2\n3\n4\n5\n6\nx\n7", "1\n2\n3\n4\n5\n6\ny\n7", "~4\n  5\n  6\n- [x]\n+ [y]\n  7\n"},
		{"from nothing", "", "新\n", "+ 新\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderDiff(lineDiff(tt.old, tt.cur)); got != tt.want {
				t.Errorf("lineDiff =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func f(v float64) *float64 { return &v }

func TestCheckCells(t *testing.T) {
	// cells writes Check.Cells paths: table.row.column for each row (or
	// table.rest for each rest when column is empty).
	cells := func(table, column string, rows ...string) []string {
		var out []string
		for _, r := range rows {
			if column == "" {
				out = append(out, table+"."+r)
				continue
			}
			out = append(out, table+"."+r+"."+column)
		}
		return out
	}
	rowCells := func(row string) []string {
		var out []string
		for _, col := range []string{"natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"} {
			out = append(out, "requests."+row+"."+col)
		}
		return out
	}
	tests := []struct {
		check extract.Check
		want  []string
	}{
		{extract.Check{Rule: "B1", Where: "column 商业企业", Cells: cells("requests", "commercial", "new", "carried_in", "total", "carried_out")},
			[]string{"requests/new/1", "requests/carried_in/1", "requests/total/1", "requests/carried_out/1"}},
		{extract.Check{Rule: "B2", Where: "row （四）1", Cells: rowCells("unavailable_not_held")}, []string{"requests/unavailable_not_held/0", "requests/unavailable_not_held/1", "requests/unavailable_not_held/2", "requests/unavailable_not_held/3", "requests/unavailable_not_held/4", "requests/unavailable_not_held/5", "requests/unavailable_not_held/6"}},
		{extract.Check{Rule: "C1", Where: "行政诉讼 复议后起诉", Cells: cells("reviews", "", "litigation_after_review.upheld", "litigation_after_review.corrected", "litigation_after_review.other", "litigation_after_review.pending", "litigation_after_review.total")},
			[]string{"reviews/litigation_after_review/upheld", "reviews/litigation_after_review/corrected", "reviews/litigation_after_review/other", "reviews/litigation_after_review/pending", "reviews/litigation_after_review/total"}},
		{extract.Check{Rule: "N1", Detail: "not a non-negative integer: 一、本年新收/自然人=-1, 行政复议/total=0.5", Cells: []string{"requests.new.natural_person", "reviews.review.total"}},
			[]string{"requests/new/0", "reviews/review/total"}},
		{extract.Check{Rule: "T1", Where: "行政诉讼 总计", Cells: []string{"reviews.litigation_direct.total", "reviews.litigation_after_review.total"}},
			[]string{"reviews/litigation_direct/total", "reviews/litigation_after_review/total"}},
		{extract.Check{Rule: "B1", Where: "table 三"}, nil},
		{extract.Check{Rule: "X1", Where: "二、上年结转 2021 vs 四、结转下年度 2020", Cells: rowCells("carried_in")}, []string{"requests/carried_in/0", "requests/carried_in/1", "requests/carried_in/2", "requests/carried_in/3", "requests/carried_in/4", "requests/carried_in/5", "requests/carried_in/6"}},
	}
	for _, tt := range tests {
		t.Run(tt.check.Rule+" "+tt.check.Where, func(t *testing.T) {
			if got := checkCells(tt.check); !slices.Equal(got, tt.want) {
				t.Errorf("checkCells = %v, want %v", got, tt.want)
			}
		})
	}
	b3 := checkCells(extract.Check{Rule: "B3", Where: "column 其他", Cells: cells("requests", "other", "total", "granted", "other")})
	if !slices.Contains(b3, "requests/total/5") || !slices.Contains(b3, "requests/other/5") || slices.Contains(b3, "requests/new/5") || slices.Contains(b3, "requests/carried_out/5") {
		t.Errorf("B3 cells = %v, want （一）…（七） of column 5 only", b3)
	}
}

func TestCellDiff(t *testing.T) {
	withReviews := func(total *float64) *extract.Report {
		return &extract.Report{Tables: extract.Tables{Reviews: &extract.Reviews{Review: extract.ReviewCells{Total: total}}}, TableStatus: extract.TableStatus{Reviews: "partial"}}
	}
	tests := []struct {
		name     string
		old, cur *extract.Report
		want     []string // "id old→new" with 空 for blank and 无 for no table
	}{
		{"number changed", withReviews(f(1)), withReviews(f(2)), []string{"reviews/review/total 1→2"}},
		{"number became blank", withReviews(f(1)), withReviews(nil), []string{"reviews/review/total 1→空"}},
		{"nothing changed", withReviews(f(1)), withReviews(f(1)), nil},
		{"table disappeared", withReviews(f(3)), &extract.Report{}, nil},
	}
	show := func(v cellValue) string {
		switch {
		case v.Absent:
			return "无"
		case v.Null:
			return "空"
		}
		return v.Text
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells, tables := cellDiff(tt.old, tt.cur)
			if tt.name == "table disappeared" { // every cell of it is listed, blanks too
				if len(cells) != 15 || show(cells[4].Old) != "3" || show(cells[4].New) != "无" || len(tables) != 1 {
					t.Errorf("vanished table: %d cells (%v), %v tables; want 15 cells, total 3→无, a status change", len(cells), cells, tables)
				}
				return
			}
			var got []string
			for _, c := range cells {
				got = append(got, c.ID+" "+show(c.Old)+"→"+show(c.New))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cellDiff = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReportPageWithoutTables renders a report whose tables are an image
// and absent, with pre-2019 facts: the status is said, no table is drawn,
// and the facts are listed.
func TestReportPageWithoutTables(t *testing.T) {
	u := &webUI{a: &api{log: discard()}, pages: parsePages()}
	rep := &extract.Report{
		Title: "2015年某县政府信息公开工作年度报告", Agency: "某县人民政府", Year: 2015, Template: "pre2019", IsReport: true,
		TableStatus: extract.TableStatus{Active: "image", Requests: "absent", Reviews: "absent"},
		Facts:       []extract.Fact{{Key: "主动公开政府信息数", Value: 11398889, Unit: "条", Quote: "全年主动公开政府信息11398889条"}},
	}
	checks, fail := checkViews(rep)
	p := reportPage{Rep: rep, Record: store.Report{ID: "0123456789abcdef", URL: "http://127.0.0.1:1/r.html"}, Checks: checks, Counts: map[string]int{},
		Tables: []tableView{activeView(rep, fail), requestsView(rep, fail), reviewsView(rep, fail)}}
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
	if got := text(doc.Find("table.facts tbody tr")); !strings.Contains(got, "11398889") || !strings.Contains(got, "主动公开政府信息数") {
		t.Errorf("facts row = %q, want the key and 11398889 written out", got)
	}
}

package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sharedX is one extractor for the package's tests, so that PDFium's
// module is compiled once per test binary.
var sharedX struct {
	once sync.Once
	x    *Extractor
	err  error
}

func docExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	sharedX.once.Do(func() { sharedX.x, sharedX.err = New() })
	if sharedX.err != nil {
		tb.Fatal(sharedX.err)
	}
	return sharedX.x
}

// realPDF is a real PDF report with every cell of tables 三 and 四 read
// off the printed pages by hand (pdftotext -layout shows the same).
type realPDF struct {
	file, title string
	year        int
	requests    map[string]string // row key → seven numbers
	reviews     [3]string         // review, direct, after review: five numbers each
	fails       []string          // "rule where" of checks the printed report breaks
}

var realPDFs = []realPDF{
	{
		file: "govnianbao__szfgs2024.pdf", title: "淮安市人民政府2024年政府信息公开工作年度报告", year: 2024,
		requests: map[string]string{
			"new": "3001 53 0 0 61 4 3119", "carried_in": "34 0 0 0 0 0 34",
			"granted": "1288 21 0 0 50 3 1362", "partly_granted": "447 7 0 0 0 0 454",
			"denied_state_secret": "2 0 0 0 0 0 2", "denied_law": "30 1 0 0 0 0 31", "denied_security": "5 0 0 0 0 0 5",
			"denied_third_party": "6 0 0 0 0 0 6", "denied_internal": "7 1 0 0 0 0 8", "denied_process": "12 0 0 0 0 0 12",
			"denied_enforcement": "9 0 0 0 0 0 9", "denied_query": "105 0 0 0 0 0 105",
			"unavailable_not_held": "746 12 0 0 10 1 769", "unavailable_needs_creation": "11 0 0 0 0 0 11",
			"unavailable_unclear": "1 0 0 0 0 0 1",
			"rejected_petition":   "56 6 0 0 0 0 62", "rejected_repeat": "25 0 0 0 0 0 25", "rejected_publication": "0 0 0 0 0 0 0",
			"rejected_mass": "0 0 0 0 0 0 0", "rejected_confirmation": "1 0 0 0 0 0 1",
			"other_no_correction": "67 3 0 0 1 0 71", "other_no_fee": "6 0 0 0 0 0 6", "other_misc": "108 2 0 0 0 0 110",
			"total": "2932 53 0 0 61 4 3050", "carried_out": "103 0 0 0 0 0 103",
		},
		reviews: [3]string{"72 64 178 37 351", "13 4 8 1 26", "12 1 1 6 20"},
	},
	{
		file: "kirogovcompare__hzq2023_working.pdf", title: "洪泽区人民政府2023年政府信息公开工作年度报告", year: 2023,
		requests: map[string]string{
			"new": "21 0 0 0 0 0 21", "carried_in": "0 0 0 0 0 0 0",
			"granted": "0 0 0 0 0 0 0", "partly_granted": "4 0 0 0 0 0 4",
			"denied_state_secret": "1 0 0 0 0 0 1", "denied_law": "0 0 0 0 0 0 0", "denied_security": "0 0 0 0 0 0 0",
			"denied_third_party": "0 0 0 0 0 0 0", "denied_internal": "0 0 0 0 0 0 0", "denied_process": "1 0 0 0 0 0 1",
			"denied_enforcement": "1 0 0 0 0 0 1", "denied_query": "0 0 0 0 0 0 0",
			"unavailable_not_held": "10 0 0 0 0 0 10", "unavailable_needs_creation": "3 0 0 0 0 0 3",
			"unavailable_unclear": "0 0 0 0 0 0 0",
			"rejected_petition":   "1 0 0 0 0 0 1", "rejected_repeat": "0 0 0 0 0 0 0", "rejected_publication": "0 0 0 0 0 0 0",
			"rejected_mass": "0 0 0 0 0 0 0", "rejected_confirmation": "0 0 0 0 0 0 0",
			"other": "0 0 0 0 0 0 0", "total": "21 0 0 0 0 0 21", "carried_out": "0 0 0 0 0 0 0",
		},
		// The printed totals of 行政复议 and 复议后起诉 are 0 beside 10+1 and 5.
		reviews: [3]string{"10 1 0 0 0", "0 0 0 0 0", "5 0 0 0 0"},
		fails:   []string{"C1 行政复议", "C1 行政诉讼 复议后起诉"},
	},
	{
		file: "kirogovcompare__hzq2024_working.pdf", title: "淮安市洪泽区人民政府2024年政府信息公开工作年度报告", year: 2024,
		requests: map[string]string{
			"new": "95 0 0 0 0 0 95", "carried_in": "0 0 0 0 0 0 0",
			"granted": "50 0 0 0 0 0 50", "partly_granted": "9 0 0 0 0 0 9",
			"denied_state_secret": "0 0 0 0 0 0 0", "denied_law": "0 0 0 0 0 0 0", "denied_security": "1 0 0 0 0 0 1",
			"denied_third_party": "0 0 0 0 0 0 0", "denied_internal": "0 0 0 0 0 0 0", "denied_process": "1 0 0 0 0 0 1",
			"denied_enforcement": "1 0 0 0 0 0 1", "denied_query": "0 0 0 0 0 0 0",
			"unavailable_not_held": "31 0 0 0 0 0 31", "unavailable_needs_creation": "1 0 0 0 0 0 1",
			"unavailable_unclear": "0 0 0 0 0 0 0",
			"rejected_petition":   "1 0 0 0 0 0 1", "rejected_repeat": "0 0 0 0 0 0 0", "rejected_publication": "0 0 0 0 0 0 0",
			"rejected_mass": "0 0 0 0 0 0 0", "rejected_confirmation": "0 0 0 0 0 0 0",
			"other": "0 0 0 0 0 0 0", "total": "95 0 0 0 0 0 95", "carried_out": "0 0 0 0 0 0 0",
		},
		reviews: [3]string{"1 1 0 0 2", "1 0 0 0 1", "2 0 1 0 3"},
		// 总体情况 counts the 区政府办's 17 applications, table 三 the district's 95.
		fails: []string{"T1 一、本年新收 总计"},
	},
}

func TestRealPDFs(t *testing.T) {
	for _, tc := range realPDFs {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(realDir, tc.file))
			if err != nil {
				t.Skipf("real corpus not available: %v", err)
			}
			// Served as application/octet-stream: the format is told by content.
			r, err := docExtractor(t).Extract(Input{Body: body, ContentType: "application/octet-stream", URL: "http://example.gov.cn/report.pdf"})
			if err != nil {
				t.Fatal(err)
			}
			if !r.IsReport || r.Title != tc.title || r.Year != tc.year || r.Template != TemplateT2021 {
				t.Errorf("is_report %v title %q year %d template %s; want true %q %d %s (%s)",
					r.IsReport, r.Title, r.Year, r.Template, tc.title, tc.year, TemplateT2021, r.IsReportReason)
			}
			if r.TableStatus != (TableStatus{StatusOK, StatusOK, StatusOK}) {
				t.Errorf("table_status %+v; warnings %q", r.TableStatus, r.Warnings)
			}
			if r.Tables.Requests == nil || r.Tables.Reviews == nil {
				t.Fatalf("tables 三/四 missing: %+v", r.Tables)
			}
			got := map[string]string{}
			for k, v := range r.Tables.Requests.Rows {
				got[k] = numbers(v...)
			}
			for k, want := range tc.requests {
				if got[k] != want {
					t.Errorf("requests.%s = %q, want %q", k, got[k], want)
				}
			}
			for k := range got {
				if _, ok := tc.requests[k]; !ok {
					t.Errorf("requests.%s = %q, not on the printed table", k, got[k])
				}
			}
			rv := r.Tables.Reviews
			for i, g := range []ReviewCells{rv.Review, rv.LitigationDirect, rv.LitigationAfterReview} {
				if s := numbers(g.Upheld, g.Corrected, g.Other, g.Pending, g.Total); s != tc.reviews[i] {
					t.Errorf("reviews group %d = %q, want %q", i, s, tc.reviews[i])
				}
			}
			var fails []string
			for _, c := range r.Checks {
				if c.Status != CheckPass {
					fails = append(fails, c.Rule+" "+c.Where)
				}
			}
			if !slices.Equal(fails, tc.fails) {
				t.Errorf("checks not passing = %q, want %q", fails, tc.fails)
			}
		})
	}
}

// numbers prints cells as "1 2 _" (_ for a blank cell).
func numbers(vs ...*float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = "_"
		if v != nil {
			s[i] = strconv.FormatFloat(*v, 'f', -1, 64)
		}
	}
	return strings.Join(s, " ")
}

// The national template as a blank .docx: every table is found and empty
// (null with status empty, never zeros), and the rebuilt text has table
// 三's rows, each merged group label written once.
func TestRealTemplateDOCX(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(realDir, "govnianbao__zwgk_nianbao_template_2021.docx"))
	if err != nil {
		t.Skipf("real corpus not available: %v", err)
	}
	x := docExtractor(t)
	r, err := x.Extract(Input{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != "docx" || r.Template != TemplateT2021 || r.TableStatus != (TableStatus{StatusEmpty, StatusEmpty, StatusEmpty}) ||
		r.Tables.Requests != nil || r.Tables.Reviews != nil || r.Tables.Active != nil {
		t.Errorf("format %q template %q status %+v tables %+v", r.Format, r.Template, r.TableStatus, r.Tables)
	}
	text, err := x.CleanText(Input{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况\n",
		"三、本年度办理结果 | （一）予以公开 |  |  |  |  |  |  | \n",
		"\n（三）不予公开 | 1.属于国家秘密 |",
		"\n2.其他法律行政法规禁止公开 |",
		"\n（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |",
		"四、结转下年度继续办理 |",
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n",
	} {
		if !strings.Contains(text, row) {
			t.Errorf("text lacks %q:\n%s", row, text)
		}
	}
}

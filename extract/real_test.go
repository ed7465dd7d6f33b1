package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realDir holds real pages (shared/corpus/real); tests skip without it.
const realDir = "../../shared/corpus/real"

// MustReal reads a real page or skips the test.
func MustReal(tb testing.TB, name string) Input {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join(realDir, name))
	if err != nil {
		tb.Skipf("real corpus not available: %v", err)
	}
	return Input{Body: body, ContentType: "text/html"}
}

// realCells are cells read off the real pages by hand (and, where the
// corpus MANIFEST notes them, cross-checked with those notes).
type realCells struct {
	file        string
	template    string
	year        int
	newRow      []float64 // 一、本年新收, seven columns
	carriedIn   float64   // 二、上年结转, 总计
	total       []float64 // （七）总计
	carriedOut  float64   // 四、结转下年度, 总计
	review      [5]float64
	direct      [5]float64
	afterReview [5]float64
	active      map[string]map[string]any
	fails       []string // rule/where pairs that the page itself breaks
}

var realReports = []realCells{
	{
		file: "pingtan__2019_report_t20200120_80576.html", template: TemplateT2019, year: 2019,
		newRow: []float64{23, 0, 0, 0, 0, 0, 23}, total: []float64{23, 0, 0, 0, 0, 0, 23},
		active: map[string]map[string]any{
			"normative_documents": {"new_made": 89.0, "new_published": 89.0, "total_published": 89.0},
			"licensing":           {"prev_items": 396.0, "change": 0.0, "decisions": 181.0},
			"procurement":         {"items": 135.0, "amount": 75394432.52, "amount_unit": "元"},
		},
	},
	{
		file: "pingtan__2020_report_t20210305_80595.html", template: TemplateT2019, year: 2020,
		newRow: []float64{20, 0, 0, 0, 0, 1, 21}, total: []float64{20, 0, 0, 0, 0, 1, 21},
		active: map[string]map[string]any{
			"licensing":   {"prev_items": 396.0, "change": 442.0, "decisions": 278.0},
			"penalties":   {"prev_items": 2648.0, "change": -18.0, "decisions": 538.0},
			"fees":        {"prev_items": 35.0, "change": -15.0},
			"procurement": {"items": 395.0, "amount": 73802895.9, "amount_unit": "元"},
		},
		// 6+6+4+3+3+4 = 26 results for 20 (自然人) and 21 (总计) applications.
		fails: []string{"B3 column 自然人", "B3 column 总计"},
	},
	{
		file: "pingtan__2021_report_t20220208_80613.html", template: TemplateT2021, year: 2021,
		newRow: []float64{64, 0, 0, 2, 0, 4, 70}, total: []float64{63, 0, 0, 2, 0, 4, 69}, carriedOut: 1,
		review: [5]float64{1, 0, 2, 0, 3}, direct: [5]float64{12, 0, 0, 0, 12},
		active: map[string]map[string]any{
			"normative_documents": {"issued": 69.0, "repealed": 3.0, "in_force": 665.0},
			"fees":                {"amount_wan_yuan": 24252.311082},
		},
	},
	{
		file: "pingtan__2022_report_t20230220_80629.html", template: TemplateT2021, year: 2022,
		newRow: []float64{71, 3, 0, 0, 0, 0, 74}, carriedIn: 1, total: []float64{72, 3, 0, 0, 0, 0, 75},
		review: [5]float64{0, 1, 1, 0, 2}, direct: [5]float64{1, 0, 0, 0, 1},
		active: map[string]map[string]any{
			"normative_documents": {"issued": 88.0, "repealed": 55.0, "in_force": 698.0},
			"licensing":           {"decisions": 10690.0},
			"penalties":           {"decisions": 2113.0},
			"coercion":            {"decisions": 0.0},
			"fees":                {"amount_wan_yuan": 9116.36},
		},
	},
	{
		file: "pingtan__2023_report_t20240308_87885.html", template: TemplateT2021, year: 2023,
		newRow: []float64{80, 1, 0, 0, 0, 0, 81}, total: []float64{80, 1, 0, 0, 0, 0, 81},
		review: [5]float64{1, 1, 0, 0, 2}, direct: [5]float64{4, 0, 0, 1, 5}, afterReview: [5]float64{1, 0, 1, 0, 2},
		active: map[string]map[string]any{
			"normative_documents": {"issued": 77.0, "repealed": 132.0, "in_force": 470.0},
			"fees":                {"amount_wan_yuan": 5949.088667},
		},
	},
	{
		file: "pingtan__2024_report_t20250310_97791.html", template: TemplateT2021, year: 2024,
		newRow: []float64{217, 1, 0, 0, 0, 0, 218}, total: []float64{217, 1, 0, 0, 0, 0, 218},
		review: [5]float64{2, 1, 3, 1, 7}, afterReview: [5]float64{13, 2, 4, 0, 19},
		active: map[string]map[string]any{
			"normative_documents": {"issued": 62.0, "repealed": 33.0, "in_force": 440.0},
			"licensing":           {"decisions": 4529.0},
			"fees":                {"amount_wan_yuan": 18651.06},
		},
	},
}

func TestRealReports(t *testing.T) {
	x := MustExtractor(t)
	for _, want := range realReports {
		t.Run(want.file, func(t *testing.T) {
			r, err := x.Extract(MustReal(t, want.file))
			if err != nil {
				t.Fatalf("Extract() error = %v", err)
			}
			if !r.IsReport || r.Template != want.template || r.Year != want.year {
				t.Fatalf("is_report %v, template %s, year %d; want true, %s, %d", r.IsReport, r.Template, r.Year, want.template, want.year)
			}
			if r.TableStatus != (TableStatus{StatusOK, StatusOK, StatusOK}) {
				t.Errorf("table_status = %+v, want all ok", r.TableStatus)
			}
			q := r.Tables.Requests
			for c := range requestColumnKeys {
				if got := val(q.Rows["new"][c]); got != want.newRow[c] {
					t.Errorf("new[%s] = %v, want %v", requestColumnKeys[c], got, want.newRow[c])
				}
				if got := val(q.Rows["total"][c]); got != want.total[c] {
					t.Errorf("total[%s] = %v, want %v", requestColumnKeys[c], got, want.total[c])
				}
			}
			if got := val(q.Rows["carried_in"][6]); got != want.carriedIn {
				t.Errorf("carried_in total = %v, want %v", got, want.carriedIn)
			}
			if got := val(q.Rows["carried_out"][6]); got != want.carriedOut {
				t.Errorf("carried_out total = %v, want %v", got, want.carriedOut)
			}
			for i, g := range []struct {
				name string
				got  *ReviewCells
				want [5]float64
			}{{"review", &r.Tables.Reviews.Review, want.review}, {"direct", &r.Tables.Reviews.LitigationDirect, want.direct}, {"after_review", &r.Tables.Reviews.LitigationAfterReview, want.afterReview}} {
				for j, v := range g.got.cells() {
					if val(v) != g.want[j] {
						t.Errorf("reviews %s.%s = %v, want %v (group %d)", g.name, reviewFields[j], val(v), g.want[j], i)
					}
				}
			}
			for row, fields := range want.active {
				for f, v := range fields {
					if got := r.Tables.Active.Rows[row][f]; got != v {
						t.Errorf("active.%s.%s = %v, want %v", row, f, got, v)
					}
				}
			}
			fails := map[string]bool{}
			for _, c := range r.Checks {
				if c.Status == CheckFail {
					fails[c.Rule+" "+c.Where] = true
				}
			}
			for _, f := range want.fails {
				if !fails[f] {
					t.Errorf("check %s passes, want fail", f)
				}
				delete(fails, f)
			}
			for f := range fails {
				t.Errorf("check %s fails unexpectedly", f)
			}
			if len(r.Sections) != 6 {
				t.Errorf("sections = %d, want 6", len(r.Sections))
			}
		})
	}
}

// The 沭阳 page leaves the organisation columns blank: they are null, and
// the checks that need them are uncertain, never failed.
func TestRealShuyangBlankColumns(t *testing.T) {
	x := MustExtractor(t)
	r, err := x.Extract(MustReal(t, "kirogovcompare__shuyang_fgj_2023_report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Agency != "沭阳县发展和改革局" || r.Year != 2023 || r.Template != TemplateT2021 {
		t.Errorf("agency %q year %d template %s", r.Agency, r.Year, r.Template)
	}
	q := r.Tables.Requests
	if q == nil {
		t.Fatal("requests = null, want the table")
	}
	if val(q.Rows["new"][0]) != 26.0 || val(q.Rows["new"][6]) != 26.0 || q.Rows["new"][1] != nil {
		t.Errorf("new = %v %v %v, want 26, 26, null", val(q.Rows["new"][0]), val(q.Rows["new"][6]), val(q.Rows["new"][1]))
	}
	if got := r.Tables.Active.Rows["normative_documents"]; got["issued"] != 8.0 || got["in_force"] != 18.0 {
		t.Errorf("normative_documents = %v", got)
	}
	if val(r.Tables.Reviews.Review.Pending) != 1.0 || val(r.Tables.Reviews.Review.Total) != 1.0 {
		t.Errorf("review = %+v", r.Tables.Reviews.Review)
	}
	for _, c := range r.Checks {
		if c.Status == CheckFail {
			t.Errorf("check %s %s failed (%s); blanks must make it uncertain", c.Rule, c.Where, c.Detail)
		}
	}
}

// X1 holds between the 2021 and 2022 reports: 1 application carried over.
func TestRealCarryOver(t *testing.T) {
	x := MustExtractor(t)
	prev, err := x.Extract(MustReal(t, "pingtan__2021_report_t20220208_80613.html"))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := x.Extract(MustReal(t, "pingtan__2022_report_t20230220_80629.html"))
	if err != nil {
		t.Fatal(err)
	}
	if c := CarryOver(prev, cur); c.Status != CheckPass {
		t.Errorf("CarryOver(2021, 2022) = %+v, want pass", c)
	}
	if c := CarryOver(cur, prev); c.Status != CheckUncertain {
		t.Errorf("CarryOver(2022, 2021) = %+v, want uncertain (years not consecutive)", c)
	}
}

// Page furniture must not reach the cleaned text of real pages.
func TestRealNoBoilerplate(t *testing.T) {
	x := MustExtractor(t)
	files, _ := filepath.Glob(filepath.Join(realDir, "*.html"))
	if len(files) == 0 {
		t.Skip("real corpus not available")
	}
	junk := []string{"扫一扫", "分享到", "打印本页", "关闭窗口", "网站地图", "版权所有", "ICP备", "当前位置", "字体：", "浏览次数"}
	for _, f := range files {
		text, err := x.CleanText(Input{Body: mustRead(t, f)})
		if err != nil {
			t.Fatalf("CleanText(%s) error = %v", f, err)
		}
		for _, j := range junk {
			if strings.Contains(text, j) {
				t.Errorf("%s: cleaned text contains %q", filepath.Base(f), j)
			}
		}
	}
}

// Pages that are not reports are recognised as such.
func TestRealNotReports(t *testing.T) {
	x := MustExtractor(t)
	for _, f := range []string{"pingtan__zfxxgknb_list_index.html", "nodehtmlparser__ordos_egb_xxgknb_list.html", "gne__shanxi_gov_1.html", "ccgp__chengjiao_gonggao_detail.html", "nfra__merged_cells_page_source.html"} {
		r, err := x.Extract(MustReal(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if r.IsReport {
			t.Errorf("%s: is_report = true (%s), want false", f, r.IsReportReason)
		}
	}
	for _, f := range []string{"pingtan__2011_report_t20120420_80678.html", "pingtan__2016_report_t20170118_80485.html"} {
		r, err := x.Extract(MustReal(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if !r.IsReport || r.Template != TemplatePre2019 || len(r.Facts) == 0 {
			t.Errorf("%s: is_report %v template %s facts %d, want a pre2019 report with facts", f, r.IsReport, r.Template, len(r.Facts))
		}
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

package extract

import (
	"strings"
	"testing"
)

func activeReport(year int, template string, rows map[string]map[string]any) *Report {
	return &Report{Year: year, Template: template, Tables: Tables{Active: &Active{Rows: rows}}}
}

func TestInForce(t *testing.T) {
	prev := activeReport(2022, TemplateT2021, map[string]map[string]any{
		"regulations":         {"issued": 0.0, "repealed": 0.0, "in_force": 0.0},
		"normative_documents": {"issued": 88.0, "repealed": 55.0, "in_force": 698.0},
	})
	tests := []struct {
		name string
		prev *Report
		cur  *Report
		want []string // status per row: 规章, 行政规范性文件
		text string   // in the 行政规范性文件 detail
	}{
		{"holds", prev, activeReport(2023, TemplateT2021, map[string]map[string]any{
			"regulations":         {"issued": 0.0, "repealed": 0.0, "in_force": 0.0},
			"normative_documents": {"issued": 77.0, "repealed": 132.0, "in_force": 643.0},
		}), []string{CheckPass, CheckPass}, "643 = 698 + 77 − 132"},
		{"breaks, both sides shown", prev, activeReport(2023, TemplateT2021, map[string]map[string]any{
			"regulations":         {"issued": 0.0, "repealed": 0.0, "in_force": 0.0},
			"normative_documents": {"issued": 77.0, "repealed": 132.0, "in_force": 470.0},
		}), []string{CheckPass, CheckFail}, "2023: 470 in force; 2022: 698 in force + 77 issued − 132 repealed = 643"},
		{"blank cell", prev, activeReport(2023, TemplateT2021, map[string]map[string]any{
			"regulations":         {"issued": 0.0, "repealed": 0.0, "in_force": 0.0},
			"normative_documents": {"issued": 77.0, "in_force": 470.0},
		}), []string{CheckPass, CheckUncertain}, "blank"},
		{"not consecutive", prev, activeReport(2024, TemplateT2021, nil), []string{CheckUncertain, CheckUncertain}, "not consecutive"},
		{"T2019 has no 现行有效件数", activeReport(2020, TemplateT2019, nil), activeReport(2021, TemplateT2021, nil), []string{CheckUncertain, CheckUncertain}, "T2021 field"},
		{"no previous report", nil, activeReport(2021, TemplateT2021, nil), []string{CheckUncertain, CheckUncertain}, "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := InForce(tt.prev, tt.cur)
			if len(got) != 2 {
				t.Fatalf("InForce returned %d checks, want 2", len(got))
			}
			for i, c := range got {
				if c.Rule != "X2" || c.Status != tt.want[i] {
					t.Errorf("check %d = %s %s (%s), want X2 %s", i, c.Rule, c.Status, c.Detail, tt.want[i])
				}
			}
			if !strings.Contains(got[1].Detail, tt.text) {
				t.Errorf("detail %q, want it to contain %q", got[1].Detail, tt.text)
			}
		})
	}
}

func TestYearOnYear(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	report := func(year int, newTotal, reviewTotal *float64) *Report {
		rows := map[string][]*float64{"new": make([]*float64, 7), "total": make([]*float64, 7)}
		rows["new"][6], rows["total"][6] = newTotal, newTotal
		return &Report{Year: year, Tables: Tables{
			Requests: &Requests{Columns: requestColumnKeys, Rows: rows},
			Reviews:  &Reviews{Review: ReviewCells{Total: reviewTotal}},
		}}
	}
	tests := []struct {
		name      string
		prev, cur *Report
		status    string // of 一、本年新收 总计
		detail    string
	}{
		{"steady", report(2022, f(70), f(2)), report(2023, f(81), f(3)), CheckPass, "2023: 81; 2022: 70"},
		{"more than five times", report(2022, f(70), f(2)), report(2023, f(1913), f(3)), CheckUncertain, "2023: 1913; 2022: 70 (27.3× last year)"},
		{"less than a fifth", report(2022, f(739), f(2)), report(2023, f(70), f(3)), CheckUncertain, "2023: 70; 2022: 739 (0.09× last year)"},
		{"small counts", report(2022, f(1), f(2)), report(2023, f(8), f(3)), CheckPass, "small counts"},
		{"from none", report(2022, f(0), f(2)), report(2023, f(300), f(3)), CheckUncertain, "from none to many"},
		{"blank", report(2022, nil, f(2)), report(2023, f(81), f(3)), CheckUncertain, "blank or missing"},
		{"not consecutive", report(2021, f(70), f(2)), report(2023, f(81), f(3)), CheckUncertain, "not consecutive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := YearOnYear(tt.prev, tt.cur)
			if len(got) != len(jumpTotals) {
				t.Fatalf("YearOnYear returned %d checks, want %d", len(got), len(jumpTotals))
			}
			c := got[0]
			if c.Rule != "X3" || c.Status != tt.status || !strings.Contains(c.Detail, tt.detail) {
				t.Errorf("check = %s %s %q, want X3 %s containing %q", c.Rule, c.Status, c.Detail, tt.status, tt.detail)
			}
			if len(c.Cells) != 1 || c.Cells[0] != "requests.new.total" {
				t.Errorf("cells = %q", c.Cells)
			}
		})
	}
}

// X2 on the real 平潭 reports: 2021→2022 holds (665 + 88 − 55 = 698),
// 2022→2023 does not (698 + 77 − 132 = 643, the 2023 report says 470).
func TestRealInForce(t *testing.T) {
	x := MustExtractor(t)
	read := func(name string) *Report {
		r, err := x.Extract(MustReal(t, name))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r21, r22, r23 := read("pingtan__2021_report_t20220208_80613.html"), read("pingtan__2022_report_t20230220_80629.html"), read("pingtan__2023_report_t20240308_87885.html")
	if c := InForce(r21, r22)[1]; c.Status != CheckPass {
		t.Errorf("X2 2021→2022 行政规范性文件 = %s (%s), want pass", c.Status, c.Detail)
	}
	c := InForce(r22, r23)[1]
	if c.Status != CheckFail || !strings.Contains(c.Detail, "470") || !strings.Contains(c.Detail, "643") {
		t.Errorf("X2 2022→2023 行政规范性文件 = %s (%s), want fail showing 470 and 643", c.Status, c.Detail)
	}
	for _, c := range YearOnYear(r22, r23) {
		if c.Status == CheckFail {
			t.Errorf("X3 %s failed; a jump is at most uncertain", c.Where)
		}
	}
}

// TestSectionChecks: T2 compares what the sections after 总体情况 state with
// the cells; a disagreement fails with both numbers and the sentence.
func TestSectionChecks(t *testing.T) {
	x := MustExtractor(t)
	base := string(readInput(t, "testdata/pipe_rows.txt").Body)
	body := strings.Replace(base, "三、收到和处理政府信息公开申请情况\n",
		"三、收到和处理政府信息公开申请情况\n\n本年度共收到政府信息公开申请99件。\n", 1)
	body = strings.Replace(body, "四、政府信息公开行政复议、行政诉讼情况\n",
		"四、政府信息公开行政复议、行政诉讼情况\n\n本年度被申请行政复议2件，行政诉讼6件。\n", 1)
	r, err := x.Extract(Input{Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Check{}
	for _, c := range r.Checks {
		if c.Rule == "T2" {
			got[c.Where] = c
		}
	}
	tests := []struct {
		where, status string
		detail        []string
	}{
		{"一、本年新收 总计 in section 3", CheckFail, []string{"text 99", "本年度共收到政府信息公开申请99件", "table 68 or 70"}},
		{"行政复议 总计 in section 4", CheckPass, []string{"text 2"}},
		{"行政诉讼 总计 in section 4", CheckPass, []string{"text 6"}},
	}
	for _, tt := range tests {
		c, ok := got[tt.where]
		if !ok {
			t.Errorf("no T2 check %q; have %v", tt.where, got)
			continue
		}
		if c.Status != tt.status {
			t.Errorf("%s = %s (%s), want %s", tt.where, c.Status, c.Detail, tt.status)
		}
		for _, d := range tt.detail {
			if !strings.Contains(c.Detail, d) {
				t.Errorf("%s detail %q, want it to contain %q", tt.where, c.Detail, d)
			}
		}
	}
}

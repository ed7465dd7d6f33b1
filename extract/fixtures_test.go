package extract

import (
	"strings"
	"testing"
)

// MustExtract extracts a testdata fixture.
func MustExtract(tb testing.TB, x *Extractor, path string, agency string) *Report {
	tb.Helper()
	in := readInput(tb, path)
	in.Agency = agency
	r, err := x.Extract(in)
	if err != nil {
		tb.Fatalf("Extract(%s) error = %v", path, err)
	}
	return r
}

func val(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func checkStatus(r *Report, rule, where string) string {
	for _, c := range r.Checks {
		if c.Rule == rule && c.Where == where {
			return c.Status
		}
	}
	return "missing"
}

// The same T2021 numbers are written as HTML, as a GBK page, inside Word
// wrapper tables, as one cell per line and as pipe rows: every shape must
// give the same cells.
func TestFixtureShapesAgree(t *testing.T) {
	x := MustExtractor(t)
	tests := []struct {
		file         string
		template     string
		new, granted []any
		reviewTotal  any
		licensing    any
		fees         any
	}{
		{"testdata/t2021_city.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 10690.0, 9116.36},
		{"testdata/big5_gate.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 10690.0, 9116.36},
		{"testdata/gbk_county.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 0.0, 312.0, 0.5},
		{"testdata/word_nested.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 10690.0, 9116.36},
		{"testdata/cell_per_line.txt", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 46.0, 0.0},
		{"testdata/provincial_variant.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 10690.0, 9116.36},
		{"testdata/flattened_html.html", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 1204.0, 0.0},
		{"testdata/pdf_text.txt", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 10690.0, 9116.36},
		{"testdata/pipe_rows.txt", TemplateT2021, []any{64.0, 3.0, 0.0, 0.0, 0.0, 1.0, 68.0}, []any{30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0}, 5.0, 1204.0, 0.0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := MustExtract(t, x, tt.file, "")
			if r.Template != tt.template {
				t.Errorf("Template = %q, want %q", r.Template, tt.template)
			}
			if r.Tables.Requests == nil || r.Tables.Reviews == nil || r.Tables.Active == nil {
				t.Fatalf("tables = %+v, want all three", r.TableStatus)
			}
			for i, want := range tt.new {
				if got := val(r.Tables.Requests.Rows["new"][i]); got != want {
					t.Errorf("requests.new[%d] = %v, want %v", i, got, want)
				}
			}
			for i, want := range tt.granted {
				if got := val(r.Tables.Requests.Rows["granted"][i]); got != want {
					t.Errorf("requests.granted[%d] = %v, want %v", i, got, want)
				}
			}
			if got := val(r.Tables.Reviews.LitigationDirect.Total); got != tt.reviewTotal {
				t.Errorf("reviews.litigation_direct.total = %v, want %v", got, tt.reviewTotal)
			}
			if got := r.Tables.Active.Rows["licensing"]["decisions"]; got != tt.licensing {
				t.Errorf("active.licensing.decisions = %v, want %v", got, tt.licensing)
			}
			if got := r.Tables.Active.Rows["fees"]["amount_wan_yuan"]; got != tt.fees {
				t.Errorf("active.fees.amount_wan_yuan = %v, want %v", got, tt.fees)
			}
			if len(r.Tables.Requests.Rows) != 25 {
				t.Errorf("requests rows = %d, want 25", len(r.Tables.Requests.Rows))
			}
			for _, c := range r.Checks {
				if c.Status != CheckPass {
					t.Errorf("check %s %s = %s (%s), want pass", c.Rule, c.Where, c.Status, c.Detail)
				}
			}
			if len(r.Sections) != 6 {
				t.Errorf("sections = %d, want 6", len(r.Sections))
			}
		})
	}
}

func TestFixtureOutcomes(t *testing.T) {
	x := MustExtractor(t)
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, r *Report)
	}{
		{"B1 broken in two columns", "testdata/breaks_b1.html", func(t *testing.T, r *Report) {
			for _, col := range []string{"column 自然人", "column 总计"} {
				if got := checkStatus(r, "B1", col); got != CheckFail {
					t.Errorf("B1 %s = %s, want fail", col, got)
				}
			}
			if got := checkStatus(r, "B1", "column 商业企业"); got != CheckPass {
				t.Errorf("B1 商业企业 = %s, want pass", got)
			}
		}},
		{"notice is not a report", "testdata/notice.html", func(t *testing.T, r *Report) {
			if r.IsReport || !strings.Contains(r.IsReportReason, "notice") {
				t.Errorf("IsReport = %v (%s), want false for a notice", r.IsReport, r.IsReportReason)
			}
		}},
		{"解读 is not a report", "testdata/jiedu.html", func(t *testing.T, r *Report) {
			if r.IsReport {
				t.Errorf("IsReport = true (%s), want false", r.IsReportReason)
			}
		}},
		{"image table is null with status image", "testdata/image_table.html", func(t *testing.T, r *Report) {
			if r.Tables.Requests != nil || r.TableStatus.Requests != StatusImage {
				t.Errorf("requests = %v / %q, want nil / image", r.Tables.Requests, r.TableStatus.Requests)
			}
			if got := checkStatus(r, "B1", "table 三"); got != CheckUncertain {
				t.Errorf("B1 = %s, want uncertain", got)
			}
		}},
		{"missing and empty tables are null, never zeros", "testdata/missing_tables.html", func(t *testing.T, r *Report) {
			if r.Tables.Requests != nil || r.TableStatus.Requests != StatusAbsent {
				t.Errorf("requests = %v / %q, want nil / absent", r.Tables.Requests, r.TableStatus.Requests)
			}
			if r.Tables.Reviews != nil || r.TableStatus.Reviews != StatusEmpty {
				t.Errorf("reviews = %v / %q, want nil / empty", r.Tables.Reviews, r.TableStatus.Reviews)
			}
		}},
		{"T2019 signs, units, separators and blanks", "testdata/t2019_office.html", func(t *testing.T, r *Report) {
			if r.Template != TemplateT2019 {
				t.Fatalf("Template = %s, want T2019", r.Template)
			}
			a := r.Tables.Active.Rows
			for _, c := range []struct {
				row, field string
				want       any
			}{
				{"normative_documents", "new_made", 1036.0}, {"normative_documents", "total_published", 12541.0},
				{"licensing", "change", 4.0}, {"other_services", "change", -1271.0}, {"licensing", "decisions", 0.0},
				{"coercion", "decisions", 0.0}, {"procurement", "amount", 251000.0}, {"procurement", "amount_unit", "元"},
				{"fees", "prev_items", 2.0},
			} {
				if got := a[c.row][c.field]; got != c.want {
					t.Errorf("active.%s.%s = %v, want %v", c.row, c.field, got, c.want)
				}
			}
			if got := val(r.Tables.Requests.Rows["granted"][6]); got != nil {
				t.Errorf("blank 总计 of （一） = %v, want null", got)
			}
			if got := val(r.Tables.Requests.Rows["other"][1]); got != 1.0 {
				t.Errorf("（六）其他处理 商业企业 = %v, want 1", got)
			}
			if r.TableStatus.Requests != StatusPartial {
				t.Errorf("requests status = %s, want partial (blank cells)", r.TableStatus.Requests)
			}
			if got := checkStatus(r, "B2", "row （一）予以公开"); got != CheckUncertain {
				t.Errorf("B2 on a blank total = %s, want uncertain", got)
			}
			if got := checkStatus(r, "B1", "column 总计"); got != CheckPass {
				t.Errorf("B1 总计 = %s, want pass", got)
			}
		}},
		{"Traditional mirror is converted and its junk dropped", "testdata/traditional_mirror.html", func(t *testing.T, r *Report) {
			if r.Script != "hant" || r.Title != "2012年某某市政府信息公开工作年度报告" {
				t.Errorf("script, title = %s, %q", r.Script, r.Title)
			}
			text, err := x.CleanText(readInput(t, "testdata/traditional_mirror.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"优化依申请公开服务", "市档案馆", "门户网站", "见附件"} {
				if !strings.Contains(text, want) {
					t.Errorf("cleaned text lacks %q", want)
				}
			}
			for _, junk := range []string{"相关词条", "热门词条", "联系我们", "台北101", "搜寻"} {
				if strings.Contains(text, junk) {
					t.Errorf("cleaned text contains junk %q", junk)
				}
			}
			if r.Template != TemplatePre2019 || len(r.Facts) == 0 {
				t.Errorf("template %s with %d facts, want pre2019 with facts", r.Template, len(r.Facts))
			}
		}},
		{"pre-2019 facts from prose and the statistics table", "testdata/pre2019_county.html", func(t *testing.T, r *Report) {
			want := map[string]float64{"主动公开政府信息数": 1284, "收到申请数": 17, "同意公开数": 12, "行政复议数": 1, "行政诉讼数": 0, "收费金额": 0, "专职人员数": 2, "兼职人员数": 15}
			got := map[string]float64{}
			for _, f := range r.Facts {
				if _, ok := got[f.Key]; !ok {
					got[f.Key] = f.Value
				}
				if f.Quote == "" {
					t.Errorf("fact %s has no quote", f.Key)
				}
			}
			for k, v := range want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("fact %s = %v (found %v), want %v", k, g, ok, v)
				}
			}
		}},
		{"config agency completes a short title agency", "testdata/t2021_city.html", func(t *testing.T, r *Report) {
			if r.Agency != "某某市" || r.Provenance.Agency != "title" {
				t.Errorf("agency = %q from %q", r.Agency, r.Provenance.Agency)
			}
			if r.Published != "2023-01-30" || r.Year != 2022 || r.Metadata["来源"] != "某某市人民政府办公室" {
				t.Errorf("published %q year %d metadata %v", r.Published, r.Year, r.Metadata)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, MustExtract(t, x, tt.file, ""))
		})
	}
}

func TestConfigAgency(t *testing.T) {
	x := MustExtractor(t)
	r := MustExtract(t, x, "testdata/t2021_city.html", "某某市人民政府")
	if r.Agency != "某某市人民政府" || r.Provenance.Agency != "config" {
		t.Errorf("agency = %q from %q, want the config's fuller name", r.Agency, r.Provenance.Agency)
	}
}

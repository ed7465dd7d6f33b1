package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wildDir holds real pages and text copies found in other projects
// (shared/corpus/wild, origins in its SOURCES.tsv); tests skip without it.
const wildDir = "../../shared/corpus/wild/pages"

// wildCase is what one wild file says, read by hand: whether it is a
// report, who reports on which year under which template, the date the
// page gives, how many of the three template tables it carries in a
// readable form, and cells read off it (paths as in Check.Cells; nil is a
// cell the file leaves blank).
type wildCase struct {
	file      string
	report    bool
	agency    string
	year      int
	template  string
	published string
	tables    int
	cells     map[string]any
	facts     map[string]float64 // pre-2019 facts: key → value of the first fact under key
	notFacts  []float64          // values no fact may have (counts from another context)
	fails     []string           // "rule where" of checks the file itself breaks
}

// wildCases: the agency is the name as the report writes it about itself
// (the title, else the opening or the signature); the 平潭 text dumps put
// a crawler header (标题:, 发布时间:) above the body; the 沭阳 OCR copy reads
// 沭 as 沐 throughout, and that is what the text says.
var wildCases = []wildCase{
	{file: "changwu-pingtan__zfxxgknb_201204_80716_page.txt", report: true, agency: "平潭县人民政府", year: 2011, template: TemplatePre2019, published: "2012-04-18",
		facts: map[string]float64{"主动公开政府信息数": 425, "收到申请数": 0, "行政复议数": 0}},
	{file: "changwu-pingtan__zfxxgknb_201301_80725_page.txt", report: true, agency: "平潭县人民政府", year: 2012, template: TemplatePre2019, published: "2013-01-17",
		facts: map[string]float64{"收到申请数": 21, "行政复议数": 0}},
	{file: "changwu-pingtan__zfxxgknb_201302_80734_page.txt", report: true, agency: "平潭综合实验区", year: 2012, template: TemplatePre2019, published: "2013-02-25",
		// The text says 1913 documents were published, the table 739.
		facts: map[string]float64{"主动公开政府信息数": 739, "收到申请数": 0}, fails: []string{"T2 主动公开政府信息数: text vs statistics table"}},
	{file: "changwu-pingtan__zfxxgknb_201401_80754_page.html", report: true, agency: "平潭县人民政府", year: 2013, template: TemplatePre2019, published: "2014-01-22"},
	{file: "changwu-pingtan__zfxxgknb_201401_80754_page.txt", report: true, agency: "平潭县人民政府", year: 2013, template: TemplatePre2019, published: "2014-01-22",
		facts: map[string]float64{"收到申请数": 7, "同意公开数": 2, "部分公开数": 1}},
	{file: "changwu-pingtan__zfxxgknb_201402_80774_page.html", report: true, agency: "平潭综合实验区地方税务局", year: 2013, template: TemplatePre2019, published: "2014-02-25"},
	{file: "changwu-pingtan__zfxxgknb_201402_80774_page.txt", report: true, agency: "平潭综合实验区地方税务局", year: 2013, template: TemplatePre2019, published: "2014-02-25"},
	{file: "changwu-pingtan__zfxxgknb_201403_80759_page.txt", report: true, agency: "平潭综合实验区", year: 2013, template: TemplatePre2019, published: "2014-01-10",
		// The text says 4970, the table 72804.
		facts: map[string]float64{"主动公开政府信息数": 72804, "收到申请数": 0}, fails: []string{"T2 主动公开政府信息数: text vs statistics table"}},
	{file: "changwu-pingtan__zfxxgknb_201412_80787_page.txt", report: false, published: "2014-12-10"},
	{file: "changwu-pingtan__zfxxgknb_201501_80791_page.txt", report: true, agency: "平潭综合实验区管委会", year: 2014, template: TemplatePre2019, published: "2015-01-02",
		// 行政服务中心…共受理申请121510件 counts permit applications.
		facts: map[string]float64{"主动公开政府信息数": 2543, "收到申请数": 1}, notFacts: []float64{121510}},
	{file: "changwu-pingtan__zfxxgknb_201601_80445_page.txt", report: true, agency: "平潭综合实验区", year: 2015, template: TemplatePre2019, published: "2016-01-12",
		facts: map[string]float64{"主动公开政府信息数": 2949}},
	{file: "changwu-pingtan__zfxxgknb_201801_80506_page.txt", report: true, agency: "平潭综合实验区", year: 2017, template: TemplatePre2019, published: "2018-01-23"},
	{file: "changwu-pingtan__zfxxgknb_201901_80529_page.txt", report: true, agency: "平潭综合实验区", year: 2018, template: TemplatePre2019, published: "2019-01-10",
		facts: map[string]float64{"主动公开政府信息数": 2069, "收到申请数": 0}},
	{file: "changwu-pingtan__zfxxgknb_202603_105587_page.html", report: true, agency: "平潭综合实验区", year: 2025, template: TemplateT2021, published: "2026-03-10", tables: 3,
		cells: map[string]any{
			"requests.new.natural_person": 151.0, "requests.new.commercial": 3.0, "requests.new.total": 154.0,
			"requests.total.total": 148.0, "requests.carried_out.total": 6.0,
			"active.normative_documents.issued": 58.0, "active.normative_documents.repealed": 45.0, "active.normative_documents.in_force": 546.0,
			"active.licensing.decisions": 2418.0, "active.fees.amount_wan_yuan": 4166.241619,
			"reviews.review.upheld": 25.0, "reviews.review.total": 36.0, "reviews.litigation_direct.total": 6.0, "reviews.litigation_after_review.total": 3.0,
		}},
	// The crawler glued the table cells together (15130000154): the
	// tables cannot be read, but their labels still say T2021.
	{file: "changwu-pingtan__zfxxgknb_202603_105587_page.txt", report: true, agency: "平潭综合实验区", year: 2025, template: TemplateT2021, published: "2026-03-10"},
	{file: "kirogovcompare__tests_fixtures_annual-report_kewei-2024-source.md.txt", report: true, agency: "上海市科委", year: 2024, template: TemplateT2021, tables: 3,
		cells: map[string]any{
			"active.normative_documents.issued": 13.0, "active.normative_documents.in_force": 55.0, "active.licensing.decisions": 97.0,
			"requests.new.natural_person": 32.0, "requests.new.total": 34.0, "requests.carried_in.total": 2.0,
			"requests.partly_granted.total": 0.0, "requests.denied_law.total": 0.0, "requests.denied_internal.total": 1.0,
			"requests.unavailable_not_held.total": 4.0, "requests.unavailable_needs_creation.total": 6.0,
			"requests.other_no_correction.natural_person": 8.0, "requests.other_no_correction.commercial": 2.0, "requests.other_no_correction.total": 10.0,
			"requests.other_no_fee.total": 0.0, "requests.other_misc.total": 4.0,
			"requests.total.total": 35.0, "requests.carried_out.natural_person": 1.0, "requests.carried_out.total": nil,
			"reviews.review.upheld": 1.0, "reviews.review.total": 1.0, "reviews.litigation_direct.total": 0.0, "reviews.litigation_after_review.total": 0.0,
		}},
	{file: "kirogovcompare__tests_fixtures_annual-report_shanghai-office-sample-source.md.txt", report: true, agency: "上海市人民政府办公厅", year: 2025, template: TemplateT2021, tables: 3,
		cells: map[string]any{
			"requests.new.natural_person": 1259.0, "requests.new.total": 1295.0, "requests.carried_in.total": 189.0,
			"requests.partly_granted.total": 2.0, "requests.denied_state_secret.total": 4.0, "requests.denied_third_party.total": 0.0,
			"requests.unavailable_not_held.total": 513.0, "requests.rejected_confirmation.total": 0.0,
			"requests.other_no_correction.total": 43.0, "requests.other_no_correction.legal_service": 2.0,
			"requests.other_no_fee.total": 0.0, "requests.other_misc.total": 276.0, "requests.total.total": 1191.0, "requests.carried_out.total": 293.0,
			"active.licensing.decisions": 0.0, "active.fees.amount_wan_yuan": 0.0,
			"reviews.review.upheld": 40.0, "reviews.review.other": 10.0, "reviews.review.pending": 5.0, "reviews.review.total": 55.0,
			"reviews.litigation_direct.total": 12.0, "reviews.litigation_after_review.upheld": 6.0, "reviews.litigation_after_review.total": 22.0,
		}},
	{file: "kirogovcompare__tests_shuyang-gov-2025.txt", report: true, agency: "沐阳县人民政府", year: 2025, template: TemplateT2021, tables: 3,
		cells: map[string]any{
			"active.normative_documents.issued": 6.0, "active.normative_documents.in_force": 32.0, "active.penalties.decisions": 693957.0,
			"requests.new.natural_person": 705.0, "requests.new.total": 713.0, "requests.total.total": 718.0, "requests.carried_out.total": 31.0,
			"reviews.review.upheld": 27.0, "reviews.review.total": 61.0, "reviews.litigation_direct.upheld": 3.0, "reviews.litigation_direct.total": 3.0,
			"reviews.litigation_after_review.upheld": 8.0, "reviews.litigation_after_review.total": 10.0,
		}},
}

// wildResult is one file's extraction, as the summary counts it.
type wildResult struct {
	c                 wildCase
	r                 *Report
	found             int // tables ok or partial
	pass, fail, uncer int
}

func (w wildResult) reportRight() bool   { return w.r.IsReport == w.c.report }
func (w wildResult) agencyRight() bool   { return !w.c.report || w.r.Agency == w.c.agency }
func (w wildResult) yearRight() bool     { return !w.c.report || w.r.Year == w.c.year }
func (w wildResult) templateRight() bool { return !w.c.report || w.r.Template == w.c.template }

// TestWild extracts every file of corpus/wild and compares it with what
// was read off it by hand. With -v it prints the summary table that the
// issue's before/after comparison uses.
func TestWild(t *testing.T) {
	if _, err := os.Stat(wildDir); err != nil {
		t.Skipf("wild corpus not available: %v", err)
	}
	x := MustExtractor(t)
	var results []wildResult
	for _, c := range wildCases {
		body, err := os.ReadFile(filepath.Join(wildDir, c.file))
		if err != nil {
			t.Fatalf("read %s: %v", c.file, err)
		}
		r, err := x.Extract(Input{Body: body})
		if err != nil {
			t.Fatalf("Extract(%s) error = %v", c.file, err)
		}
		w := wildResult{c: c, r: r}
		for _, s := range []string{r.TableStatus.Active, r.TableStatus.Requests, r.TableStatus.Reviews} {
			if s == StatusOK || s == StatusPartial {
				w.found++
			}
		}
		for _, ch := range r.Checks {
			switch ch.Status {
			case CheckPass:
				w.pass++
			case CheckFail:
				w.fail++
			default:
				w.uncer++
			}
		}
		results = append(results, w)
		t.Run(c.file, func(t *testing.T) { checkWild(t, w) })
	}
	t.Log("\n" + wildSummary(results))
}

func checkWild(t *testing.T, w wildResult) {
	c, r := w.c, w.r
	if !w.reportRight() {
		t.Errorf("is_report = %v (%s), want %v", r.IsReport, r.IsReportReason, c.report)
	}
	if !w.agencyRight() {
		t.Errorf("agency = %q (from %s), want %q", r.Agency, r.Provenance.Agency, c.agency)
	}
	if !w.yearRight() {
		t.Errorf("year = %d (from %s), want %d", r.Year, r.Provenance.Year, c.year)
	}
	if !w.templateRight() {
		t.Errorf("template = %s, want %s", r.Template, c.template)
	}
	if r.Published != c.published {
		t.Errorf("published = %q, want %q", r.Published, c.published)
	}
	if w.found != c.tables {
		t.Errorf("tables found = %d (%+v), want %d", w.found, r.TableStatus, c.tables)
	}
	for path, want := range c.cells {
		got, err := tableCell(r.Tables, path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	fails := map[string]bool{}
	for _, f := range c.fails {
		fails[f] = true
	}
	for _, ch := range r.Checks {
		if ch.Status == CheckFail && !fails[ch.Rule+" "+ch.Where] {
			t.Errorf("check %s %s fails: %s", ch.Rule, ch.Where, ch.Detail)
		}
		delete(fails, ch.Rule+" "+ch.Where)
	}
	for f := range fails {
		t.Errorf("check %s missing, want it to fail", f)
	}
	for _, v := range c.notFacts {
		for _, f := range r.Facts {
			if f.Value == v {
				t.Errorf("fact %s = %v (%q) is a count from another context", f.Key, v, f.Quote)
			}
		}
	}
	if c.report && c.template == TemplatePre2019 && len(r.Facts) == 0 {
		t.Errorf("pre-2019 report without facts")
	}
	for key, want := range c.facts {
		if got, ok := factValue(r, key); !ok || got != want {
			t.Errorf("fact %s = %v (found %v), want %v", key, got, ok, want)
		}
	}
}

// factValue is the value of the first fact under key.
func factValue(r *Report, key string) (float64, bool) {
	for _, f := range r.Facts {
		if f.Key == key {
			return f.Value, true
		}
	}
	return 0, false
}

// tableCell reads a cell of the marshalled tables by its Check.Cells path:
// requests.ROW.COLUMN, reviews.GROUP.FIELD or active.ROW.FIELD. A blank
// cell is nil; a missing table or row is an error.
func tableCell(t Tables, path string) (any, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	parts := strings.Split(path, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("bad path")
	}
	table, _ := m[parts[0]].(map[string]any)
	if table == nil {
		return nil, fmt.Errorf("table %s is null", parts[0])
	}
	switch parts[0] {
	case "requests":
		rows, _ := table["rows"].(map[string]any)
		row, ok := rows[parts[1]].([]any)
		if !ok {
			return nil, fmt.Errorf("row %s absent", parts[1])
		}
		return row[indexOf(requestColumnKeys, parts[2])], nil
	case "active":
		rows, _ := table["rows"].(map[string]any)
		row, ok := rows[parts[1]].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("row %s absent", parts[1])
		}
		return row[parts[2]], nil
	default:
		group, ok := table[parts[1]].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("group %s absent", parts[1])
		}
		return group[parts[2]], nil
	}
}

// wildSummary is the per-file table and the totals.
func wildSummary(results []wildResult) string {
	var b strings.Builder
	mark := func(ok bool) string {
		if ok {
			return "✓"
		}
		return "✗"
	}
	b.WriteString("| file | report | agency | year | template | tables | checks pass/fail/uncertain | facts |\n|---|---|---|---|---|---|---|---|\n")
	var rec, ag, yr, tp, tables, want, pass, fail, unc int
	for _, w := range results {
		name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(w.c.file, "changwu-pingtan__zfxxgknb_"), "kirogovcompare__tests_"), ".txt")
		fmt.Fprintf(&b, "| %s | %s %v | %s %s | %s %d | %s %s | %d/%d | %d/%d/%d | %d |\n", name,
			mark(w.reportRight()), w.r.IsReport, mark(w.agencyRight()), w.r.Agency, mark(w.yearRight()), w.r.Year,
			mark(w.templateRight()), w.r.Template, w.found, w.c.tables, w.pass, w.fail, w.uncer, len(w.r.Facts))
		rec += b2i(w.reportRight())
		ag += b2i(w.agencyRight() && w.c.report)
		yr += b2i(w.yearRight() && w.c.report)
		tp += b2i(w.templateRight() && w.c.report)
		tables, want = tables+w.found, want+w.c.tables
		pass, fail, unc = pass+w.pass, fail+w.fail, unc+w.uncer
	}
	reports := 0
	for _, w := range results {
		reports += b2i(w.c.report)
	}
	fmt.Fprintf(&b, "\nrecognised %d/%d · agency right %d/%d · year right %d/%d · template right %d/%d · tables found %d/%d · checks %d pass / %d fail / %d uncertain\n",
		rec, len(results), ag, reports, yr, reports, tp, reports, tables, want, pass, fail, unc)
	return b.String()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/nianbao/nianbao/extract"
)

// wideColumn is one column of the wide export: its name, what it holds in
// the template's words, and its value for a report.
type wideColumn struct {
	name, meaning string
	value         func(e Entry) string
	numeric       bool // the XLSX export writes it as a number
}

// totalOf is the 总计 (all applicants) cell of a table 三 row.
func totalOf(row string) func(Entry) string {
	return func(e Entry) string {
		rq := e.Report.Tables.Requests
		if rq == nil {
			return ""
		}
		vals := rq.Rows[row]
		if len(vals) < 7 {
			return ""
		}
		return extract.FormatCell(vals[6])
	}
}

// reviewTotal is the 总计 cell of a table 四 group.
func reviewTotal(group func(*extract.Reviews) extract.ReviewCells) func(Entry) string {
	return func(e Entry) string {
		if rv := e.Report.Tables.Reviews; rv != nil {
			return extract.FormatCell(group(rv).Total)
		}
		return ""
	}
}

// checkCount counts the report's checks with the given status.
func checkCount(status string) func(Entry) string {
	return func(e Entry) string {
		n := 0
		for _, c := range e.Report.Checks {
			if c.Status == status {
				n++
			}
		}
		return strconv.Itoa(n)
	}
}

// wideColumns are the columns of the wide CSV and of the XLSX reports
// sheet, in order. README's export section lists them; keep both in step.
var wideColumns = []wideColumn{
	{"report_id", "报告编号（archive id: show ID, /reports/ID）", func(e Entry) string { return e.Report.ID }, false},
	{"agency", "发布机关", func(e Entry) string { return e.Report.Agency }, false},
	{"region", "地区", func(e Entry) string { return e.Report.Region }, false},
	{"year", "报告年度", func(e Entry) string { return yearText(e.Report.Year) }, true},
	{"title", "标题", func(e Entry) string { return e.Report.Title }, false},
	{"url", "网址", func(e Entry) string { return sourceOf(e.Report).URL }, false},
	{"published", "发布日期", func(e Entry) string { return e.Report.Published }, false},
	{"template", "模板（T2019, T2021, pre2019, unknown）", func(e Entry) string { return e.Report.Template }, false},
	{"status", "状态（live 在线, gone 已撤下, failing 抓取失败）", func(e Entry) string { return e.Status }, false},
	{"status_since", "状态开始时间（UTC）", func(e Entry) string { return timeText(e.StatusSince) }, false},
	{"version_id", "所导出版本的编号", func(e Entry) string { return sourceOf(e.Report).Version }, false},
	{"fetched_at", "该版本抓取时间（UTC）", func(e Entry) string { return sourceOf(e.Report).FetchedAt }, false},
	{"sha256", "该版本内容的 SHA-256", func(e Entry) string { return sourceOf(e.Report).SHA256 }, false},
	{"is_report", "是否年度报告", func(e Entry) string { return strconv.FormatBool(e.Report.IsReport) }, false},
	{"active_table_status", "表二 主动公开：ok, partial, empty, image, absent", func(e Entry) string { return e.Report.TableStatus.Active }, false},
	{"requests_table_status", "表三 依申请公开：同上", func(e Entry) string { return e.Report.TableStatus.Requests }, false},
	{"reviews_table_status", "表四 复议诉讼：同上", func(e Entry) string { return e.Report.TableStatus.Reviews }, false},
	{"applications_received", "表三 一、本年新收政府信息公开申请数量（总计）", totalOf("new"), true},
	{"applications_carried_over_from_last_year", "表三 二、上年结转政府信息公开申请数量（总计）", totalOf("carried_in"), true},
	{"applications_granted", "表三 （一）予以公开（总计）", totalOf("granted"), true},
	{"applications_partly_granted", "表三 （二）部分公开（总计）", totalOf("partly_granted"), true},
	{"applications_handled", "表三 （七）总计（总计）", totalOf("total"), true},
	{"applications_carried_to_next_year", "表三 四、结转下年度继续办理（总计）", totalOf("carried_out"), true},
	{"admin_reviews", "表四 行政复议（总计）", reviewTotal(func(r *extract.Reviews) extract.ReviewCells { return r.Review }), true},
	{"lawsuits_without_review", "表四 行政诉讼 未经复议直接起诉（总计）", reviewTotal(func(r *extract.Reviews) extract.ReviewCells { return r.LitigationDirect }), true},
	{"lawsuits_after_review", "表四 行政诉讼 复议后起诉（总计）", reviewTotal(func(r *extract.Reviews) extract.ReviewCells { return r.LitigationAfterReview }), true},
	{"checks_passed", "勾稽关系检查：通过数", checkCount(extract.CheckPass), true},
	{"checks_failed", "勾稽关系检查：不符数", checkCount(extract.CheckFail), true},
	{"checks_uncertain", "勾稽关系检查：无法判断数", checkCount(extract.CheckUncertain), true},
}

// WideColumns returns the wide export's column names with what each
// holds, in order.
func WideColumns() [][2]string {
	out := make([][2]string, len(wideColumns))
	for i, c := range wideColumns {
		out[i] = [2]string{c.name, c.meaning}
	}
	return out
}

// wideRow is e's row of the wide export.
func wideRow(e Entry) []string {
	row := make([]string, len(wideColumns))
	for i, c := range wideColumns {
		row[i] = c.value(e)
	}
	return row
}

type wideCSV struct {
	cw *csv.Writer
}

// NewWideCSV starts a CSV with one row per report (the columns of
// WideColumns); it writes the byte-order mark (unless opts.NoBOM) and the
// header at once.
func NewWideCSV(w io.Writer, opts Options) (Writer, error) {
	if err := writeBOM(w, opts); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	head := make([]string, len(wideColumns))
	for i, c := range wideColumns {
		head[i] = c.name
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	return &wideCSV{cw: cw}, nil
}

func (x *wideCSV) Write(e Entry) error { return x.cw.Write(wideRow(e)) }

func (x *wideCSV) Close() error {
	x.cw.Flush()
	return x.cw.Error()
}

// yearText is the year, "" when unknown (0).
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

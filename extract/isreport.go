package extract

import (
	"fmt"
	"strings"
)

// namesReport reports a title that names an annual report (not a notice
// about one, nor a 解读).
func namesReport(title string) bool {
	t := labelKey(title)
	return containsAny(t, "年度报告", "年报", "工作报告") && !containsAny(t, "通知", "解读", "图解")
}

// isReportVerdict decides whether the page is an annual report itself.
func isReportVerdict(title string, doc *document, spans []sectionSpan, ts *tableSet) (bool, string) {
	t := labelKey(title)
	tmpl := templateSections(spans)
	tables := ts.requests.grids > 0 || ts.reviews != nil || len(ts.active.rows) > 0
	switch {
	case strings.Contains(t, "通知") && containsAny(t, "关于", "做好", "印发"):
		return false, "notice about annual reports (关于…通知), not a report"
	case containsAny(t, "解读", "图解"):
		return false, "解读 of a report, not the report"
	case containsAny(t, "统计公报"):
		return false, "statistics bulletin, not an annual report"
	}
	names := containsAny(t, "年度报告", "年报", "工作报告") && containsAny(t, "信息公开", "政务公开")
	dated := yearRE.MatchString(t)
	switch {
	case names && (tmpl >= 3 || tables || len(spans) >= 3):
		return true, fmt.Sprintf("title names the annual report; %d sections found%s", len(spans), tablesNote(tables))
	case names && dated:
		return true, fmt.Sprintf("title names the annual report; only %d sections found%s", len(spans), tablesNote(tables))
	case tmpl >= 4 || (tables && tmpl >= 2):
		return true, fmt.Sprintf("%d template sections found%s though the title does not name a report", tmpl, tablesNote(tables))
	case names:
		return false, fmt.Sprintf("column or list page: the title names annual reports but no year, and no report body (%d links)", doc.links)
	case doc.links >= 15 && len(spans) < 2 && !tables && doc.linkText*2 > doc.textLen:
		return false, fmt.Sprintf("list page: %d links, no report body", doc.links)
	}
	return false, "no annual-report title, sections or tables"
}

func tablesNote(tables bool) string {
	if tables {
		return "; template tables found"
	}
	return ""
}

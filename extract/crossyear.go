package extract

import (
	"fmt"
	"math"
	"strings"
)

// Cross-year checks beside X1 (CarryOver): they compare a report with the
// same agency's report for the year before, which only the caller (the
// archive) can pair.

// inForceRows are the T2021 table 二 rows that count documents in force.
var inForceRows = []string{"regulations", "normative_documents"}

// InForce is rule X2 for T2021 table 二, one check per row (规章,
// 行政规范性文件): this year's 现行有效件数 = last year's 现行有效件数 + 本年制发件数 −
// 本年废止件数. prev must be the same agency's report for the year before
// cur. A check is uncertain when a report, a T2021 table 二 or a cell is
// missing or the years are not consecutive; a failure shows both sides.
func InForce(prev, cur *Report) []Check {
	var out []Check
	for _, row := range inForceRows {
		c := Check{Rule: "X2", Where: "现行有效件数 " + activeRowLabel(row)}
		pv, cv, why := activePair(prev, cur, row)
		if why != "" {
			c.Status, c.Detail = CheckUncertain, why
			out = append(out, c)
			continue
		}
		c.Where = fmt.Sprintf("现行有效件数 %s %d vs %d", activeRowLabel(row), cur.Year, prev.Year)
		c.Cells = []string{"active." + row + ".in_force", "active." + row + ".issued", "active." + row + ".repealed"}
		was, now, issued, repealed := fieldOf(pv, "in_force"), fieldOf(cv, "in_force"), fieldOf(cv, "issued"), fieldOf(cv, "repealed")
		detail := fmt.Sprintf("%s = %s + %s − %s", num(now), num(was), num(issued), num(repealed))
		switch {
		case was == nil || now == nil || issued == nil || repealed == nil:
			c.Status, c.Detail = CheckUncertain, detail+" (blank cells)"
		case math.Abs(*now-(*was+*issued-*repealed)) <= tolerance:
			c.Status, c.Detail = CheckPass, detail
		default:
			c.Status = CheckFail
			c.Detail = fmt.Sprintf("%d: %s in force; %d: %s in force + %s issued − %s repealed = %s",
				cur.Year, num(now), prev.Year, num(was), num(issued), num(repealed), num(ptr(*was+*issued-*repealed)))
		}
		out = append(out, c)
	}
	return out
}

// activePair returns the table 二 rows of both years, or why they cannot
// be compared.
func activePair(prev, cur *Report, row string) (p, c map[string]any, why string) {
	switch {
	case prev == nil || cur == nil:
		return nil, nil, "a report is missing"
	case prev.Year == 0 || cur.Year == 0 || cur.Year != prev.Year+1:
		return nil, nil, fmt.Sprintf("years %d and %d are not consecutive", prev.Year, cur.Year)
	case prev.Template != TemplateT2021 || cur.Template != TemplateT2021:
		return nil, nil, fmt.Sprintf("templates %s and %s: 现行有效件数 is a T2021 field", prev.Template, cur.Template)
	case prev.Tables.Active == nil || cur.Tables.Active == nil:
		return nil, nil, "table 二 missing in one of the years"
	}
	p, c = prev.Tables.Active.Rows[row], cur.Tables.Active.Rows[row]
	if p == nil || c == nil {
		return nil, nil, "row missing in one of the years"
	}
	return p, c, ""
}

// fieldOf reads a number from a table 二 row; nil when blank or absent.
func fieldOf(row map[string]any, field string) *float64 {
	if v, ok := row[field].(float64); ok {
		return &v
	}
	return nil
}

func ptr(v float64) *float64 { return &v }

// activeRowLabel names a table 二 row in checks.
func activeRowLabel(row string) string {
	switch row {
	case "regulations":
		return "规章"
	case "normative_documents":
		return "行政规范性文件"
	}
	return row
}

// Year-on-year jumps (rule X3).
const (
	jumpUp   = 5.0 // a total more than 5× last year's is uncertain
	jumpDown = 0.2 // or less than a fifth of it
	// jumpFloor: below this on both sides a ratio says nothing (1 → 6).
	jumpFloor = 10.0
)

// jumpTotals are the totals compared year on year: path in Check.Cells and
// the label the check names.
var jumpTotals = []struct{ cell, label string }{
	{"requests.new.total", "一、本年新收 总计"},
	{"requests.total.total", "（七）总计 总计"},
	{"reviews.review.total", "行政复议 总计"},
	{"reviews.litigation_direct.total", "行政诉讼 未经复议直接起诉 总计"},
	{"reviews.litigation_after_review.total", "行政诉讼 复议后起诉 总计"},
}

// YearOnYear is rule X3: each total of tables 三 and 四 against last
// year's. A total more than 5× or less than 0.2× last year's is uncertain
// (a publisher's slip or a reading error is likely; either way a reader
// should look), with both values; so is a missing total. Totals under 10
// in both years pass: their ratios mean little. prev must be the same
// agency's report for the year before cur.
func YearOnYear(prev, cur *Report) []Check {
	var out []Check
	for _, t := range jumpTotals {
		c := Check{Rule: "X3", Where: t.label + " year on year", Cells: []string{t.cell}}
		switch {
		case prev == nil || cur == nil:
			c.Status, c.Detail = CheckUncertain, "a report is missing"
			out = append(out, c)
			continue
		case prev.Year == 0 || cur.Year == 0 || cur.Year != prev.Year+1:
			c.Status, c.Detail = CheckUncertain, fmt.Sprintf("years %d and %d are not consecutive", prev.Year, cur.Year)
			out = append(out, c)
			continue
		}
		was, now := cellOf(prev.Tables, t.cell), cellOf(cur.Tables, t.cell)
		c.Where = fmt.Sprintf("%s %d vs %d", t.label, cur.Year, prev.Year)
		detail := fmt.Sprintf("%d: %s; %d: %s", cur.Year, num(now), prev.Year, num(was))
		switch {
		case was == nil || now == nil:
			c.Status, c.Detail = CheckUncertain, detail+" (blank or missing)"
		case *was < jumpFloor && *now < jumpFloor:
			c.Status, c.Detail = CheckPass, detail+" (small counts)"
		case *was == 0:
			c.Status, c.Detail = CheckUncertain, detail+" (from none to many)"
		case *now / *was > jumpUp:
			c.Status, c.Detail = CheckUncertain, fmt.Sprintf("%s (%.1f× last year)", detail, *now / *was)
		case *now / *was < jumpDown:
			c.Status, c.Detail = CheckUncertain, fmt.Sprintf("%s (%.2f× last year)", detail, *now / *was)
		default:
			c.Status, c.Detail = CheckPass, fmt.Sprintf("%s (%.2f×)", detail, *now / *was)
		}
		out = append(out, c)
	}
	return out
}

// cellOf reads a table 三 or 四 cell by its Check.Cells path; nil when the
// table, row or cell is missing or blank.
func cellOf(t Tables, path string) *float64 {
	parts := strings.Split(path, ".")
	if len(parts) != 3 {
		return nil
	}
	row, field := parts[1], parts[2]
	switch parts[0] {
	case "requests":
		if t.Requests == nil {
			return nil
		}
		vals := t.Requests.Rows[row]
		if i := indexOf(requestColumnKeys, field); i >= 0 && i < len(vals) {
			return vals[i]
		}
	case "reviews":
		if t.Reviews == nil {
			return nil
		}
		groups := []*ReviewCells{&t.Reviews.Review, &t.Reviews.LitigationDirect, &t.Reviews.LitigationAfterReview}
		if g, f := indexOf(reviewGroups, row), indexOf(reviewFields, field); g >= 0 && f >= 0 {
			return groups[g].cells()[f]
		}
	}
	return nil
}

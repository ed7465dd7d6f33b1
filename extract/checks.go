package extract

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// tolerance absorbs float rounding; table 三 and 四 hold counts.
const tolerance = 1e-6

// runChecks applies B1, B2, B3 (table 三), C1 (table 四) and N1 (both),
// report-format.md §6. A rule whose inputs are blank or whose table is
// missing is uncertain, never a failure.
func runChecks(t Tables, st TableStatus) []Check {
	var out []Check
	out = append(out, checkRequests(t.Requests, st.Requests)...)
	out = append(out, checkReviews(t.Reviews, st.Reviews)...)
	out = append(out, checkNonNegative(t))
	return out
}

func checkRequests(r *Requests, status string) []Check {
	if r == nil {
		var out []Check
		for _, rule := range []string{"B1", "B2", "B3"} {
			out = append(out, Check{Rule: rule, Where: "table 三", Status: CheckUncertain, Detail: "table " + status})
		}
		return out
	}
	var out []Check
	row := func(k string, c int) *float64 { return r.Rows[k][c] }
	for c, name := range requestColumnLabels {
		lhs := []*float64{row("new", c), row("carried_in", c)}
		rhs := []*float64{row("total", c), row("carried_out", c)}
		cells := []string{requestCell("new", c), requestCell("carried_in", c), requestCell("total", c), requestCell("carried_out", c)}
		out = append(out, compare("B1", "column "+name, lhs, rhs, cells))
	}
	for _, key := range requestKeysOf(r) {
		vals := r.Rows[key]
		var cells []string
		for c := range requestColumnKeys {
			cells = append(cells, requestCell(key, c))
		}
		out = append(out, compare("B2", "row "+requestRowLabels[key], vals[6:7], vals[:6], cells))
	}
	for c, name := range requestColumnLabels {
		parts, cells := []*float64{}, []string{requestCell("total", c)}
		for _, key := range requestKeysOf(r) {
			switch key {
			case "new", "carried_in", "total", "carried_out":
				continue
			}
			parts = append(parts, row(key, c))
			cells = append(cells, requestCell(key, c))
		}
		out = append(out, compare("B3", "column "+name, []*float64{row("total", c)}, parts, cells))
	}
	return out
}

// requestCell is the path of a table-三 cell in Check.Cells.
func requestCell(row string, column int) string {
	return "requests." + row + "." + requestColumnKeys[column]
}

// reviewCell is the path of a table-四 cell in Check.Cells.
func reviewCell(group, field int) string {
	return "reviews." + reviewGroups[group] + "." + reviewFields[field]
}

// requestKeysOf lists the rows of r in template order.
func requestKeysOf(r *Requests) []string {
	if _, ok := r.Rows["other"]; ok {
		return requestRowsT2019
	}
	return requestRowsT2021
}

func checkReviews(rv *Reviews, status string) []Check {
	if rv == nil {
		return []Check{{Rule: "C1", Where: "table 四", Status: CheckUncertain, Detail: "table " + status}}
	}
	var out []Check
	for i, g := range []*ReviewCells{&rv.Review, &rv.LitigationDirect, &rv.LitigationAfterReview} {
		c := g.cells()
		var cells []string
		for f := range reviewFields {
			cells = append(cells, reviewCell(i, f))
		}
		out = append(out, compare("C1", reviewGroupLabels[i], c[4:5], c[:4], cells))
	}
	return out
}

// checkNonNegative is N1 over every cell of tables 三 and 四.
func checkNonNegative(t Tables) Check {
	var bad, badCells []string
	blank, total := 0, 0
	visit := func(where, cell string, v *float64) {
		total++
		switch {
		case v == nil:
			blank++
		case *v < 0 || math.Trunc(*v) != *v:
			bad = append(bad, where+"="+num(v))
			badCells = append(badCells, cell)
		}
	}
	if t.Requests != nil {
		for _, key := range requestKeysOf(t.Requests) {
			for c, v := range t.Requests.Rows[key] {
				visit(requestRowLabels[key]+"/"+requestColumnLabels[c], requestCell(key, c), v)
			}
		}
	}
	if t.Reviews != nil {
		for i, g := range []*ReviewCells{&t.Reviews.Review, &t.Reviews.LitigationDirect, &t.Reviews.LitigationAfterReview} {
			for j, v := range g.cells() {
				visit(reviewGroupLabels[i]+"/"+reviewFields[j], reviewCell(i, j), v)
			}
		}
	}
	c := Check{Rule: "N1", Where: "tables 三 and 四", Cells: badCells}
	switch {
	case len(bad) > 0:
		c.Status, c.Detail = CheckFail, "not a non-negative integer: "+strings.Join(bad, ", ")
	case total == 0:
		c.Status, c.Detail = CheckUncertain, "no table cells"
	case blank > 0:
		c.Status, c.Detail = CheckUncertain, fmt.Sprintf("%d of %d cells blank", blank, total)
	default:
		c.Status, c.Detail = CheckPass, fmt.Sprintf("%d cells", total)
	}
	return c
}

// compare checks sum(lhs) = sum(rhs) and writes the numbers compared;
// cells are the paths of lhs and rhs.
func compare(rule, where string, lhs, rhs []*float64, cells []string) Check {
	c := Check{Rule: rule, Where: where, Cells: cells}
	l, lok := sum(lhs)
	r, rok := sum(rhs)
	detail := terms(lhs) + " %s " + terms(rhs)
	switch {
	case !lok || !rok:
		c.Status, c.Detail = CheckUncertain, fmt.Sprintf(detail, "?")+" (blank cells)"
	case math.Abs(l-r) <= tolerance:
		c.Status, c.Detail = CheckPass, fmt.Sprintf(detail, "=")
	default:
		c.Status, c.Detail = CheckFail, fmt.Sprintf(detail, "≠")
	}
	return c
}

// sum adds values; ok is false when one is blank.
func sum(vs []*float64) (float64, bool) {
	s := 0.0
	for _, v := range vs {
		if v == nil {
			return 0, false
		}
		s += *v
	}
	return s, true
}

func terms(vs []*float64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = num(v)
	}
	return strings.Join(parts, "+")
}

func num(v *float64) string {
	if v == nil {
		return "_"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// CarryOver is rule X1: the 上年结转 row of cur equals the 结转下年度 row of
// prev, column by column. prev must be the report of the year before cur
// (same agency; the caller pairs them). The result is uncertain when a table
// or a cell is missing or the years are not consecutive; the rule breaks
// legitimately after institutional reform, so a failure is a finding, not
// an error.
func CarryOver(prev, cur *Report) Check {
	c := Check{Rule: "X1", Where: "二、上年结转 vs last year's 四、结转下年度"}
	switch {
	case prev == nil || cur == nil:
		c.Status, c.Detail = CheckUncertain, "a report is missing"
		return c
	case prev.Year == 0 || cur.Year == 0 || cur.Year != prev.Year+1:
		c.Status, c.Detail = CheckUncertain, fmt.Sprintf("years %d and %d are not consecutive", prev.Year, cur.Year)
		return c
	case prev.Tables.Requests == nil || cur.Tables.Requests == nil:
		c.Status, c.Detail = CheckUncertain, "table 三 missing in one of the years"
		return c
	}
	c.Where = fmt.Sprintf("二、上年结转 %d vs 四、结转下年度 %d", cur.Year, prev.Year)
	in, out := cur.Tables.Requests.Rows["carried_in"], prev.Tables.Requests.Rows["carried_out"]
	if len(in) != len(requestColumnKeys) || len(out) != len(requestColumnKeys) {
		c.Status, c.Detail = CheckUncertain, "carry-over rows missing"
		return c
	}
	for col := range requestColumnKeys { // cur's cells; prev's are its carried_out row
		c.Cells = append(c.Cells, requestCell("carried_in", col))
	}
	var diffs []string
	uncertain := false
	for i, name := range requestColumnLabels {
		switch {
		case in[i] == nil || out[i] == nil:
			uncertain = true
		case math.Abs(*in[i]-*out[i]) > tolerance:
			diffs = append(diffs, fmt.Sprintf("%s %s ≠ %s", name, num(in[i]), num(out[i])))
		}
	}
	switch {
	case len(diffs) > 0:
		c.Status, c.Detail = CheckFail, strings.Join(diffs, "; ")
	case uncertain:
		c.Status, c.Detail = CheckUncertain, "blank cells"
	default:
		c.Status, c.Detail = CheckPass, "total "+num(in[6])
	}
	return c
}

package extract

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// textChecks is rule T1 (report-format.md §6): numbers that 总体情况 states
// — applications received, 行政复议 and 行政诉讼 cases — against the
// tables. It is soft: a failure means the prose and the table disagree,
// which is either the report's inconsistency or a misread cell, so it is
// reported for a reader to look at. A number the prose does not state
// yields no check.
func textChecks(spans []sectionSpan, doc *document, t Tables) []Check {
	text := overviewText(spans, doc)
	if text == "" {
		return nil
	}
	var out []Check
	if q := t.Requests; q != nil {
		if v, quote, ok := firstFact(text, "收到申请数"); ok {
			newTotal, carried := q.Rows["new"][6], q.Rows["carried_in"][6]
			out = append(out, withCells(textCheck("一、本年新收 总计", v, quote, newTotal, sumPtr(newTotal, carried)),
				requestCell("new", 6), requestCell("carried_in", 6)))
		}
	}
	if r := t.Reviews; r != nil {
		if v, quote, ok := firstFact(text, "行政复议数"); ok {
			out = append(out, withCells(textCheck("行政复议 总计", v, quote, r.Review.Total), reviewCell(0, 4)))
		}
		if v, quote, ok := firstFact(text, "行政诉讼数"); ok {
			out = append(out, withCells(textCheck("行政诉讼 总计", v, quote, sumPtr(r.LitigationDirect.Total, r.LitigationAfterReview.Total)),
				reviewCell(1, 4), reviewCell(2, 4)))
		}
	}
	return out
}

// overviewText is the preamble and section 一 (总体情况), where reports
// state their headline numbers.
func overviewText(spans []sectionSpan, doc *document) string {
	end := len(doc.blocks)
	if len(spans) > 1 {
		end = spans[1].from - 1
	}
	var b strings.Builder
	for _, bl := range doc.blocks[:end] {
		if bl.text != "" {
			b.WriteString(bl.text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// firstFact finds the first sentence stating a number for key with the
// fact rules; zero statements ("未发生…行政复议") count.
func firstFact(text, key string) (float64, string, bool) {
	for _, s := range sentenceEnd.Split(text, -1) {
		if partOf.MatchString(s) {
			continue
		}
		for _, r := range factRules {
			if r.key != key {
				continue
			}
			m := r.re.FindStringSubmatch(s)
			if m == nil || !r.onTopic(m[0]) {
				continue
			}
			if r.zero {
				return 0, strings.TrimSpace(s), true
			}
			v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
			if err == nil {
				return v, strings.TrimSpace(s), true
			}
		}
	}
	return 0, "", false
}

// withCells sets the table cells a check compares.
func withCells(c Check, cells ...string) Check {
	c.Cells = cells
	return c
}

// textCheck passes when the stated number equals one of the table values.
func textCheck(where string, stated float64, quote string, table ...*float64) Check {
	c := Check{Rule: "T1", Where: where}
	var shown []string
	blank := false
	for _, v := range table {
		if v == nil {
			blank = true
			continue
		}
		shown = append(shown, num(v))
		if math.Abs(*v-stated) <= tolerance {
			c.Status = CheckPass
		}
	}
	detail := fmt.Sprintf("text %s (%q), table %s", num(&stated), quote, strings.Join(shown, " or "))
	switch {
	case c.Status == CheckPass:
	case blank && len(shown) == 0:
		c.Status = CheckUncertain
		detail = fmt.Sprintf("text %s (%q), table cell blank", num(&stated), quote)
	default:
		c.Status = CheckFail
	}
	c.Detail = detail
	return c
}

// sumPtr adds values; nil when one is blank.
func sumPtr(vs ...*float64) *float64 {
	s, ok := sum(vs)
	if !ok {
		return nil
	}
	return &s
}

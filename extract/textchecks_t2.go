package extract

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Rule T2 (text against tables), as assessors check a report: the numbers
// the sections after 总体情况 state — applications received, 行政复议 and
// 行政诉讼 cases, 行政规范性文件 issued, 行政事业性收费 in 万元 — against the
// cells that count the same thing; for pre-2019 reports, the sentences
// against the statistics table. A disagreement fails with both numbers and
// the sentence, so that a reader can tell a publisher's slip (平潭 2012:
// 1913 in the text, 739 in the table) from a misread cell. T1 covers
// 总体情况 the same way.

// t2Rules are the statements T2 reads beyond the fact rules: documents
// issued and the fee amount.
var (
	normativeRE = regexp.MustCompile(`(?:制发|印发|出台|发布)(?:了)?(?:行政)?规范性文件(?:共计|共)?\s*(\d[\d,]*)\s*件`)
	feeWanRE    = regexp.MustCompile(`行政事业性收费[^，。；]{0,12}?(\d[\d,]*(?:\.\d+)?)\s*万元`)
)

// sectionChecks is T2 for a template report.
func sectionChecks(spans []sectionSpan, t Tables) []Check {
	if len(spans) < 2 {
		return nil
	}
	var out []Check
	for _, sp := range spans[1:] {
		text := sp.Text
		if q := t.Requests; q != nil {
			if v, quote, ok := firstFact(text, "收到申请数"); ok {
				newTotal, carried := q.Rows["new"][6], q.Rows["carried_in"][6]
				out = append(out, t2(sp, textCheck("一、本年新收 总计", v, quote, newTotal, sumPtr(newTotal, carried)),
					requestCell("new", 6), requestCell("carried_in", 6)))
			}
		}
		if r := t.Reviews; r != nil {
			if v, quote, ok := firstFact(text, "行政复议数"); ok {
				out = append(out, t2(sp, textCheck("行政复议 总计", v, quote, r.Review.Total), reviewCell(0, 4)))
			}
			if v, quote, ok := firstFact(text, "行政诉讼数"); ok {
				out = append(out, t2(sp, textCheck("行政诉讼 总计", v, quote, sumPtr(r.LitigationDirect.Total, r.LitigationAfterReview.Total)),
					reviewCell(1, 4), reviewCell(2, 4)))
			}
		}
		if a := t.Active; a != nil {
			if row := a.Rows["normative_documents"]; row != nil {
				if v, quote, ok := statedNumber(normativeRE, text); ok {
					out = append(out, t2(sp, textCheck("行政规范性文件 本年制发", v, quote, fieldOf(row, "issued")),
						"active.normative_documents.issued"))
				}
			}
			if row := a.Rows["fees"]; row != nil {
				if v, quote, ok := statedNumber(feeWanRE, text); ok && row["amount_wan_yuan"] != nil {
					out = append(out, t2(sp, textCheck("行政事业性收费 万元", v, quote, fieldOf(row, "amount_wan_yuan")),
						"active.fees.amount_wan_yuan"))
				}
			}
		}
	}
	return out
}

// t2 turns a T1-style comparison into a T2 check of section sp.
func t2(sp sectionSpan, c Check, cells ...string) Check {
	c.Rule = "T2"
	c.Where = c.Where + " in " + sectionName(sp)
	c.Cells = cells
	return c
}

// sectionName names a section by its number in the report.
func sectionName(sp sectionSpan) string { return fmt.Sprintf("section %d", sp.No) }

// statedNumber is the first number re finds in a sentence of text, with
// the sentence.
func statedNumber(re *regexp.Regexp, text string) (float64, string, bool) {
	for _, s := range sentenceEnd.Split(text, -1) {
		if partOf.MatchString(s) {
			continue
		}
		if m := re.FindStringSubmatch(s); m != nil {
			var v float64
			if _, err := fmt.Sscan(strings.ReplaceAll(m[1], ",", ""), &v); err == nil {
				return v, strings.TrimSpace(s), true
			}
		}
	}
	return 0, "", false
}

// t2Keys are the pre-2019 facts compared between sentence and table.
var t2Keys = []string{"主动公开政府信息数", "收到申请数", "行政复议数", "行政诉讼数"}

// factChecks is T2 for a pre-2019 report: for each key both a sentence
// and the statistics table state, the first of each.
func factChecks(facts []Fact) []Check {
	var out []Check
	for _, key := range t2Keys {
		var table, text *Fact
		for i := range facts {
			f := &facts[i]
			if f.Key != key {
				continue
			}
			if f.Source == FactTable && table == nil {
				table = f
			}
			if f.Source == FactText && text == nil {
				text = f
			}
		}
		if table == nil || text == nil {
			continue
		}
		c := Check{Rule: "T2", Where: key + ": text vs statistics table", Cells: []string{}}
		c.Detail = fmt.Sprintf("text %s (%q), table %s (%q)", num(&text.Value), text.Quote, num(&table.Value), table.Quote)
		if math.Abs(text.Value-table.Value) <= tolerance {
			c.Status = CheckPass
		} else {
			c.Status = CheckFail
		}
		out = append(out, c)
	}
	return out
}

package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Pre-2019 statistics tables (指标名称 | 计量单位 | 2012年度 | 历年累计) reach
// nianbao flattened into text by other crawlers: the cells of each row
// separated by spaces ("主动公开信息数 条 739 4359"), or glued together
// ("受理依申请公开信息总数条2121其中：1.当面申请数条1818"). Both become facts.
// Glued digits are split into the year's value and the running total only
// when exactly one split is possible (no leading zeros, the total not
// below the year's value); otherwise the row is skipped, never guessed.

// statsHeaderRE finds the header of a flattened statistics table and says
// whether it has a second value column (累计).
var statsHeaderRE = regexp.MustCompile(`指标名称\s*计量单位\s*(?:(?:19|20)\d{2}\s*年度?|本年度?)?\s*(历年累计|累计)?`)

// statsUnits are the units a statistics row states; 万元 before 元.
const statsUnits = `万元|条|件|元|人|个|次|项`

// statsRowRE is one row: the label (the shortest run of non-digits that
// ends in a unit followed by a number), the unit, the year's value and,
// after a space, perhaps the running total. Copies that keep no space
// give the two numbers run together.
var statsRowRE = regexp.MustCompile(`([^\d\s]{1,30}?)(` + statsUnits + `)\s?(\d[\d,]*(?:\.\d+)?)(?:\s(\d[\d,]*(?:\.\d+)?))?`)

// textStatsFacts reads the flattened statistics tables of text blocks;
// prose are the facts the sentences state, which pick the split of glued
// digits when several are possible.
func textStatsFacts(doc *document, prose []Fact) []Fact {
	var facts []Fact
	for _, b := range doc.blocks {
		if b.text == "" {
			continue
		}
		loc := statsHeaderRE.FindStringSubmatchIndex(b.text)
		if loc == nil {
			continue
		}
		facts = append(facts, statsRows(b.text[loc[1]:], loc[2] >= 0, prose)...)
	}
	return facts
}

// statsRows reads the rows that follow a statistics header; cumulative
// says the table has a running-total column.
func statsRows(text string, cumulative bool, prose []Fact) []Fact {
	var facts []Fact
	for _, loc := range statsRowRE.FindAllStringSubmatchIndex(text, -1) {
		label := statsLabel(text[loc[2]:loc[3]])
		unit, digits := text[loc[4]:loc[5]], text[loc[6]:loc[7]]
		if label == "" {
			continue
		}
		v, ok := digits, true
		switch {
		case loc[8] >= 0: // the total stands apart
		case cumulative:
			if after := text[loc[7]:]; len(digits) > 1 && strings.IndexAny(after, ".、．") == 0 {
				digits = digits[:len(digits)-1] // the next row's item number (…条002.传真申请数)
			}
			v, ok = yearValue(digits, proseValues(prose, statsKey(label)))
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64)
		if !ok || err != nil {
			continue
		}
		facts = append(facts, Fact{Key: statsKey(label), Value: n, Unit: unit, Quote: strings.Trim(text[loc[2]:loc[1]], " .、．:："), Source: FactTable})
	}
	return facts
}

// statsLabel removes item numbering (其中：1.) from a row label; "" when
// nothing but numbering is left.
func statsLabel(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), ".、．:：")
	s = strings.TrimSpace(itemMark.ReplaceAllString(s, ""))
	if runeLen(s) < 2 {
		return ""
	}
	return s
}

// yearValue splits glued digits "year's value ‖ running total". A split
// is possible when both parts have no leading zeros (a lone 0 is fine)
// and the total is not below the year's value. One possible split is
// taken; among several, the one whose year's value a sentence of the
// report states (stated), if exactly one does; otherwise none.
func yearValue(digits string, stated map[float64]bool) (string, bool) {
	var splits []string
	for i := 1; i < len(digits); i++ {
		a, b := digits[:i], digits[i:]
		if (len(a) > 1 && a[0] == '0') || (len(b) > 1 && b[0] == '0') {
			continue
		}
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		if y >= x {
			splits = append(splits, a)
		}
	}
	if len(splits) == 1 {
		return splits[0], true
	}
	var backed []string
	for _, a := range splits {
		if x, _ := strconv.ParseFloat(a, 64); stated[x] {
			backed = append(backed, a)
		}
	}
	if len(backed) == 1 {
		return backed[0], true
	}
	return "", false
}

// proseValues are the values sentences state for key.
func proseValues(prose []Fact, key string) map[float64]bool {
	out := map[float64]bool{}
	for _, f := range prose {
		if f.Key == key {
			out[f.Value] = true
		}
	}
	return out
}

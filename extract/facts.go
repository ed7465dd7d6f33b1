package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// A factRule reads one kind of number from a sentence. The value is the
// first submatch; a rule without one states zero ("未收取任何费用").
type factRule struct {
	key   string
	unit  string
	re    *regexp.Regexp
	zero  bool
	needs []string // the match must contain one of these words, when set
	avoid []string // and none of these
}

// onTopic reports whether a match belongs to the rule's subject: a count
// of 申请 must be of information requests (公开, 信息), not of the permit
// applications a 行政服务中心 takes in.
func (r factRule) onTopic(match string) bool {
	return (len(r.needs) == 0 || containsAny(match, r.needs...)) && !containsAny(match, r.avoid...)
}

// caseWords mark a sentence about 行政复议 or 行政诉讼 cases, whose 申请 are
// not information requests.
var caseWords = []string{"复议", "诉讼"}

// requestWords mark a count of information requests.
var requestWords = []string{"公开", "信息"}

// factRules are the prose patterns of pre-2019 reports (report-format.md
// §8.2). Counts are read only when the number is followed by its unit.
var factRules = []factRule{
	{key: "主动公开政府信息数", unit: "条", re: regexp.MustCompile(`主动公开(?:了)?(?:各类)?(?:政府)?信息(?:共计|共|总数|合计)?\s*(\d[\d,]*)\s*条`)},
	{key: "收到申请数", unit: "件", re: regexp.MustCompile(`(?:收到|受理|接收|接到)[^，。；]{0,20}?申请(?:共计|共|总数|合计)?\s*(\d[\d,]*)\s*(?:件|条|份|宗)`), needs: requestWords, avoid: caseWords},
	{key: "同意公开数", unit: "件", re: regexp.MustCompile(`(?:同意|予以)公开(?:的)?\s*(\d[\d,]*)\s*(?:件|条)`)},
	{key: "部分公开数", unit: "件", re: regexp.MustCompile(`部分(?:同意)?公开(?:的)?\s*(\d[\d,]*)\s*(?:件|条)`)},
	{key: "不予公开数", unit: "件", re: regexp.MustCompile(`不予公开(?:的)?\s*(\d[\d,]*)\s*(?:件|条)`)},
	{key: "行政复议数", unit: "件", re: regexp.MustCompile(`行政复议[^，。；、]{0,8}?(\d[\d,]*)\s*(?:件|起)`)},
	{key: "行政诉讼数", unit: "件", re: regexp.MustCompile(`行政诉讼[^，。；、]{0,8}?(\d[\d,]*)\s*(?:件|起)`)},
	{key: "行政复议数", unit: "件", re: regexp.MustCompile(`(?:未|没有)(?:发生|收到|出现)[^。；]{0,20}?行政复议`), zero: true},
	{key: "行政诉讼数", unit: "件", re: regexp.MustCompile(`(?:未|没有)(?:发生|收到|出现)[^。；]{0,30}?行政诉讼`), zero: true},
	{key: "收费金额", unit: "元", re: regexp.MustCompile(`(?:收取|收费)[^，。；]{0,20}?(\d[\d,]*(?:\.\d+)?)\s*元`)},
	{key: "收费金额", unit: "元", re: regexp.MustCompile(`(?:未|没有)(?:向申请人)?收取(?:任何)?(?:费用|信息处理费)`), zero: true},
	{key: "收到申请数", unit: "件", re: regexp.MustCompile(`(?:未|没有)(?:收到|受理)[^。；，]{0,16}?申请`), zero: true, needs: requestWords, avoid: caseWords},
	{key: "专职人员数", unit: "人", re: regexp.MustCompile(`专职(?:工作)?人员\s*(\d+)\s*(?:名|人)`)},
	{key: "兼职人员数", unit: "人", re: regexp.MustCompile(`兼职(?:工作)?人员\s*(\d+)\s*(?:名|人)`)},
}

var (
	sentenceEnd = regexp.MustCompile(`[。；;！？\n]`)
	// partOf marks a sentence that gives a share of a total (其中…, 占53%).
	partOf = regexp.MustCompile(`^\s*其中|占\s*\d`)
	// itemMark is the numbering in front of a statistics row label.
	itemMark = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|其中[:：]|\s)+`)
)

// statsKeys give the common key of a statistics-table row whose label
// (numbering removed) names one of the prose facts; other rows keep their
// label as key.
var statsKeys = []struct {
	key string
	re  *regexp.Regexp
}{
	{"主动公开政府信息数", regexp.MustCompile(`^主动公开(?:政府)?(?:信息|文件)(?:数|总数|数量)$`)},
	{"收到申请数", regexp.MustCompile(`^(?:收到|受理)(?:依申请公开)?(?:信息)?申请(?:总)?数$|^受理依申请公开信息总数$|^申请总数$`)},
	{"同意公开数", regexp.MustCompile(`^同意公开(?:答复)?数$`)},
	{"部分公开数", regexp.MustCompile(`^(?:同意)?部分公开(?:答复)?数$`)},
	{"不予公开数", regexp.MustCompile(`^(?:不同意|不予|否决)公开(?:答复)?数$`)},
	{"行政复议数", regexp.MustCompile(`^行政复议(?:数|数量|案件数)$`)},
	{"行政诉讼数", regexp.MustCompile(`^行政诉讼(?:数|数量|案件数)$`)},
	{"收费金额", regexp.MustCompile(`收取的?费用|^收费(?:金额|总额)?$`)},
}

// statsKey maps a statistics row label to its fact key.
func statsKey(label string) string {
	k := labelKey(label)
	for _, s := range statsKeys {
		if s.re.MatchString(k) {
			return s.key
		}
	}
	return label
}

// readFacts collects numbers from pre-2019 statistics tables and prose,
// each with the row or sentence it came from. One fact per key and value.
//
// The checks are T2 between the sentences and the statistics table.
func readFacts(doc *document) ([]Fact, []Check) {
	facts := []Fact{}
	var tableFacts []Fact
	seen := map[string]bool{}
	add := func(f Fact) {
		k := f.Key + "\x00" + strconv.FormatFloat(f.Value, 'f', -1, 64)
		if !seen[k] {
			seen[k] = true
			facts = append(facts, f)
		}
	}
	for _, b := range doc.blocks {
		if b.table != nil && classifyGrid(b.table)&gridStats != 0 {
			for _, f := range statsFacts(b.table) {
				add(f)
				tableFacts = append(tableFacts, f)
			}
		}
	}
	prose := proseFacts(doc)
	for _, f := range textStatsFacts(doc, prose) {
		add(f)
		tableFacts = append(tableFacts, f)
	}
	for _, f := range prose {
		add(f)
	}
	return facts, factChecks(append(tableFacts, prose...))
}

// proseFacts reads the numbers sentences state, outside flattened
// statistics tables.
func proseFacts(doc *document) []Fact {
	var facts []Fact
	for _, b := range doc.blocks {
		if b.text == "" {
			continue
		}
		text := b.text
		if loc := statsHeaderRE.FindStringIndex(text); loc != nil {
			text = text[:loc[0]] // the rest is a flattened statistics table
		}
		for _, s := range sentenceEnd.Split(text, -1) {
			if partOf.MatchString(s) {
				continue
			}
			for _, r := range factRules {
				m := r.re.FindStringSubmatch(s)
				if m == nil || !r.onTopic(m[0]) {
					continue
				}
				v := 0.0
				if !r.zero {
					var err error
					if v, err = strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64); err != nil {
						continue
					}
				}
				facts = append(facts, Fact{Key: r.key, Value: v, Unit: r.unit, Quote: strings.TrimSpace(s), Source: FactText})
			}
		}
	}
	return facts
}

// statsFacts reads a 指标名称 | 计量单位 | 本年度 | 累计 table: the value is
// taken from the first column whose header names the year (年度) or, lacking
// one, the first numeric cell after the unit.
func statsFacts(g *grid) []Fact {
	unitCol, valueCol, header := -1, -1, -1
	for r, row := range g.rows {
		for j, c := range row {
			k := plainKey(c.text)
			switch {
			case strings.Contains(k, "计量单位") || k == "单位":
				unitCol, header = j, r
			case valueCol == -1 && (strings.Contains(k, "年度") || strings.Contains(k, "本年")) && !strings.Contains(k, "累计"):
				valueCol, header = j, r
			}
		}
		if header >= 0 {
			break
		}
	}
	var facts []Fact
	for r, row := range g.rows {
		if r <= header {
			continue
		}
		cells := distinctCells(row)
		if len(cells) < 2 {
			continue
		}
		label := strings.TrimSpace(itemMark.ReplaceAllString(cells[0].text, ""))
		var val cellValue
		if valueCol >= 0 && valueCol < len(row) {
			val = parseCell(row[valueCol].text)
		} else {
			for _, c := range cells[1:] {
				if val = parseCell(c.text); val.ok {
					break
				}
			}
		}
		if !val.ok || label == "" || parseCell(label).ok {
			continue
		}
		unit := val.unit
		if unitCol >= 0 && unitCol < len(row) && unitCol != 0 {
			unit = strings.TrimSpace(row[unitCol].text)
		}
		facts = append(facts, Fact{Key: statsKey(label), Value: val.v, Unit: unit, Quote: strings.Join(distinct(row), " | "), Source: FactTable})
	}
	return facts
}

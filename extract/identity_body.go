package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// When a copy has no usable title — it starts in the body, or its title
// names no agency — the report still says who wrote it: in the opening
// paragraph (本报告由某某县人民政府办公室…编制; 现将某某局2020年政府信息公开工作
// 年度报告…), and in the signature block at the end (the agency, then the
// date), and as the subject of 总体情况 (2020年，某某区人民政府坚持…). The year
// is the statistics period's (自2020年1月1日起至2020年12月31日止).

// agencyName is a name that ends the way agencies' names end.
const agencyName = `[^，。；：:、\s“”《》（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|办公室|办公厅|管委会|管理委员会|委员会|委|局|厅|办|中心|院|署|处|所|街道办事处|办事处)`

var (
	// openingRE names the compiler in the opening paragraph.
	openingRE = regexp.MustCompile(`(?:本(?:年度)?报告(?:是)?由\s*(` + agencyName + `)\s*(?:根据|依据|按照|编制|会同|负责|发布)|现将\s*(` + agencyName + `)\s*(?:19|20)\d{2}\s*年)`)
	// signatureRE is the signature block: an agency and a date, at the end.
	signatureRE = regexp.MustCompile(`(` + agencyName + `)\s*[（(]?\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*[)）]?\s*(?:附件下载)?\s*$`)
	// selfRE is the body naming itself at the start of 总体情况: "2020年，
	// 某某区人民政府坚持…".
	selfRE = regexp.MustCompile(`(?:19|20)\d{2}\s*年度?\s*[，,]\s*(` + agencyName + `)\s*(?:坚持|深入|认真|全面|按照|围绕|严格|紧紧|始终|进一步|持续|扎实|以|高度|积极|不断|切实|着力|聚焦|紧扣|继续)`)
	// rangeRE is a statistics period written as a date range over a
	// calendar year.
	rangeRE = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日`)
)

// openingAgency is the agency the opening paragraph names, or "". A
// government's office compiles the government's report, so
// 某某县人民政府办公室 stands for 某某县人民政府.
func openingAgency(body string) string {
	m := openingRE.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	a := m[1]
	if a == "" {
		a = m[2]
	}
	a = cleanAgency(a)
	if strings.HasSuffix(a, "人民政府办公室") || strings.HasSuffix(a, "人民政府办公厅") {
		a = strings.TrimSuffix(strings.TrimSuffix(a, "办公室"), "办公厅")
	}
	return a
}

// signatureAgency is the agency of the signature block — the last lines
// of the document: a name, then a date — or "".
func signatureAgency(doc *document) string {
	var tail []string
	for i := len(doc.blocks) - 1; i >= 0 && len(tail) < 3; i-- {
		if t := doc.blocks[i].text; t != "" {
			tail = append([]string{t}, tail...)
		}
	}
	text := strings.Join(tail, " ")
	if r := []rune(text); len(r) > 120 {
		text = string(r[len(r)-120:])
	}
	m := signatureRE.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	// The name starts after the last sentence mark before it.
	name := m[1]
	if i := strings.LastIndexAny(name, "。！？"); i >= 0 {
		name = name[i+len("。"):]
	}
	return cleanAgency(name)
}

// selfAgency is the agency the first section names as its subject, or "".
func selfAgency(spans []sectionSpan) string {
	if len(spans) == 0 {
		return ""
	}
	t := spans[0].Text
	if r := []rune(t); len(r) > 300 {
		t = string(r[:300])
	}
	if m := selfRE.FindStringSubmatch(t); m != nil {
		return cleanAgency(m[1])
	}
	return ""
}

// periodYear is the year of the statistics period: the 统计期限 sentence
// or a 1月1日–12月31日 range; 0 when the text gives neither.
func periodYear(body string) int {
	if m := periodRE.FindStringSubmatch(body); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := rangeRE.FindStringSubmatch(body); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

package extract

import (
	"regexp"
	"strings"
)

// headingRE matches a top-level heading: a Chinese numeral, 、 and a short
// title ("一、总体情况", "五、存在的主要问题及改进情况").
var headingRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.*)$`)

// maxHeadingLen is the longest line taken for a heading, in characters.
const maxHeadingLen = 40

// templateHeadingWords are the keywords of the six template headings and
// their variants (report-format.md §2), by section number.
var templateHeadingWords = map[int][]string{
	1: {"总体情况", "概述", "概况", "基本情况"},
	2: {"主动公开"},
	3: {"收到和处理", "依申请"},
	4: {"行政复议", "行政诉讼"},
	5: {"主要问题", "改进"},
	6: {"其他需要报告"},
}

// tableRowWords mark lines that are table 三 labels, not headings. Copied
// text is grouped before a Traditional document is converted, so the
// Traditional forms are listed too.
var tableRowWords = []string{"本年新收", "上年结转", "本年度办理结果", "结转下年度", "申请数量",
	"上年結轉", "本年度辦理結果", "結轉下年度", "申請數量"}

// section numbers a heading; 0 when the line is not one. prev is the number
// of the previous heading: numbers must increase.
func headingNo(line string, prev int) int {
	if runeLen(line) > maxHeadingLen {
		return 0
	}
	m := headingRE.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return 0
	}
	n := chineseNumeral(m[1])
	if n <= prev || n > prev+3 {
		return 0
	}
	rest := strings.TrimSpace(m[2])
	if containsAny(rest, tableRowWords...) || strings.HasSuffix(rest, "。") && runeLen(rest) > 20 {
		return 0
	}
	return n
}

// looksHeading reports a line shaped like a top-level heading, whatever
// its number.
func looksHeading(line string) bool {
	return runeLen(line) <= maxHeadingLen && headingRE.MatchString(line) && !containsAny(line, tableRowWords...)
}

// chineseNumeral reads 一 … 九十九; 0 when s is not a numeral.
func chineseNumeral(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digits[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return digits[rs[0]] * 10
	case len(rs) == 3 && rs[1] == '十':
		return digits[rs[0]]*10 + digits[rs[2]]
	}
	return 0
}

// sectionSpan is a section with the blocks it covers.
type sectionSpan struct {
	Section
	from, to int // block indexes [from, to)
}

// findSections splits the document at its top-level headings. Text of
// tables is not part of a section's text.
func findSections(doc *document) []sectionSpan {
	var spans []sectionSpan
	prev := 0
	for i, b := range doc.blocks {
		if b.table != nil || b.image != "" {
			continue
		}
		n := headingNo(b.text, prev)
		if n == 0 {
			continue
		}
		if len(spans) > 0 {
			spans[len(spans)-1].to = i
		}
		spans = append(spans, sectionSpan{Section: Section{No: n, Heading: strings.TrimSpace(b.text)}, from: i + 1, to: len(doc.blocks)})
		prev = n
	}
	for i := range spans {
		var lines []string
		for _, b := range doc.blocks[spans[i].from:spans[i].to] {
			if b.text != "" {
				lines = append(lines, b.text)
			}
		}
		spans[i].Text = strings.Join(lines, "\n")
	}
	return spans
}

// templateSections counts sections whose heading has the template keyword
// of its number.
func templateSections(spans []sectionSpan) int {
	n := 0
	for _, s := range spans {
		if containsAny(labelKey(s.Heading), templateHeadingWords[s.No]...) {
			n++
		}
	}
	return n
}

// sectionImages reports, per section number, whether the section shows an
// image (an <img> block, or a table made of image cells).
func sectionImages(doc *document, spans []sectionSpan) map[int]bool {
	images := map[int]bool{}
	for _, s := range spans {
		for _, b := range doc.blocks[s.from:s.to] {
			if b.image != "" || (b.table != nil && b.table.images > 0 && b.table.images*2 >= len(b.table.rows)) {
				images[s.No] = true
			}
		}
	}
	return images
}

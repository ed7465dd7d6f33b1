package extract

import (
	"regexp"
	"slices"
	"strings"
)

// titleHeaderRE matches what copies put before a title: a markdown heading
// mark or a crawler's field name (标题: …, 正文).
var titleHeaderRE = regexp.MustCompile(`^\s*(?:#{1,6}\s*|(?:标题|题目|文章标题|信息名称|名称|正文)\s*[:：]?\s*)`)

// headerOnly are lines that are a copy's header and nothing else.
var headerOnly = []string{"正文", "标题", "全文", "内容"}

// maxTitleTail is the longest second line that may complete a title
// broken over two lines (工作年度报告).
const maxTitleTail = 24

// cleanTitle removes header marks and field names from a title candidate;
// a header word alone gives "".
func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := titleHeaderRE.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = strings.TrimSpace(t)
	}
	if slices.Contains(headerOnly, s) {
		return ""
	}
	return s
}

// namesReportTitle reports a candidate that names an annual report.
func namesReportTitle(t string) bool {
	return containsAny(t, "年度报告", "年报", "工作报告") && !strings.HasPrefix(t, "本报告")
}

// pickTitle prefers a candidate that names a report, then the first one.
// A title broken over two lines (a PDF copy's "2024年上海市科委政府信息公开工作"
// and "年度报告") is joined back.
func pickTitle(doc *document) string {
	var cands []string
	for _, t := range doc.titles {
		if t = cleanTitle(t); t != "" && !isSentence(t) {
			cands = append(cands, t)
		}
	}
	var lines []string
	for _, b := range doc.blocks[:min(4, len(doc.blocks))] {
		if b.table != nil || b.image != "" {
			break
		}
		if t := cleanTitle(b.text); t != "" && runeLen(t) <= 60 && !isSentence(t) {
			lines = append(lines, t)
		}
	}
	for i, t := range lines {
		if i+1 < len(lines) && !strings.Contains(t, "报告") && isTitleTail(lines[i+1]) {
			if j := joinCJK(t + lines[i+1]); namesReportTitle(j) && yearRE.MatchString(j) {
				cands = append(cands, j)
			}
		}
		cands = append(cands, t)
	}
	for _, t := range cands {
		if namesReportTitle(t) {
			return t
		}
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return ""
}

// titleBlocks is how many leading blocks the title t was read from: the
// header lines before it (正文) and one line, or two for a title broken
// over two lines; 0 when it came from elsewhere.
func titleBlocks(blocks []block, t string) int {
	key := labelKey(t)
	i := 0
	for i < len(blocks) && i < 2 && blocks[i].table == nil && blocks[i].image == "" && cleanTitle(blocks[i].text) == "" {
		i++
	}
	line := func(k int) string { return cleanTitle(blocks[k].text) }
	if i < len(blocks) && labelKey(line(i)) == key {
		return i + 1
	}
	if i+1 < len(blocks) && labelKey(line(i)+line(i+1)) == key {
		return i + 2
	}
	return 0
}

// isTitleTail reports a short line that may end a title broken over two
// lines: it finishes the words 年度报告 or 工作报告, and is not a field.
func isTitleTail(s string) bool {
	return runeLen(s) <= maxTitleTail && strings.HasSuffix(s, "报告") && !strings.ContainsAny(s, ":：")
}

// isSentence reports a line of prose — the opening sentence of a copy
// that starts in the body — which is never a title.
func isSentence(s string) bool {
	return strings.ContainsAny(s, "。，；") || strings.HasPrefix(s, "本报告") || strings.HasPrefix(s, "根据") || strings.HasPrefix(s, "依据")
}

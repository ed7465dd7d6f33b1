package crawler

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// wording recognises the words of list pages — report titles and
// pagination labels — in either script: text is normalised (whitespace
// removed, full-width digits made ASCII) and converted from Traditional to
// Simplified before it is compared with the one, Simplified, word list.
type wording struct {
	// simplify converts Traditional to Simplified (zhconv's Simplify,
	// injected through Options.Simplify); nil leaves text as written.
	simplify func(string) string
}

// reportWords name an annual report. 工作报告 alone also names a 政府工作报告
// (the government's work report), so it counts only in the disclosure
// context (disclosureWords).
var (
	reportWords     = []string{"年度报告", "年报"}
	workReportWords = []string{"工作报告"}
	disclosureWords = []string{"信息公开", "政务公开"}
)

// decoyWords mark links that mention reports or years but are not
// information-disclosure annual reports: the guide, rules and catalogue of
// the same 政府信息公开 section, statistical bulletins and yearbooks, other
// annual reports (法治政府建设, websites), notices about preparing the
// reports, readings and graphics of a report, company and NGO filings.
var decoyWords = []string{
	"指南", "制度", "目录", "统计公报", "统计年报", "年度报表", "法治政府建设", "政府工作报告",
	"关于做好", "编制工作", "解读", "图解", "企业年度报告", "企业年报",
	"年报公示", "年度报告公示", "社会组织年", "年检",
}

// nextWords and lastWords label pagination links.
var (
	nextWords = []string{"下一页", "下页"}
	lastWords = []string{"尾页", "末页", "最后一页"}
)

// normalize removes whitespace (also U+3000 and NBSP), turns full-width
// digits into ASCII and converts Traditional characters to Simplified.
func (w wording) normalize(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), "")
	s = toHalfWidthDigits(s)
	if w.simplify != nil && !isASCII(s) {
		s = w.simplify(s)
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// reportYear reports whether a link text or title names an
// information-disclosure annual report, and its year: one of the report
// words, a year (2008–2099, Arabic, full-width or 二〇XX), no decoy word;
// 工作报告 only beside 信息公开/政务公开 ("2016年政府信息公开工作报告", the
// wording before the 2019 template).
func (w wording) reportYear(text string) (int, bool) {
	if !mayNameYear(text) {
		return 0, false // the cheap test first: most anchors name no year
	}
	t := w.normalize(text)
	if !containsAny(t, reportWords) && !(containsAny(t, workReportWords) && containsAny(t, disclosureWords)) {
		return 0, false
	}
	if containsAny(t, decoyWords) || (strings.HasPrefix(t, "关于") && strings.Contains(t, "通知")) {
		return 0, false
	}
	y := linkYear(t)
	return y, y != 0
}

// mayNameYear reports whether s has a character a year is written with
// (ASCII or full-width digits, or the 二 of 二〇XX); without one, linkYear
// finds nothing whatever the conversion does.
func mayNameYear(s string) bool {
	for _, r := range s {
		if (r >= '0' && r <= '9') || (r >= '０' && r <= '９') || r == '二' {
			return true
		}
	}
	return false
}

// isReportText is reportYear's verdict alone.
func (w wording) isReportText(text string) bool {
	_, ok := w.reportYear(text)
	return ok
}

// pageLabel says whether an anchor's label (text and title) names the next
// or the last list page, in either script.
func (w wording) pageLabel(text, title string) (isNext, isLast bool) {
	label := text + title
	if utf8.RuneCountInString(label) > 40 {
		return false, false // a title, not a pager
	}
	label = w.normalize(label)
	return containsAny(label, nextWords), containsAny(label, lastWords)
}

var (
	chineseYear = regexp.MustCompile(`二[〇○零Oo０0][〇○零Oo０0一二三四五六七八九][〇○零Oo０0一二三四五六七八九]`)
)

var chineseDigit = map[rune]int{
	'〇': 0, '○': 0, '零': 0, 'O': 0, 'o': 0, '０': 0, '0': 0,
	'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// linkYear returns the report year a link text names (2008–2099, Arabic,
// full-width or 二〇XX), the first one when several appear, or 0.
func linkYear(s string) int {
	s = toHalfWidthDigits(s)
	// Arabic years by hand: a run of exactly four digits 2008–2099 (the
	// regexp arabicYear says the same, at several times the cost).
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 {
			if y, _ := strconv.Atoi(s[i:j]); y >= 2008 && y <= 2099 {
				return y
			}
		}
		i = j
	}
	if !strings.ContainsRune(s, '二') {
		return 0
	}
	for _, m := range chineseYear.FindAllString(s, -1) {
		y := 0
		for _, r := range m {
			y = y*10 + chineseDigit[r]
		}
		if y >= 2008 && y <= 2099 {
			return y
		}
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func toHalfWidthDigits(s string) string {
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}

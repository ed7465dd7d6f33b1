package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Report.Warnings are English (the API and the JSON contract are English);
// the web UI shows them in Chinese through WarningZh. The catalogue below
// pairs each English wording the extractor writes (its format, with %s, %d
// and %q for the variable parts) with its Chinese wording (%[n]s for the
// n-th part). TestEveryWarningHasChinese keeps it complete: it reads the
// package's source for the wordings it writes.

// warningCatalogue is English format → Chinese format.
var warningCatalogue = [][2]string{
	{"Traditional script converted to Simplified, Taiwan vocabulary reversed", "原文为繁体，已转为简体，并将台湾用语换回大陆用语"},
	{"Traditional script converted to Simplified character by character (mainland vocabulary kept)", "原文为繁体，已逐字转为简体（保留大陆用语）"},
	{"Traditional copy on %s: a mirror; check agency and dates against the original", "%[1]s 上的繁体副本：疑为镜像站，请与原网站核对机关和日期"},
	{"pinyin injected into the text: likely an SEO mirror; check agency and dates against the original", "正文夹杂拼音：疑为SEO镜像站，请与原网站核对机关和日期"},
	{"title not found", "未找到标题"},
	{"published date not found", "未找到发布日期"},
	{"year: title says %d, statistics period says %d; the title is kept", "年度：标题为 %[1]s 年，统计期间为 %[2]s 年；采用标题的年度"},
	{"template: labels of both templates found; %s chosen by the year", "模板：两种模板的标签都出现了，按年度选用 %[1]s"},
	{"template: no distinguishing label; T2021 assumed from the year", "模板：没有能区分模板的标签，按年度认定为 T2021"},
	{"template: no distinguishing label; T2019 assumed from the year", "模板：没有能区分模板的标签，按年度认定为 T2019"},
	{"table %s is an image; its numbers are not extracted", "%[1]s是图片，其中的数字未能抽取"},
	{"table %s has no numbers; it is null", "%[1]s中没有数字，按缺失处理"},
	{"table active: 行政事业性收费 is written in 元 although the column is in 万元; the number is kept as written", "表二：行政事业性收费按“元”填写，而该栏单位为“万元”；数字按原文保留"},
	{"table active: row %s appears twice; the first is kept", "表二：“%[1]s”行出现两次，采用第一次"},
	{"table active: row %s has %d cells that are not numbers; they are null", "表二：“%[1]s”行有 %[2]s 格不是数字，按空白处理"},
	{"table active: row %s has no header; its %d values are not placed", "表二：“%[1]s”行没有表头，其 %[2]s 个数值无法对应到栏目"},
	{"table active: row %s has %d cells for %d columns; they do not line up and are null", "表二：“%[1]s”行有 %[2]s 格，而栏目有 %[3]s 个，无法对齐，按空白处理"},
	{"table requests: subtotal row %q is not part of the template; ignored", "表三：小计行“%[1]s”不属于模板，已忽略"},
	{"table requests: row %q not recognised, values ignored", "表三：无法识别“%[1]s”行，其数值已忽略"},
	{"table requests: row %s has more cells than columns; its values do not line up and are null", "表三：“%[1]s”行的格数多于栏目数，无法对齐，按空白处理"},
	{"table requests: row %s has %d cells that are not numbers; they are null", "表三：“%[1]s”行有 %[2]s 格不是数字，按空白处理"},
	{"table requests: row %s appears twice with different values; the first is kept", "表三：“%[1]s”行出现两次且数值不同，采用第一次"},
	{"table requests: row %s not found; its cells are null", "表三：未找到“%[1]s”行，其各格按空白处理"},
	{"table reviews: %d cells are not numbers; they are null", "表四：有 %[1]s 格不是数字，按空白处理"},
	{"table requests: row %s read from an unlabelled row by its place in the template", "表三：“%[1]s”行取自一行无标签的数据，按其在模板中的位置认定"},
	{"table requests: %d rows without a known label between template rows where %d rows are missing; they are left out", "表三：模板行之间有 %[1]s 行无法识别的数据，而缺少 %[2]s 行；这些数据未采用"},
	{"table reviews: group %s appears twice; the first is kept", "表四：“%[1]s”出现两次，采用第一次"},
	{"table reviews: drawn as separate tables; group %s not found, its cells are null", "表四：分成几张表绘制，未找到“%[1]s”，其各格按空白处理"},
	// is_report_reason, shown with a version the extractor does not take for a report
	{"notice about annual reports (关于…通知), not a report", "这是关于年报工作的通知，不是年报本身"},
	{"解读 of a report, not the report", "这是年报的解读，不是年报本身"},
	{"statistics bulletin, not an annual report", "这是统计公报，不是年度报告"},
	{"column or list page: the title names annual reports but no year, and no report body (%d links)", "栏目或列表页：标题提到年报，但没有年份，也没有报告正文（%[1]s 个链接）"},
	{"list page: %d links, no report body", "列表页：%[1]s 个链接，没有报告正文"},
	{"no annual-report title, sections or tables", "没有年报标题、章节或表格"},
	{"no text layer (scanned document): %s", "没有文字层（扫描件）：%[1]s"},
	{"document not read: %s", "文档未能读取：%[1]s"},
	{"unsupported document format: %s not read: %s", "不支持或已损坏的文档：%[1]s 未能读取（%[2]s）"},
	{"template: %s read from the labels in the text; its tables could not be read", "模板：根据正文中的标签认定为 %[1]s，但其表格无法读取"},
}

// warningRule is one catalogue entry, compiled.
type warningRule struct {
	re    *regexp.Regexp
	verbs []byte // the verb of each variable part: s, d or q
	zh    string
}

// verbRE finds the variable parts of a format.
var verbRE = regexp.MustCompile(`%[sdq]`)

// warningRules is the catalogue compiled once; read-only afterwards.
var warningRules = compileWarnings()

// compileWarnings turns the catalogue into matchers.
func compileWarnings() []warningRule {
	rules := make([]warningRule, 0, len(warningCatalogue))
	for _, e := range warningCatalogue {
		var pat strings.Builder
		var verbs []byte
		last := 0
		for _, m := range verbRE.FindAllStringIndex(e[0], -1) {
			pat.WriteString(regexp.QuoteMeta(e[0][last:m[0]]))
			switch v := e[0][m[0]+1]; v {
			case 'd':
				pat.WriteString(`(-?\d+)`)
				verbs = append(verbs, v)
			case 'q':
				pat.WriteString(`("(?:[^"\\]|\\.)*")`)
				verbs = append(verbs, v)
			default:
				pat.WriteString(`(.+?)`)
				verbs = append(verbs, v)
			}
			last = m[1]
		}
		pat.WriteString(regexp.QuoteMeta(e[0][last:]))
		rules = append(rules, warningRule{re: regexp.MustCompile("^" + pat.String() + "$"), verbs: verbs, zh: e[1]})
	}
	return rules
}

// tableNamesZh name the tables as the Chinese warnings do.
var tableNamesZh = map[string]string{TableActive: "表二（主动公开）", TableRequests: "表三（依申请公开）", TableReviews: "表四（复议诉讼）"}

// WarningZh returns the Chinese wording of one of Report.Warnings. A
// warning the catalogue does not know comes back as it is, so nothing is
// hidden.
func WarningZh(w string) string {
	for _, r := range warningRules {
		m := r.re.FindStringSubmatch(w)
		if m == nil {
			continue
		}
		args := make([]string, len(m)-1)
		for i, part := range m[1:] {
			switch {
			case r.verbs[i] == 'q':
				if s, err := strconv.Unquote(part); err == nil {
					part = s
				}
			case tableNamesZh[part] != "":
				part = tableNamesZh[part]
			case activeRowZh(part) != "":
				part = activeRowZh(part)
			case reviewGroupsZh(part) != part:
				part = reviewGroupsZh(part)
			default: // a wording nested in another, as a reason in "document not read: …"
				part = WarningZh(part)
			}
			args[i] = part
		}
		return fillPositional(r.zh, args)
	}
	return w
}

// activeRowZh is the template label of a table 二 row key, "" for others.
func activeRowZh(key string) string {
	for _, t := range []string{TemplateT2019, TemplateT2021} {
		for _, b := range activeForms[t] {
			for _, r := range b.Rows {
				if r.Key == key {
					return r.Text
				}
			}
		}
	}
	return ""
}

// reviewGroupsZh names table 四's groups in a comma-separated list of
// their keys; other text comes back as it is.
func reviewGroupsZh(s string) string {
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		j := slices.Index(reviewGroups, p)
		if j < 0 {
			return s
		}
		parts[i] = reviewGroupLabels[j]
	}
	return strings.Join(parts, "、")
}

// positionalRE finds %[n]s in a Chinese format.
var positionalRE = regexp.MustCompile(`%\[(\d)\]s`)

// fillPositional replaces %[n]s with the n-th argument.
func fillPositional(format string, args []string) string {
	return positionalRE.ReplaceAllStringFunc(format, func(v string) string {
		n := int(v[2] - '0')
		if n >= 1 && n <= len(args) {
			return args[n-1]
		}
		return v
	})
}

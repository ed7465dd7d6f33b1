package extract

import (
	"slices"
	"strings"
)

// A labelRule maps a row or column label to a key when the label's plainKey
// contains every one of its words (or equals exact, when set).
type labelRule struct {
	key   string
	words []string
	exact string
}

func (r labelRule) match(k string) bool {
	if r.exact != "" {
		return k == r.exact
	}
	for _, w := range r.words {
		if !strings.Contains(k, w) {
			return false
		}
	}
	return len(r.words) > 0
}

// firstMatch returns the key of the first rule that matches k.
func firstMatch(rules []labelRule, k string) string {
	for _, r := range rules {
		if r.match(k) {
			return r.key
		}
	}
	return ""
}

// requestRowRules map table 三 row labels (report-format.md §4.2) to
// report-schema.md keys. Order matters: specific labels come before the
// ones they contain (部分公开 before 其他, 不予公开 items before 予以公开).
var requestRowRules = []labelRule{
	{key: "new", words: []string{"本年新收"}},
	{key: "carried_in", words: []string{"上年结转"}},
	{key: "carried_out", words: []string{"结转下年度"}},
	{key: "partly_granted", words: []string{"部分公开"}},
	{key: "denied_state_secret", words: []string{"国家秘密"}},
	{key: "denied_law", words: []string{"禁止公开"}},
	{key: "denied_law", words: []string{"其他法律行政"}}, // printed cut short: 2.其他法律行政止公开
	{key: "denied_security", words: []string{"三安全一稳定"}},
	{key: "denied_security", words: []string{"危及"}},
	{key: "denied_third_party", words: []string{"第三方"}},
	{key: "denied_internal", words: []string{"内部事务"}},
	{key: "denied_process", words: []string{"过程性"}},
	{key: "denied_enforcement", words: []string{"执法案卷"}},
	{key: "denied_query", words: []string{"查询事项"}},
	{key: "unavailable_not_held", words: []string{"不掌握"}},
	{key: "unavailable_needs_creation", words: []string{"另行制作"}},
	{key: "unavailable_unclear", words: []string{"仍不明确"}},
	{key: "unavailable_unclear", words: []string{"补正后"}},
	{key: "rejected_petition", words: []string{"信访"}},
	{key: "rejected_repeat", words: []string{"重复申请"}},
	{key: "rejected_publication", words: []string{"出版物"}},
	{key: "rejected_mass", words: []string{"大量反复"}},
	{key: "rejected_confirmation", words: []string{"重新出具"}},
	{key: "rejected_confirmation", words: []string{"确认"}},
	{key: "other_no_correction", words: []string{"不补正"}},
	{key: "other_no_fee", words: []string{"缴纳费用"}},
	{key: "other_no_fee", words: []string{"收费通知"}},
	{key: "granted", words: []string{"予以公开"}},
	{key: "other", words: []string{"其他处理"}},
	{key: "other_misc", exact: "3其他"},
	{key: "other_misc", exact: "其他"},
	{key: "total", words: []string{"总计"}},
	{key: "total", words: []string{"合计"}},
}

// requestRowsT2019 and requestRowsT2021 are the data rows of table 三 in
// template order.
var (
	requestRowsCommon = []string{"new", "carried_in", "granted", "partly_granted",
		"denied_state_secret", "denied_law", "denied_security", "denied_third_party", "denied_internal",
		"denied_process", "denied_enforcement", "denied_query",
		"unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
		"rejected_petition", "rejected_repeat", "rejected_publication", "rejected_mass", "rejected_confirmation"}
	requestRowsT2019 = append(append([]string{}, requestRowsCommon...), "other", "total", "carried_out")
	requestRowsT2021 = append(append([]string{}, requestRowsCommon...), "other_no_correction", "other_no_fee", "other_misc", "total", "carried_out")
)

// requestRowLabels names rows in checks and warnings.
var requestRowLabels = map[string]string{
	"new": "一、本年新收", "carried_in": "二、上年结转", "granted": "（一）予以公开", "partly_granted": "（二）部分公开",
	"denied_state_secret": "（三）1", "denied_law": "（三）2", "denied_security": "（三）3", "denied_third_party": "（三）4",
	"denied_internal": "（三）5", "denied_process": "（三）6", "denied_enforcement": "（三）7", "denied_query": "（三）8",
	"unavailable_not_held": "（四）1", "unavailable_needs_creation": "（四）2", "unavailable_unclear": "（四）3",
	"rejected_petition": "（五）1", "rejected_repeat": "（五）2", "rejected_publication": "（五）3", "rejected_mass": "（五）4",
	"rejected_confirmation": "（五）5", "other": "（六）其他处理", "other_no_correction": "（六）1", "other_no_fee": "（六）2",
	"other_misc": "（六）3", "total": "（七）总计", "carried_out": "四、结转下年度",
}

// requestColumnRules map the leaf header of a table 三 column to its key.
var requestColumnRules = []labelRule{
	{key: "natural_person", words: []string{"自然人"}},
	{key: "commercial", words: []string{"商业企业"}},
	{key: "research", words: []string{"科研机构"}},
	{key: "social_welfare", words: []string{"社会公益"}},
	{key: "legal_service", words: []string{"法律服务"}},
	{key: "other", exact: "其他"},
	{key: "total", exact: "总计"},
	{key: "total", exact: "合计"},
}

// RequestColumnLabels returns table 三's seven applicant column labels in
// the order of Requests.Columns, as checks name them ("column 自然人").
func RequestColumnLabels() []string { return slices.Clone(requestColumnLabels) }

// RequestColumnKeys returns the keys of Requests.Columns, the fixed order
// of table 三's seven columns, as Check.Cells name them.
func RequestColumnKeys() []string { return slices.Clone(requestColumnKeys) }

// requestColumnLabels names columns in checks.
var requestColumnLabels = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// activeRowRules map table 二 row labels to keys.
var activeRowRules = []labelRule{
	{key: "normative_documents", words: []string{"规范性文件"}},
	{key: "regulations", words: []string{"规章"}},
	{key: "other_services", words: []string{"其他对外管理服务"}},
	{key: "licensing", words: []string{"行政许可"}},
	{key: "penalties", words: []string{"行政处罚"}},
	{key: "coercion", words: []string{"行政强制"}},
	{key: "fees", words: []string{"行政事业性收费"}},
	{key: "procurement", words: []string{"政府集中采购"}},
}

// activeFieldRules map table 二 column headers to field keys.
var activeFieldRules = []labelRule{
	{key: "new_made", words: []string{"新制作"}},
	{key: "new_published", words: []string{"新公开"}},
	{key: "total_published", words: []string{"对外公开总数"}},
	{key: "prev_items", words: []string{"上一年项目"}},
	{key: "change", words: []string{"增"}},
	{key: "decisions", words: []string{"处理决定"}},
	{key: "issued", words: []string{"制发"}},
	{key: "repealed", words: []string{"废止"}},
	{key: "in_force", words: []string{"现行有效"}},
	{key: "amount_wan_yuan", words: []string{"收费金额"}},
	{key: "items", words: []string{"采购项目"}},
	{key: "amount", words: []string{"采购总金额"}},
}

// activeLayout is the fields of each row by template, and activeRows the
// row order, both read off activeForms (layout.go).
var activeLayout, activeRows = activeKeys()

func activeKeys() (map[string]map[string][]string, map[string][]string) {
	fields, rows := map[string]map[string][]string{}, map[string][]string{}
	for template, blocks := range activeForms {
		fields[template] = map[string][]string{}
		for _, b := range blocks {
			for _, r := range b.Rows {
				rows[template] = append(rows[template], r.Key)
				for _, f := range b.Fields {
					fields[template][r.Key] = append(fields[template][r.Key], f.Key)
				}
			}
		}
	}
	return fields, rows
}

// reviewFieldRules map table 四 leaf headers to the five cells.
var reviewFieldRules = []labelRule{
	{key: "upheld", words: []string{"维持"}},
	{key: "corrected", words: []string{"纠正"}},
	{key: "pending", words: []string{"未审结"}},
	{key: "other", words: []string{"其他"}},
	{key: "total", words: []string{"总计"}},
	{key: "total", words: []string{"合计"}},
}

// reviewGroups and reviewFields give the canonical order of the 15 cells.
var (
	reviewGroups      = []string{"review", "litigation_direct", "litigation_after_review"}
	reviewGroupLabels = []string{"行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉"}
	reviewFields      = []string{"upheld", "corrected", "other", "pending", "total"}
)

package extract

import "slices"

// The layout of the national template's tables as the official forms
// print them (report-format.md §3–§5, report-schema.md): the order of
// rows, fields and columns and their exact wording. They are data: the
// web UI draws the tables from them, CellsOf names cells with them.

// Label is a row, field, column or group of a template table: its key in
// report-schema.md and the form's wording.
type Label struct {
	Key, Text string
}

// ActiveBlock is one 第二十条 block of table 二: its caption, its rows and
// the fields every row of it has, in form order.
type ActiveBlock struct {
	Caption string
	Rows    []Label
	Fields  []Label
}

// RequestRow is a row of table 三 in form order: a data row (Key set) or
// a group heading (Key empty). Indent is its depth below the 一、…四、
// rows: 1 for （一）…（七）, 2 for the numbered items under them.
type RequestRow struct {
	Key, Text string
	Indent    int
}

// ActiveBlocks returns table 二 of template (TemplateT2019 or
// TemplateT2021) block by block; false for a template without table 二.
func ActiveBlocks(template string) ([]ActiveBlock, bool) {
	blocks, ok := activeForms[template]
	if !ok {
		return nil, false
	}
	out := make([]ActiveBlock, len(blocks))
	for i, b := range blocks {
		out[i] = ActiveBlock{Caption: b.Caption, Rows: slices.Clone(b.Rows), Fields: slices.Clone(b.Fields)}
	}
	return out, true
}

// RequestRows returns table 三's rows in form order, of both templates: a
// report carries T2019's single （六）其他处理 row or T2021's heading with
// its three items, and a renderer skips the rows it lacks.
func RequestRows() []RequestRow { return slices.Clone(requestForm) }

// RequestColumns returns table 三's seven applicant columns in the order
// of Requests.Columns.
func RequestColumns() []Label { return zipLabels(requestColumnKeys, requestColumnLabels) }

// ReviewGroups returns table 四's three groups: 行政复议 and the two kinds
// of 行政诉讼, as checks name them.
func ReviewGroups() []Label { return zipLabels(reviewGroups, reviewGroupLabels) }

// ReviewFields returns the five cells of each table 四 group in form
// order.
func ReviewFields() []Label { return zipLabels(reviewFields, reviewFieldLabels) }

func zipLabels(keys, texts []string) []Label {
	out := make([]Label, len(keys))
	for i, k := range keys {
		out[i] = Label{Key: k, Text: texts[i]}
	}
	return out
}

// requestForm is table 三 as both forms print it.
var requestForm = []RequestRow{
	{Key: "new", Text: "一、本年新收政府信息公开申请数量"},
	{Key: "carried_in", Text: "二、上年结转政府信息公开申请数量"},
	{Text: "三、本年度办理结果"},
	{Key: "granted", Text: "（一）予以公开", Indent: 1},
	{Key: "partly_granted", Text: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Indent: 1},
	{Text: "（三）不予公开", Indent: 1},
	{Key: "denied_state_secret", Text: "1.属于国家秘密", Indent: 2},
	{Key: "denied_law", Text: "2.其他法律行政法规禁止公开", Indent: 2},
	{Key: "denied_security", Text: "3.危及“三安全一稳定”", Indent: 2},
	{Key: "denied_third_party", Text: "4.保护第三方合法权益", Indent: 2},
	{Key: "denied_internal", Text: "5.属于三类内部事务信息", Indent: 2},
	{Key: "denied_process", Text: "6.属于四类过程性信息", Indent: 2},
	{Key: "denied_enforcement", Text: "7.属于行政执法案卷", Indent: 2},
	{Key: "denied_query", Text: "8.属于行政查询事项", Indent: 2},
	{Text: "（四）无法提供", Indent: 1},
	{Key: "unavailable_not_held", Text: "1.本机关不掌握相关政府信息", Indent: 2},
	{Key: "unavailable_needs_creation", Text: "2.没有现成信息需要另行制作", Indent: 2},
	{Key: "unavailable_unclear", Text: "3.补正后申请内容仍不明确", Indent: 2},
	{Text: "（五）不予处理", Indent: 1},
	{Key: "rejected_petition", Text: "1.信访举报投诉类申请", Indent: 2},
	{Key: "rejected_repeat", Text: "2.重复申请", Indent: 2},
	{Key: "rejected_publication", Text: "3.要求提供公开出版物", Indent: 2},
	{Key: "rejected_mass", Text: "4.无正当理由大量反复申请", Indent: 2},
	{Key: "rejected_confirmation", Text: "5.要求行政机关确认或重新出具已获取信息", Indent: 2},
	{Key: "other", Text: "（六）其他处理", Indent: 1}, // T2019
	{Text: "（六）其他处理", Indent: 1},               // T2021: a heading over three items
	{Key: "other_no_correction", Text: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Indent: 2},
	{Key: "other_no_fee", Text: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Indent: 2},
	{Key: "other_misc", Text: "3.其他", Indent: 2},
	{Key: "total", Text: "（七）总计", Indent: 1},
	{Key: "carried_out", Text: "四、结转下年度继续办理"},
}

// activeForms is table 二 by template.
var activeForms = map[string][]ActiveBlock{
	TemplateT2019: {
		{"第二十条第（一）项", []Label{{"regulations", "规章"}, {"normative_documents", "规范性文件"}},
			[]Label{{"new_made", "本年新制作数量"}, {"new_published", "本年新公开数量"}, {"total_published", "对外公开总数量"}}},
		{"第二十条第（五）项", []Label{{"licensing", "行政许可"}, {"other_services", "其他对外管理服务事项"}},
			[]Label{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}},
		{"第二十条第（六）项", []Label{{"penalties", "行政处罚"}, {"coercion", "行政强制"}},
			[]Label{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}},
		{"第二十条第（八）项", []Label{{"fees", "行政事业性收费"}},
			[]Label{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}}},
		{"第二十条第（九）项", []Label{{"procurement", "政府集中采购"}},
			[]Label{{"items", "采购项目数量"}, {"amount", "采购总金额"}}},
	},
	TemplateT2021: {
		{"第二十条第（一）项", []Label{{"regulations", "规章"}, {"normative_documents", "行政规范性文件"}},
			[]Label{{"issued", "本年制发件数"}, {"repealed", "本年废止件数"}, {"in_force", "现行有效件数"}}},
		{"第二十条第（五）项", []Label{{"licensing", "行政许可"}}, []Label{{"decisions", "本年处理决定数量"}}},
		{"第二十条第（六）项", []Label{{"penalties", "行政处罚"}, {"coercion", "行政强制"}}, []Label{{"decisions", "本年处理决定数量"}}},
		{"第二十条第（八）项", []Label{{"fees", "行政事业性收费"}}, []Label{{"amount_wan_yuan", "本年收费金额（单位：万元）"}}},
	},
}

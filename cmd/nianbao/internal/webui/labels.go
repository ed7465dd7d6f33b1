package webui

import "github.com/nianbao/nianbao/extract"

// The row and column labels of the national template's tables, as the web
// UI shows them (report-schema.md, report-format.md §3–§5). They are data:
// the exact wording of the template.

// labelRow is one row of a rendered template table: a data row (key set)
// or a group heading (key empty).
type labelRow struct {
	key, label string
	indent     int
}

// requestRows is table 三 in template order, both templates; rows the
// report does not carry (T2019's single （六） or T2021's three) are
// skipped when rendered, and so is a heading left without rows.
var requestRows = []labelRow{
	{key: "new", label: "一、本年新收政府信息公开申请数量"},
	{key: "carried_in", label: "二、上年结转政府信息公开申请数量"},
	{label: "三、本年度办理结果"},
	{key: "granted", label: "（一）予以公开", indent: 1},
	{key: "partly_granted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", indent: 1},
	{label: "（三）不予公开", indent: 1},
	{key: "denied_state_secret", label: "1.属于国家秘密", indent: 2},
	{key: "denied_law", label: "2.其他法律行政法规禁止公开", indent: 2},
	{key: "denied_security", label: "3.危及“三安全一稳定”", indent: 2},
	{key: "denied_third_party", label: "4.保护第三方合法权益", indent: 2},
	{key: "denied_internal", label: "5.属于三类内部事务信息", indent: 2},
	{key: "denied_process", label: "6.属于四类过程性信息", indent: 2},
	{key: "denied_enforcement", label: "7.属于行政执法案卷", indent: 2},
	{key: "denied_query", label: "8.属于行政查询事项", indent: 2},
	{label: "（四）无法提供", indent: 1},
	{key: "unavailable_not_held", label: "1.本机关不掌握相关政府信息", indent: 2},
	{key: "unavailable_needs_creation", label: "2.没有现成信息需要另行制作", indent: 2},
	{key: "unavailable_unclear", label: "3.补正后申请内容仍不明确", indent: 2},
	{label: "（五）不予处理", indent: 1},
	{key: "rejected_petition", label: "1.信访举报投诉类申请", indent: 2},
	{key: "rejected_repeat", label: "2.重复申请", indent: 2},
	{key: "rejected_publication", label: "3.要求提供公开出版物", indent: 2},
	{key: "rejected_mass", label: "4.无正当理由大量反复申请", indent: 2},
	{key: "rejected_confirmation", label: "5.要求行政机关确认或重新出具已获取信息", indent: 2},
	{key: "other", label: "（六）其他处理", indent: 1},
	{label: "（六）其他处理", indent: 1},
	{key: "other_no_correction", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", indent: 2},
	{key: "other_no_fee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", indent: 2},
	{key: "other_misc", label: "3.其他", indent: 2},
	{key: "total", label: "（七）总计", indent: 1},
	{key: "carried_out", label: "四、结转下年度继续办理"},
}

// requestColumns are table 三's seven applicant columns, in the order of
// Requests.Columns. The extractor's checks name columns by these labels.
var requestColumns = extract.RequestColumnLabels()

// requestColumnKeys are the keys of the same columns, as check cells name them.
var requestColumnKeys = extract.RequestColumnKeys()

// reviewGroupKeys and reviewGroupNames are table 四's three groups; the
// names are those the extractor's checks use.
var (
	reviewGroupKeys  = []string{"review", "litigation_direct", "litigation_after_review"}
	reviewGroupNames = []string{"行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉"}
	reviewCellKeys   = []string{"upheld", "corrected", "other", "pending", "total"}
	reviewCellNames  = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
)

// activeBlock is one 第二十条 block of table 二: its rows and fields.
type activeBlock struct {
	caption string
	rows    [][2]string // key, label
	fields  [][2]string // key, label
}

// activeBlocks is table 二 by template.
var activeBlocks = map[string][]activeBlock{
	"T2019": {
		{"第二十条第（一）项", [][2]string{{"regulations", "规章"}, {"normative_documents", "规范性文件"}},
			[][2]string{{"new_made", "本年新制作数量"}, {"new_published", "本年新公开数量"}, {"total_published", "对外公开总数量"}}},
		{"第二十条第（五）项", [][2]string{{"licensing", "行政许可"}, {"other_services", "其他对外管理服务事项"}},
			[][2]string{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}},
		{"第二十条第（六）项", [][2]string{{"penalties", "行政处罚"}, {"coercion", "行政强制"}},
			[][2]string{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}},
		{"第二十条第（八）项", [][2]string{{"fees", "行政事业性收费"}},
			[][2]string{{"prev_items", "上一年项目数量"}, {"change", "本年增/减"}}},
		{"第二十条第（九）项", [][2]string{{"procurement", "政府集中采购"}},
			[][2]string{{"items", "采购项目数量"}, {"amount", "采购总金额"}}},
	},
	"T2021": {
		{"第二十条第（一）项", [][2]string{{"regulations", "规章"}, {"normative_documents", "行政规范性文件"}},
			[][2]string{{"issued", "本年制发件数"}, {"repealed", "本年废止件数"}, {"in_force", "现行有效件数"}}},
		{"第二十条第（五）项", [][2]string{{"licensing", "行政许可"}}, [][2]string{{"decisions", "本年处理决定数量"}}},
		{"第二十条第（六）项", [][2]string{{"penalties", "行政处罚"}, {"coercion", "行政强制"}}, [][2]string{{"decisions", "本年处理决定数量"}}},
		{"第二十条第（八）项", [][2]string{{"fees", "行政事业性收费"}}, [][2]string{{"amount_wan_yuan", "本年收费金额（单位：万元）"}}},
	},
}

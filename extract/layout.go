package extract

import (
	"slices"
	"sort"
)

// The template tables as the national templates print them: the official
// row and column labels in template order, for everything that shows or
// exports a report's tables (the web UI, the spreadsheet exports). The
// labels are data: the exact wording of the templates (report-format.md
// §3–§5, report-schema.md).

// Label is a key of the report schema with its official wording.
type Label struct{ Key, Text string }

// Table keys (the keys under Report.Tables and TableStatus), in template
// order.
const (
	TableActive   = "active"
	TableRequests = "requests"
	TableReviews  = "reviews"
)

// TableTitles returns the three tables' keys with their section headings.
func TableTitles() []Label {
	return []Label{
		{TableActive, "二、主动公开政府信息情况"},
		{TableRequests, "三、收到和处理政府信息公开申请情况"},
		{TableReviews, "四、政府信息公开行政复议、行政诉讼情况"},
	}
}

// ActiveBlock is one 第二十条 block of table 二: its caption, rows and
// fields.
type ActiveBlock struct {
	Caption      string
	Rows, Fields []Label
}

// activeBlocks is table 二 by template.
var activeBlocks = map[string][]ActiveBlock{
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

// ActiveBlocks returns table 二's blocks for template (T2019 or T2021); nil
// for any other. The result is the caller's.
func ActiveBlocks(template string) []ActiveBlock {
	out := slices.Clone(activeBlocks[template])
	for i := range out {
		out[i].Rows, out[i].Fields = slices.Clone(out[i].Rows), slices.Clone(out[i].Fields)
	}
	return out
}

// ActiveTemplate picks the table 二 layout of rep: its template when that
// is T2019 or T2021, else the one whose fields its rows carry (T2019 when
// nothing tells).
func ActiveTemplate(rep *Report) string {
	if _, ok := activeBlocks[rep.Template]; ok {
		return rep.Template
	}
	if rep.Tables.Active == nil {
		return TemplateT2019
	}
	for _, row := range rep.Tables.Active.Rows {
		if _, ok := row["issued"]; ok {
			return TemplateT2021
		}
		if _, ok := row["decisions"]; ok {
			if _, ok := row["prev_items"]; !ok {
				return TemplateT2021
			}
		}
	}
	return TemplateT2019
}

// RequestRow is one row of table 三 in template order: a data row (Key
// set) or a group heading (Key empty). Indent is its nesting under the
// headings.
type RequestRow struct {
	Key, Label string
	Indent     int
}

// requestLayout is table 三 in template order, both templates: T2019's
// single （六） row and T2021's three are both listed.
var requestLayout = []RequestRow{
	{Key: "new", Label: "一、本年新收政府信息公开申请数量"},
	{Key: "carried_in", Label: "二、上年结转政府信息公开申请数量"},
	{Label: "三、本年度办理结果"},
	{Key: "granted", Label: "（一）予以公开", Indent: 1},
	{Key: "partly_granted", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Indent: 1},
	{Label: "（三）不予公开", Indent: 1},
	{Key: "denied_state_secret", Label: "1.属于国家秘密", Indent: 2},
	{Key: "denied_law", Label: "2.其他法律行政法规禁止公开", Indent: 2},
	{Key: "denied_security", Label: "3.危及“三安全一稳定”", Indent: 2},
	{Key: "denied_third_party", Label: "4.保护第三方合法权益", Indent: 2},
	{Key: "denied_internal", Label: "5.属于三类内部事务信息", Indent: 2},
	{Key: "denied_process", Label: "6.属于四类过程性信息", Indent: 2},
	{Key: "denied_enforcement", Label: "7.属于行政执法案卷", Indent: 2},
	{Key: "denied_query", Label: "8.属于行政查询事项", Indent: 2},
	{Label: "（四）无法提供", Indent: 1},
	{Key: "unavailable_not_held", Label: "1.本机关不掌握相关政府信息", Indent: 2},
	{Key: "unavailable_needs_creation", Label: "2.没有现成信息需要另行制作", Indent: 2},
	{Key: "unavailable_unclear", Label: "3.补正后申请内容仍不明确", Indent: 2},
	{Label: "（五）不予处理", Indent: 1},
	{Key: "rejected_petition", Label: "1.信访举报投诉类申请", Indent: 2},
	{Key: "rejected_repeat", Label: "2.重复申请", Indent: 2},
	{Key: "rejected_publication", Label: "3.要求提供公开出版物", Indent: 2},
	{Key: "rejected_mass", Label: "4.无正当理由大量反复申请", Indent: 2},
	{Key: "rejected_confirmation", Label: "5.要求行政机关确认或重新出具已获取信息", Indent: 2},
	{Key: "other", Label: "（六）其他处理", Indent: 1},
	{Label: "（六）其他处理", Indent: 1},
	{Key: "other_no_correction", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Indent: 2},
	{Key: "other_no_fee", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Indent: 2},
	{Key: "other_misc", Label: "3.其他", Indent: 2},
	{Key: "total", Label: "（七）总计", Indent: 1},
	{Key: "carried_out", Label: "四、结转下年度继续办理"},
}

// RequestRows returns table 三's rows in template order, both templates'
// （六） rows included; a report carries the rows of its own template.
func RequestRows() []RequestRow { return slices.Clone(requestLayout) }

// RequestColumns returns table 三's seven applicant columns in the order
// of Requests.Columns.
func RequestColumns() []Label {
	out := make([]Label, len(requestColumnKeys))
	for i, k := range requestColumnKeys {
		out[i] = Label{k, requestColumnLabels[i]}
	}
	return out
}

// ReviewGroups returns table 四's three groups in template order, named
// as the checks name them.
func ReviewGroups() []Label {
	out := make([]Label, len(reviewGroups))
	for i, k := range reviewGroups {
		out[i] = Label{k, reviewGroupLabels[i]}
	}
	return out
}

// ReviewFields returns the five cells of a table 四 group in template
// order.
func ReviewFields() []Label {
	out := make([]Label, len(reviewFields))
	for i, k := range reviewFields {
		out[i] = Label{k, reviewFieldLabels[i]}
	}
	return out
}

// Values returns the group's five cells in the order of ReviewFields.
func (c ReviewCells) Values() []*float64 {
	return []*float64{c.Upheld, c.Corrected, c.Other, c.Pending, c.Total}
}

// Groups returns the three groups in the order of ReviewGroups.
func (r *Reviews) Groups() []ReviewCells {
	return []ReviewCells{r.Review, r.LitigationDirect, r.LitigationAfterReview}
}

// TableCell is one value of a template table, with its place and its
// labels kept apart (CellsOf joins them into a path and one label).
type TableCell struct {
	Table, Row, Column    string // keys: "requests", "granted", "natural_person"
	RowLabel, ColumnLabel string // the template's wording
	Value                 *float64
	Unit                  string // set when the report states one (procurement's amount_unit)
}

// TableCells returns every cell of the tables rep carries, table by table in
// template order, rows and columns in template order; a blank cell has a
// nil Value. Rows or fields the template does not list (a report that
// mixes templates) follow their table's listed ones, labelled by their
// keys, so nothing a report holds is left out.
func TableCells(rep *Report) []TableCell {
	var out []TableCell
	if a := rep.Tables.Active; a != nil {
		out = append(out, activeCells(a, ActiveTemplate(rep))...)
	}
	if rq := rep.Tables.Requests; rq != nil {
		out = append(out, requestCells(rq)...)
	}
	if rv := rep.Tables.Reviews; rv != nil {
		groups, fields := ReviewGroups(), ReviewFields()
		for gi, g := range rv.Groups() {
			for fi, v := range g.Values() {
				out = append(out, TableCell{Table: TableReviews, Row: groups[gi].Key, RowLabel: groups[gi].Text,
					Column: fields[fi].Key, ColumnLabel: fields[fi].Text, Value: v})
			}
		}
	}
	return out
}

func activeCells(a *Active, template string) []TableCell {
	var out []TableCell
	listed := map[[2]string]bool{}
	for _, b := range activeBlocks[template] {
		for _, r := range b.Rows {
			row, ok := a.Rows[r.Key]
			if !ok {
				continue
			}
			for _, f := range b.Fields {
				listed[[2]string{r.Key, f.Key}] = true
				c := TableCell{Table: TableActive, Row: r.Key, RowLabel: r.Text, Column: f.Key, ColumnLabel: f.Text, Value: number(row[f.Key])}
				if unit, ok := row["amount_unit"].(string); ok && f.Key == "amount" {
					c.Unit = unit
				}
				out = append(out, c)
			}
		}
	}
	var extra []TableCell
	for rk, row := range a.Rows {
		for fk, v := range row {
			if _, isText := v.(string); isText || listed[[2]string{rk, fk}] {
				continue
			}
			extra = append(extra, TableCell{Table: TableActive, Row: rk, RowLabel: rk, Column: fk, ColumnLabel: fk, Value: number(v)})
		}
	}
	sort.Slice(extra, func(i, j int) bool {
		return extra[i].Row < extra[j].Row || extra[i].Row == extra[j].Row && extra[i].Column < extra[j].Column
	})
	return append(out, extra...)
}

func requestCells(rq *Requests) []TableCell {
	var out []TableCell
	cols := RequestColumns()
	emit := func(key, label string) {
		vals := rq.Rows[key]
		for c, col := range cols {
			var v *float64
			if c < len(vals) {
				v = vals[c]
			}
			out = append(out, TableCell{Table: TableRequests, Row: key, RowLabel: label, Column: col.Key, ColumnLabel: col.Text, Value: v})
		}
	}
	listed := map[string]bool{}
	for _, r := range requestLayout {
		if r.Key == "" {
			continue
		}
		listed[r.Key] = true
		if _, ok := rq.Rows[r.Key]; ok {
			emit(r.Key, r.Label)
		}
	}
	var extra []string
	for k := range rq.Rows {
		if !listed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		emit(k, k)
	}
	return out
}

// number is a table 二 value as a number: nil for a blank cell or text.
func number(v any) *float64 {
	switch n := v.(type) {
	case float64:
		return &n
	case *float64:
		return n
	case int:
		f := float64(n)
		return &f
	}
	return nil
}

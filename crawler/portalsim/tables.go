package portalsim

import (
	"fmt"
	"strings"
)

// template is one national report format (report-format.md §3–§5).
type template struct {
	notice   string
	outcomes []outcomeRow // rows of 三、本年度办理结果 carrying numbers
	tableA   func(b *strings.Builder, f figures)
}

// outcomeRow is a data row of table B's 办理结果 block; group, when set,
// opens a rowspan group label (（三）不予公开 …) of span rows.
type outcomeRow struct {
	group string
	span  int
	label string
}

func t2021() template {
	return template{
		notice:   "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
		outcomes: outcomes(true),
		tableA:   tableA2021,
	}
}

func t2019() template {
	return template{
		notice:   "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）",
		outcomes: outcomes(false),
		tableA:   tableA2019,
	}
}

func outcomes(t2021 bool) []outcomeRow {
	rows := []outcomeRow{
		{label: "（一）予以公开"},
		{label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		{group: "（三）不予公开", span: 8, label: "1.属于国家秘密"},
		{label: "2.其他法律行政法规禁止公开"},
		{label: "3.危及“三安全一稳定”"},
		{label: "4.保护第三方合法权益"},
		{label: "5.属于三类内部事务信息"},
		{label: "6.属于四类过程性信息"},
		{label: "7.属于行政执法案卷"},
		{label: "8.属于行政查询事项"},
		{group: "（四）无法提供", span: 3, label: "1.本机关不掌握相关政府信息"},
		{label: "2.没有现成信息需要另行制作"},
		{label: "3.补正后申请内容仍不明确"},
		{group: "（五）不予处理", span: 5, label: "1.信访举报投诉类申请"},
		{label: "2.重复申请"},
		{label: "3.要求提供公开出版物"},
		{label: "4.无正当理由大量反复申请"},
		{label: "5.要求行政机关确认或重新出具已获取信息"},
	}
	if !t2021 {
		return append(rows, outcomeRow{label: "（六）其他处理"})
	}
	return append(rows,
		outcomeRow{group: "（六）其他处理", span: 3, label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		outcomeRow{label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		outcomeRow{label: "3.其他"})
}

const tableOpen = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse: collapse;\"><tbody>\n"

func cells(b *strings.Builder, vs ...int) {
	for _, v := range vs {
		fmt.Fprintf(b, "<td>%d</td>", v)
	}
}

func tableA2021(b *strings.Builder, f figures) {
	b.WriteString(tableOpen)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（一）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\n")
	b.WriteString("<tr><td>规章</td>")
	cells(b, f.regulations[0:3]...)
	b.WriteString("</tr>\n<tr><td>行政规范性文件</td>")
	cells(b, f.regulations[3:6]...)
	b.WriteString("</tr>\n<tr><td colspan=\"4\">第二十条第（五）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政许可</td><td colspan=\"3\">%d</td></tr>\n", f.licences)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（六）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政处罚</td><td colspan=\"3\">%d</td></tr>\n", f.penalties)
	fmt.Fprintf(b, "<tr><td>行政强制</td><td colspan=\"3\">%d</td></tr>\n", f.coercions)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（八）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td colspan=\"3\">本年收费金额（单位：万元）</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政事业性收费</td><td colspan=\"3\">%.3f</td></tr>\n", f.fees)
	b.WriteString("</tbody></table>\n")
}

func tableA2019(b *strings.Builder, f figures) {
	b.WriteString(tableOpen)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（一）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>本年新<br />制作数量</td><td>本年新<br />公开数量</td><td>对外公开总数量</td></tr>\n")
	b.WriteString("<tr><td>规章</td>")
	cells(b, f.regulations[0], f.regulations[0], f.regulations[2])
	b.WriteString("</tr>\n<tr><td>规范性文件</td>")
	cells(b, f.regulations[3], f.regulations[3], f.regulations[5])
	b.WriteString("</tr>\n<tr><td colspan=\"4\">第二十条第（五）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政许可</td><td>%d</td><td>%+d</td><td>%d</td></tr>\n", 120, f.regulations[1]-5, f.licences)
	fmt.Fprintf(b, "<tr><td>其他对外管理服务事项</td><td>%d</td><td>%+d</td><td>%d</td></tr>\n", 35, 0, f.licences/10)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（六）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政处罚</td><td>%d</td><td>%+d</td><td>%d</td></tr>\n", 410, f.regulations[4]-3, f.penalties)
	fmt.Fprintf(b, "<tr><td>行政强制</td><td>%d</td><td>%+d</td><td>%d</td></tr>\n", 12, 0, f.coercions)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（八）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>上一年项目数量</td><td colspan=\"2\">本年增/减</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>行政事业性收费</td><td>%d</td><td colspan=\"2\">%+d</td></tr>\n", 8, -1)
	b.WriteString("<tr><td colspan=\"4\">第二十条第（九）项</td></tr>\n")
	b.WriteString("<tr><td>信息内容</td><td>采购项目数量</td><td colspan=\"2\">采购总金额</td></tr>\n")
	fmt.Fprintf(b, "<tr><td>政府集中采购</td><td>%d</td><td colspan=\"2\">%d元</td></tr>\n", f.coercions+3, f.licences*100)
	b.WriteString("</tbody></table>\n")
}

func tableB(b *strings.Builder, f figures, t template) {
	b.WriteString(tableOpen)
	b.WriteString("<tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\n")
	b.WriteString("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n")
	b.WriteString("<tr><td>商业<br />企业</td><td>科研<br />机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n")
	row := func(head string, vals [7]int) {
		b.WriteString("<tr>" + head)
		cells(b, vals[:]...)
		b.WriteString("</tr>\n")
	}
	row("<td colspan=\"3\">一、本年新收政府信息公开申请数量</td>", f.tableB[0])
	row("<td colspan=\"3\">二、上年结转政府信息公开申请数量</td>", f.tableB[1])
	for i, o := range t.outcomes {
		head := ""
		if i == 0 {
			head = fmt.Sprintf("<td rowspan=\"%d\">三、本年度办理结果</td>", len(t.outcomes)+1)
		}
		switch {
		case o.group != "":
			head += fmt.Sprintf("<td rowspan=\"%d\">%s</td><td>%s</td>", o.span, o.group, o.label)
		case strings.HasPrefix(o.label, "（"):
			head += fmt.Sprintf("<td colspan=\"2\">%s</td>", o.label)
		default:
			head += fmt.Sprintf("<td>%s</td>", o.label)
		}
		row(head, f.tableB[2+i])
	}
	last := len(f.tableB) - 1
	row("<td colspan=\"2\">（七）总计</td>", f.tableB[last-1])
	row("<td colspan=\"3\">四、结转下年度继续办理</td>", f.tableB[last])
	b.WriteString("</tbody></table>\n")
}

func tableC(b *strings.Builder, f figures) {
	b.WriteString(tableOpen)
	b.WriteString("<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n<tr>")
	results := []string{"结果<br />维持", "结果<br />纠正", "其他<br />结果", "尚未<br />审结", "总计"}
	for _, r := range results {
		fmt.Fprintf(b, "<td rowspan=\"2\">%s</td>", r)
	}
	b.WriteString("<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n<tr>")
	for range 2 {
		for _, r := range results {
			fmt.Fprintf(b, "<td>%s</td>", r)
		}
	}
	b.WriteString("</tr>\n<tr>")
	cells(b, f.tableC[:]...)
	b.WriteString("</tr>\n</tbody></table>\n")
}

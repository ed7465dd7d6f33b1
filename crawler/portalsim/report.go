package portalsim

import (
	"fmt"
	"strings"
)

// articleBody writes the body of an item page (the part a CMS puts inside
// its editor div): a report in the template of its year, or the text of a
// decoy. rev > 0 marks an edited revision with changed figures and a note.
func articleBody(host string, it *item, rev int) string {
	var b strings.Builder
	switch {
	case it.kind == KindNotice && strings.HasPrefix(it.title, "关于"):
		noticeBody(&b, it)
	case it.kind == KindNotice:
		readingBody(&b, it)
	case it.kind == KindSkipped && it.year == 0:
		guideBody(&b, it)
	case it.kind == KindSkipped:
		bulletinBody(&b, it)
	case it.docShell:
		p(&b, "%s%d年政府信息公开工作年度报告详见附件。", it.agency, it.year)
	default:
		reportBody(&b, host, it, rev)
	}
	if it.attach != nil {
		b.WriteString(attachmentAnchor(it.attach))
	}
	return b.String()
}

func p(b *strings.Builder, format string, args ...any) {
	b.WriteString(`<p style="text-indent: 2em;">`)
	fmt.Fprintf(b, format, args...)
	b.WriteString("</p>\n")
}

func reportBody(b *strings.Builder, host string, it *item, rev int) {
	y := it.year
	switch {
	case y < 2019:
		legacyReport(b, host, it, rev)
		return
	case y < 2021:
		modernReport(b, host, it, rev, t2019())
	default:
		modernReport(b, host, it, rev, t2021())
	}
}

func modernReport(b *strings.Builder, host string, it *item, rev int, t template) {
	f := newFigures(host, it.id, rev, len(t.outcomes))
	y := it.year
	last := len(f.tableB) - 1
	p(b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和%s要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据统计期限为%d年1月1日至12月31日。",
		t.notice, y)
	b.WriteString("<p><strong>一、总体情况</strong></p>\n")
	p(b, "%d年，%s坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，全面推进政务公开工作。", y, it.agency)
	p(b, "（一）主动公开。全年主动公开政府信息%d条。", 200+f.licences%900)
	p(b, "（二）依申请公开。全年共受理政府信息公开申请%d件，办理完毕%d件，结转下年度继续办理%d件。",
		f.tableB[0][6]+f.tableB[1][6], f.tableB[last-1][6], f.tableB[last][6])
	p(b, "（三）政府信息管理。严格落实公开前保密审查机制。")
	p(b, "（四）政府信息公开平台建设。持续优化政府网站政府信息公开专栏。")
	p(b, "（五）监督保障。将政务公开工作纳入绩效考核。")
	b.WriteString("<p><strong>二、主动公开政府信息情况</strong></p>\n")
	t.tableA(b, f)
	b.WriteString("<p><strong>三、收到和处理政府信息公开申请情况</strong></p>\n")
	tableB(b, f, t)
	b.WriteString("<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>\n")
	tableC(b, f)
	b.WriteString("<p><strong>五、存在的主要问题及改进情况</strong></p>\n")
	p(b, "（一）主要问题。部分栏目信息更新不够及时。（二）改进情况。建立栏目更新提醒机制。")
	b.WriteString("<p><strong>六、其他需要报告的事项</strong></p>\n")
	p(b, "本年度未收取信息处理费。")
	if rev > 0 {
		p(b, "（本报告于%d年4月%d日更正部分数据，此为第%d次更正。）", y+1, rev, rev)
	}
	p(b, "%s", it.agency)
	p(b, "%s", it.published.Format("2006年1月2日"))
}

func legacyReport(b *strings.Builder, host string, it *item, rev int) {
	f := newFigures(host, it.id, rev, len(t2019().outcomes))
	y := it.year
	p(b, "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布%d年度政府信息公开工作年度报告。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。", y, y, y)
	b.WriteString("<p><strong>一、概述</strong></p>\n")
	p(b, "%d年，%s认真贯彻《条例》，政府信息公开工作有序开展。", y, it.agency)
	b.WriteString("<p><strong>二、主动公开政府信息的情况</strong></p>\n")
	p(b, "全年主动公开政府信息%d条。", 200+f.licences%900)
	b.WriteString("<p><strong>三、依申请公开政府信息情况</strong></p>\n")
	p(b, "全年共受理政府信息公开申请%d件，均已按时答复。", f.tableB[0][6])
	b.WriteString("<p><strong>四、政府信息公开的收费及减免情况</strong></p>\n")
	p(b, "本年度未收取任何费用。")
	b.WriteString("<p><strong>五、因政府信息公开申请行政复议、提起行政诉讼的情况</strong></p>\n")
	p(b, "全年发生政府信息公开行政复议%d件，行政诉讼%d件。", f.tableC[4], f.tableC[9]+f.tableC[14])
	b.WriteString("<p><strong>六、存在的主要问题和改进措施</strong></p>\n")
	p(b, "公开内容不够全面，下一步将进一步规范公开流程。")
	b.WriteString("<p><strong>七、政府信息公开情况统计表</strong></p>\n")
	b.WriteString("<table border=\"1\" cellspacing=\"0\"><tbody>\n<tr><td>指标名称</td><td>计量单位</td><td>" + itoa(y) + "年度</td><td>历年累计</td></tr>\n")
	rows := []struct {
		name, unit string
		v          int
	}{
		{"一、主动公开情况", "", -1},
		{"（一）主动公开政府信息数", "条", 200 + f.licences%900},
		{"二、依申请公开情况", "", -1},
		{"（一）收到申请数", "件", f.tableB[0][6]},
		{"（二）申请答复数", "件", f.tableB[len(f.tableB)-2][6]},
		{"三、行政复议数量", "件", f.tableC[4]},
		{"四、行政诉讼数量", "件", f.tableC[9] + f.tableC[14]},
	}
	for _, r := range rows {
		if r.v < 0 {
			fmt.Fprintf(b, "<tr><td colspan=\"4\">%s</td></tr>\n", r.name)
			continue
		}
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%d</td></tr>\n", r.name, r.unit, r.v, r.v*7+13)
	}
	b.WriteString("</tbody></table>\n")
	if rev > 0 {
		p(b, "（本报告于%d年4月%d日更正，此为第%d次更正。）", y+1, rev, rev)
	}
}

func noticeBody(b *strings.Builder, it *item) {
	p(b, "各乡镇人民政府、街道办事处，%s政府各部门：", strings.TrimSuffix(it.agency, "人民政府办公室"))
	p(b, "根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现就做好%d年度政府信息公开工作年度报告编制和发布工作通知如下：", it.year)
	p(b, "一、各单位应于%d年1月31日前在本单位政府网站公布%d年度政府信息公开工作年度报告。", it.year+1, it.year)
	p(b, "二、年度报告应严格按照统一格式编制，确保数据准确、勾稽关系正确。")
	p(b, "%s", it.agency)
	p(b, "%s", it.published.Format("2006年1月2日"))
}

func readingBody(b *strings.Builder, it *item) {
	p(b, "一图读懂%s%d年政府信息公开工作年度报告。", it.agency, it.year)
	fmt.Fprintf(b, "<p style=\"text-align: center;\"><img src=\"tujie_%d.png\" alt=\"图解\" /></p>\n", it.id)
	p(b, "相关链接：%s%d年政府信息公开工作年度报告", it.agency, it.year)
}

func guideBody(b *strings.Builder, it *item) {
	p(b, "为便于公民、法人和其他组织获取%s的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。", it.agency)
	p(b, "一、主动公开。（一）公开范围。（二）公开方式。（三）公开时限。")
	p(b, "二、依申请公开。（一）受理机构。（二）申请的提出。（三）申请的处理。")
	p(b, "三、收费标准。依照《政府信息公开信息处理费管理办法》执行。")
}

func bulletinBody(b *strings.Builder, it *item) {
	p(b, "%d年，全区经济运行总体平稳。全年地区生产总值比上年增长5.2%%。", it.year)
	p(b, "一、农业。二、工业和建筑业。三、固定资产投资。四、国内贸易。")
}

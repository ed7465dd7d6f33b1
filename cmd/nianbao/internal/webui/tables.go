package webui

import (
	"strconv"

	"github.com/nianbao/nianbao/extract"
)

// tableView is one template table as the report page draws it.
type tableView struct {
	Title   string
	Status  string // table_status: ok, partial, empty, image, absent
	Present bool
	Head    [][]headCell
	Rows    []rowView
	Width   int  // columns, label column included
	NoLabel bool // rows have no label column (table 四)
}

// headCell is a header cell with its spans.
type headCell struct {
	Text             string
	Colspan, Rowspan int
}

// rowView is a row of a table: a group heading (Heading), a block's field
// header (Sub) or data cells.
type rowView struct {
	Heading, Sub bool
	Label        string
	Indent       int
	Cells        []cellView
}

// cellView is one value. Null is a blank cell in the original (shown
// blank, never as 0); Fail marks a cell a failing check involves.
type cellView struct {
	ID      string
	Text    string
	Null    bool
	Fail    bool
	Colspan int
}

// cellID names a cell across the page, the checks and the table diff:
// table/row/column.
func cellID(table, row, col string) string { return table + "/" + row + "/" + col }

// newCell builds a cellView for v at id.
func newCell(id string, v *float64, fail map[string]bool) cellView {
	return cellView{ID: id, Text: extract.FormatCell(v), Null: v == nil, Fail: fail[id], Colspan: 1}
}

// activeForm is the table 二 layout of rep (extract.ActiveTemplate
// chooses it).
func activeForm(rep *extract.Report) []extract.ActiveBlock {
	blocks, _ := extract.ActiveBlocks(extract.ActiveTemplate(rep))
	return blocks
}

// activeView draws table 二 block by block, with the template's captions
// and field headers. Cells of a row with fewer fields than the block's
// widest row are spread over the remaining columns, as the template does.
func activeView(rep *extract.Report, fail map[string]bool) tableView {
	tv := tableView{Title: extract.TableTitles()[0].Text, Status: rep.TableStatus.Active, Present: rep.Tables.Active != nil, Width: 4}
	if !tv.Present {
		return tv
	}
	rows := rep.Tables.Active.Rows
	for _, b := range activeForm(rep) {
		tv.Rows = append(tv.Rows, rowView{Heading: true, Label: b.Caption})
		sub := rowView{Sub: true, Label: "信息内容"}
		for i, f := range b.Fields {
			sub.Cells = append(sub.Cells, cellView{Text: f.Text, Colspan: spanOf(i, len(b.Fields))})
		}
		tv.Rows = append(tv.Rows, sub)
		for _, r := range b.Rows {
			row := rowView{Label: r.Text}
			for i, f := range b.Fields {
				c := newCell(cellID("active", r.Key, f.Key), extract.CellNumber(rows[r.Key][f.Key]), fail)
				if unit, ok := rows[r.Key]["amount_unit"].(string); ok && f.Key == "amount" && !c.Null {
					c.Text += " " + unit
				}
				c.Colspan = spanOf(i, len(b.Fields))
				row.Cells = append(row.Cells, c)
			}
			tv.Rows = append(tv.Rows, row)
		}
	}
	return tv
}

// spanOf gives the i-th of n cells its share of three value columns.
func spanOf(i, n int) int {
	if i == n-1 {
		return 3 - i
	}
	return 1
}

// requestsView draws table 三 with its 7 applicant columns; the rows the
// report does not carry, and headings left without rows, are skipped.
func requestsView(rep *extract.Report, fail map[string]bool) tableView {
	tv := tableView{Title: extract.TableTitles()[1].Text, Status: rep.TableStatus.Requests, Present: rep.Tables.Requests != nil, Width: 8}
	columns := extract.RequestColumnLabels()
	tv.Head = [][]headCell{
		{{Text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", Rowspan: 3, Colspan: 1}, {Text: "申请人情况", Colspan: 7, Rowspan: 1}},
		{{Text: columns[0], Rowspan: 2, Colspan: 1}, {Text: "法人或其他组织", Colspan: 5, Rowspan: 1}, {Text: columns[6], Rowspan: 2, Colspan: 1}},
	}
	var leaf []headCell
	for _, c := range columns[1:6] {
		leaf = append(leaf, headCell{Text: c, Colspan: 1, Rowspan: 1})
	}
	tv.Head = append(tv.Head, leaf)
	if !tv.Present {
		return tv
	}
	var heading *rowView
	for _, lr := range extract.RequestRows() {
		if lr.Key == "" {
			heading = &rowView{Heading: true, Label: lr.Text, Indent: lr.Indent}
			continue
		}
		vals, ok := rep.Tables.Requests.Rows[lr.Key]
		if !ok {
			continue
		}
		if heading != nil && heading.Indent < lr.Indent {
			tv.Rows = append(tv.Rows, *heading)
		}
		heading = nil
		row := rowView{Label: lr.Text, Indent: lr.Indent}
		for c := range columns {
			var v *float64
			if c < len(vals) {
				v = vals[c]
			}
			row.Cells = append(row.Cells, newCell(cellID("requests", lr.Key, strconv.Itoa(c)), v, fail))
		}
		tv.Rows = append(tv.Rows, row)
	}
	return tv
}

// reviewsView draws table 四: 行政复议 and the two 行政诉讼 groups, one row
// of 15 cells under a three-row header.
func reviewsView(rep *extract.Report, fail map[string]bool) tableView {
	tv := tableView{Title: extract.TableTitles()[2].Text, Status: rep.TableStatus.Reviews, Present: rep.Tables.Reviews != nil, Width: 15, NoLabel: true}
	top := []headCell{{Text: "行政复议", Colspan: 5, Rowspan: 1}, {Text: "行政诉讼", Colspan: 10, Rowspan: 1}}
	mid := []headCell{}
	fields := extract.ReviewFields()
	for _, n := range fields {
		mid = append(mid, headCell{Text: n.Text, Rowspan: 2, Colspan: 1})
	}
	mid = append(mid, headCell{Text: "未经复议直接起诉", Colspan: 5, Rowspan: 1}, headCell{Text: "复议后起诉", Colspan: 5, Rowspan: 1})
	var leaf []headCell
	for range 2 {
		for _, n := range fields {
			leaf = append(leaf, headCell{Text: n.Text, Colspan: 1, Rowspan: 1})
		}
	}
	tv.Head = [][]headCell{top, mid, leaf}
	if !tv.Present {
		return tv
	}
	row := rowView{}
	groups := extract.ReviewGroups()
	for gi, g := range rep.Tables.Reviews.Groups() {
		for fi, v := range g.Values() {
			row.Cells = append(row.Cells, newCell(cellID("reviews", groups[gi].Key, fields[fi].Key), v, fail))
		}
	}
	tv.Rows = []rowView{row}
	return tv
}

package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/extract"
)

// The XLSX workbook: the sheet of reports (the wide columns), then one sheet
// per template table. A table sheet starts with the report's id, agency,
// year, template and status, then one column per cell of the table, headed
// by two rows: the template's row label (merged over its cells) and its
// column label — the table as the template prints it, laid on one line per
// report. Table 二 differs between the templates, so it has a sheet for each;
// table 三 lists both templates' （六） rows. Cells a report holds outside its
// template's layout are listed, as key=value text, in the last column.

// Sheet names.
const (
	SheetReports  = "报告"
	sheetActive19 = "表二 主动公开（2019模板）"
	sheetActive21 = "表二 主动公开（2021模板）"
	sheetRequests = "表三 依申请公开"
	sheetReviews  = "表四 复议诉讼"
)

// SheetNames lists the workbook's sheets in order.
func SheetNames() []string {
	return []string{SheetReports, sheetActive19, sheetActive21, sheetRequests, sheetReviews}
}

// sheetLeading are the columns every table sheet starts with.
var sheetLeading = []string{"report_id", "agency", "year", "template", "status"}

// sheetCell is one column of a table sheet.
type sheetCell struct {
	table, row, col    string
	rowLabel, colLabel string
}

// tableSheet is one sheet being streamed.
type tableSheet struct {
	name   string
	cells  []sheetCell
	index  map[[3]string]int // (table, row, col) → position in cells
	sw     *excelize.StreamWriter
	nextRw int
}

func newTableSheet(name string, cells []sheetCell) *tableSheet {
	ts := &tableSheet{name: name, cells: cells, index: map[[3]string]int{}}
	for i, c := range cells {
		ts.index[[3]string{c.table, c.row, c.col}] = i
	}
	return ts
}

// activeSheetCells lays out table 二 of one template.
func activeSheetCells(template string) []sheetCell {
	var out []sheetCell
	blocks, _ := extract.ActiveBlocks(template)
	for _, b := range blocks {
		for _, r := range b.Rows {
			for _, f := range b.Fields {
				out = append(out, sheetCell{extract.TableActive, r.Key, f.Key, r.Text, f.Text})
			}
		}
	}
	return out
}

func requestSheetCells() []sheetCell {
	var out []sheetCell
	cols := extract.RequestColumns()
	for _, r := range extract.RequestRows() {
		if r.Key == "" {
			continue
		}
		for _, c := range cols {
			out = append(out, sheetCell{extract.TableRequests, r.Key, c.Key, r.Text, c.Text})
		}
	}
	return out
}

func reviewSheetCells() []sheetCell {
	var out []sheetCell
	for _, g := range extract.ReviewGroups() {
		for _, f := range extract.ReviewFields() {
			out = append(out, sheetCell{extract.TableReviews, g.Key, f.Key, g.Text, f.Text})
		}
	}
	return out
}

type xlsxWriter struct {
	w       io.Writer
	f       *excelize.File
	reports *excelize.StreamWriter
	nextRow int
	tables  []*tableSheet // active T2019, active T2021, requests, reviews
}

// NewXLSX starts a workbook written to w on Close.
func NewXLSX(w io.Writer) (Writer, error) {
	f := excelize.NewFile()
	x := &xlsxWriter{w: w, f: f, nextRow: 2, tables: []*tableSheet{
		newTableSheet(sheetActive19, activeSheetCells(extract.TemplateT2019)),
		newTableSheet(sheetActive21, activeSheetCells(extract.TemplateT2021)),
		newTableSheet(sheetRequests, requestSheetCells()),
		newTableSheet(sheetReviews, reviewSheetCells()),
	}}
	if err := f.SetSheetName("Sheet1", SheetReports); err != nil {
		return nil, x.fail(err)
	}
	var err error
	if x.reports, err = f.NewStreamWriter(SheetReports); err != nil {
		return nil, x.fail(err)
	}
	head := make([]any, len(wideColumns))
	for i, c := range wideColumns {
		head[i] = c.name
	}
	if err := x.reports.SetRow("A1", head); err != nil {
		return nil, x.fail(err)
	}
	for _, ts := range x.tables {
		if _, err := f.NewSheet(ts.name); err != nil {
			return nil, x.fail(err)
		}
		if ts.sw, err = f.NewStreamWriter(ts.name); err != nil {
			return nil, x.fail(err)
		}
		if err := ts.header(); err != nil {
			return nil, x.fail(err)
		}
	}
	return x, nil
}

func (x *xlsxWriter) fail(err error) error {
	x.f.Close()
	return fmt.Errorf("export: xlsx: %w", err)
}

// header writes the sheet's two header rows and merges each row label over
// its cells.
func (ts *tableSheet) header() error {
	lead := len(sheetLeading)
	top := make([]any, lead+len(ts.cells)+1)
	sub := make([]any, len(top))
	for i, name := range sheetLeading {
		top[i] = name
	}
	for i, c := range ts.cells {
		top[lead+i], sub[lead+i] = c.rowLabel, c.colLabel
	}
	top[len(top)-1] = "模板外单元格"
	if err := ts.sw.SetRow("A1", top); err != nil {
		return err
	}
	if err := ts.sw.SetRow("A2", sub); err != nil {
		return err
	}
	for start := 0; start < len(ts.cells); {
		end := start
		for end+1 < len(ts.cells) && ts.cells[end+1].row == ts.cells[start].row {
			end++
		}
		if end > start {
			from, _ := excelize.CoordinatesToCellName(lead+start+1, 1)
			to, _ := excelize.CoordinatesToCellName(lead+end+1, 1)
			if err := ts.sw.MergeCell(from, to); err != nil {
				return err
			}
		}
		start = end + 1
	}
	ts.nextRw = 3
	return nil
}

func (x *xlsxWriter) Write(e Entry) error {
	row := make([]any, len(wideColumns))
	for i, v := range wideRow(e) {
		row[i] = v
		if f, err := strconv.ParseFloat(v, 64); err == nil && wideColumns[i].numeric {
			row[i] = f // a number, so that Excel sums it
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, x.nextRow)
	if err := x.reports.SetRow(cell, row); err != nil {
		return fmt.Errorf("export: xlsx: %w", err)
	}
	x.nextRow++
	var sheets []*tableSheet
	r := e.Report
	if r.Tables.Active != nil {
		if extract.ActiveTemplate(r) == extract.TemplateT2021 {
			sheets = append(sheets, x.tables[1])
		} else {
			sheets = append(sheets, x.tables[0])
		}
	}
	if r.Tables.Requests != nil {
		sheets = append(sheets, x.tables[2])
	}
	if r.Tables.Reviews != nil {
		sheets = append(sheets, x.tables[3])
	}
	cells := extract.TableCells(r)
	for _, ts := range sheets {
		if err := ts.write(e, cells); err != nil {
			return fmt.Errorf("export: xlsx: sheet %s: %w", ts.name, err)
		}
	}
	return nil
}

// write puts the report's cells of this sheet's table on its next row.
func (ts *tableSheet) write(e Entry, cells []extract.TableCell) error {
	lead := len(sheetLeading)
	row := make([]any, lead+len(ts.cells)+1)
	r := e.Report
	row[0], row[1], row[3], row[4] = r.ID, r.Agency, r.Template, e.Status
	if r.Year != 0 {
		row[2] = r.Year
	}
	table := ts.cells[0].table
	var outside []string
	for _, c := range cells {
		if c.Table != table {
			continue
		}
		i, ok := ts.index[[3]string{c.Table, c.Row, c.Column}]
		switch {
		case !ok && c.Value != nil:
			outside = append(outside, c.Row+"."+c.Column+"="+extract.FormatCell(c.Value))
		case ok && c.Value != nil:
			row[lead+i] = *c.Value
		}
	}
	if len(outside) > 0 {
		row[len(row)-1] = strings.Join(outside, "; ")
	}
	cell, _ := excelize.CoordinatesToCellName(1, ts.nextRw)
	ts.nextRw++
	return ts.sw.SetRow(cell, row)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.reports.Flush(); err != nil {
		return fmt.Errorf("export: xlsx: %w", err)
	}
	for _, ts := range x.tables {
		if err := ts.sw.Flush(); err != nil {
			return fmt.Errorf("export: xlsx: sheet %s: %w", ts.name, err)
		}
	}
	if err := x.f.Write(x.w); err != nil {
		return fmt.Errorf("export: xlsx: %w", err)
	}
	return nil
}

package xlsx

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Limits of one workbook.
const (
	MaxRows   = 2000
	MaxCols   = 64
	MaxSheets = 32
	MaxUnzip  = 64 << 20
)

// Read reads a workbook body.
func Read(body []byte) (*docfile.Document, error) {
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{UnzipSizeLimit: MaxUnzip, UnzipXMLSizeLimit: MaxUnzip / 4})
	if err != nil {
		return nil, fmt.Errorf("xlsx: open workbook: %w", err)
	}
	defer f.Close()
	d := &docfile.Document{}
	sheets := f.GetSheetList()
	if len(sheets) > MaxSheets {
		d.Warnings = append(d.Warnings, fmt.Sprintf("XLSX has %d sheets: only the first %d read", len(sheets), MaxSheets))
		sheets = sheets[:MaxSheets]
	}
	nextID := 0
	for _, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			d.Warnings = append(d.Warnings, fmt.Sprintf("XLSX sheet %q not read: %v", sheet, err))
			continue
		}
		merges, err := f.GetMergeCells(sheet)
		if err != nil {
			d.Warnings = append(d.Warnings, fmt.Sprintf("XLSX sheet %q: merged cells not read: %v", sheet, err))
		}
		d.Pages++
		d.Blocks = append(d.Blocks, sheetBlocks(rows, merges, &nextID)...)
	}
	return d, nil
}

// sheetBlocks expands a sheet's merged ranges and splits off its title
// rows.
func sheetBlocks(rows [][]string, merges []excelize.MergeCell, nextID *int) []docfile.Block {
	if len(rows) > MaxRows {
		rows = rows[:MaxRows]
	}
	width := 0
	for _, r := range rows {
		width = max(width, min(len(r), MaxCols))
	}
	grid := make([][]docfile.Cell, len(rows))
	for r := range rows {
		grid[r] = make([]docfile.Cell, width)
		for c := range width {
			if c < len(rows[r]) {
				grid[r][c].Text = strings.TrimSpace(rows[r][c])
			}
		}
	}
	for _, m := range merges {
		c0, r0, err0 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err0 != nil || err1 != nil || r0 > len(grid) || c0 > width {
			continue
		}
		*nextID++
		cell := docfile.Cell{Text: strings.TrimSpace(m.GetCellValue()), ID: *nextID}
		for r := r0 - 1; r < min(r1, len(grid)); r++ {
			for c := c0 - 1; c < min(c1, width); c++ {
				grid[r][c] = cell
			}
		}
	}
	for r := range grid {
		for c := range grid[r] {
			if grid[r][c].ID == 0 {
				*nextID++
				grid[r][c].ID = *nextID
			}
		}
	}
	var out []docfile.Block
	// Drop empty rows; rows of one distinct value before the table are text.
	start := 0
	for start < len(grid) {
		texts := distinctTexts(grid[start])
		if len(texts) > 1 {
			break
		}
		if len(texts) == 1 {
			out = append(out, docfile.Block{Text: texts[0]})
		}
		start++
	}
	t := &docfile.Table{}
	for _, row := range grid[start:] {
		if len(distinctTexts(row)) > 0 {
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) > 0 {
		out = append(out, docfile.Block{Table: t})
	}
	return out
}

// distinctTexts are a row's non-empty texts, a spanned cell once.
func distinctTexts(row []docfile.Cell) []string {
	var out []string
	for i, c := range row {
		if c.Text != "" && (i == 0 || row[i-1].ID != c.ID) {
			out = append(out, c.Text)
		}
	}
	return out
}

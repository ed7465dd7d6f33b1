// Package xlsx reads spreadsheets (.xlsx, and .et files that are OOXML
// inside) into text blocks and tables (docfile.Document) with
// github.com/xuri/excelize/v2.
//
// Each sheet is one table: its rows as excelize formats them (the values a
// reader sees), merged ranges expanded so that their positions share an id
// and the value of the range's first cell, as rowspan and colspan do in
// HTML grids. Rows before the first row with two distinct cells (a title
// merged across the sheet) are text blocks instead, so that the title is
// read as a title.
//
// Caveats: formulas are read as their cached values; hidden rows and sheets
// are read like the others; a sheet is capped at MaxRows × MaxCols and the
// unzipped size at MaxUnzip.
package xlsx

package export

import (
	"encoding/csv"
	"encoding/json"
	"io"

	"github.com/nianbao/nianbao/extract"
)

// LongColumns are the columns of the long exports, one row per table cell.
var LongColumns = []string{"report_id", "agency", "region", "year", "template", "status",
	"table", "row_key", "row_label", "column_key", "column_label", "value", "unit", "quote"}

// TableFacts is the table name the long exports give a report's facts
// (numbers stated in prose or in pre-2019 statistics tables): row_key and
// row_label are the fact's key, column_key "value", column_label 数值, and
// quote the sentence or table row it was read from.
const TableFacts = "facts"

// longRow is one row of the long exports.
type longRow struct {
	ReportID    string   `json:"report_id"`
	Agency      string   `json:"agency"`
	Region      string   `json:"region"`
	Year        *int     `json:"year"` // null when unknown
	Template    string   `json:"template"`
	Status      string   `json:"status"`
	Table       string   `json:"table"`
	RowKey      string   `json:"row_key"`
	RowLabel    string   `json:"row_label"`
	ColumnKey   string   `json:"column_key"`
	ColumnLabel string   `json:"column_label"`
	Value       *float64 `json:"value"`
	Unit        string   `json:"unit"`
	Quote       string   `json:"quote"`
}

// longRows lists e's table cells (blank ones with a nil Value), then its
// facts.
func longRows(e Entry) []longRow {
	r := e.Report
	base := longRow{ReportID: r.ID, Agency: r.Agency, Region: r.Region, Template: r.Template, Status: e.Status}
	if r.Year != 0 {
		base.Year = &r.Year
	}
	var out []longRow
	for _, c := range extract.TableCells(r) {
		row := base
		row.Table, row.RowKey, row.RowLabel, row.ColumnKey, row.ColumnLabel = c.Table, c.Row, c.RowLabel, c.Column, c.ColumnLabel
		row.Value, row.Unit = c.Value, c.Unit
		out = append(out, row)
	}
	for _, f := range r.Facts {
		row := base
		v := f.Value
		row.Table, row.RowKey, row.RowLabel, row.ColumnKey, row.ColumnLabel = TableFacts, f.Key, f.Key, "value", "数值"
		row.Value, row.Unit, row.Quote = &v, f.Unit, f.Quote
		out = append(out, row)
	}
	return out
}

func (l longRow) fields() []string {
	return []string{l.ReportID, l.Agency, l.Region, yearText(yearOf(l.Year)), l.Template, l.Status,
		l.Table, l.RowKey, l.RowLabel, l.ColumnKey, l.ColumnLabel, extract.FormatCell(l.Value), l.Unit, l.Quote}
}

type longCSV struct{ cw *csv.Writer }

// NewLongCSV starts a CSV with one row per table cell (LongColumns); it
// writes the byte-order mark (unless opts.NoBOM) and the header at once.
func NewLongCSV(w io.Writer, opts Options) (Writer, error) {
	if err := writeBOM(w, opts); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(LongColumns); err != nil {
		return nil, err
	}
	return &longCSV{cw: cw}, nil
}

func (x *longCSV) Write(e Entry) error {
	for _, row := range longRows(e) {
		if err := x.cw.Write(row.fields()); err != nil {
			return err
		}
	}
	return nil
}

func (x *longCSV) Close() error {
	x.cw.Flush()
	return x.cw.Error()
}

type longJSONL struct{ enc *json.Encoder }

// NewLongJSONL starts JSON Lines with one object per table cell, keyed by
// LongColumns (year a number, value a number or null).
func NewLongJSONL(w io.Writer) Writer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &longJSONL{enc: enc}
}

func (x *longJSONL) Write(e Entry) error {
	for _, row := range longRows(e) {
		if err := x.enc.Encode(row); err != nil {
			return err
		}
	}
	return nil
}

func (x *longJSONL) Close() error { return nil }

// reportLine is a report as the JSON Lines export writes it: the object of
// report-schema.md with the archive's status beside its fields.
type reportLine struct {
	*extract.Report
	Status      string `json:"status"`
	StatusSince string `json:"status_since,omitempty"`
}

type reportsJSONL struct{ enc *json.Encoder }

// NewReportsJSONL starts JSON Lines with one report object per line
// (report-schema.md) plus "status" and, unless live, "status_since".
func NewReportsJSONL(w io.Writer) Writer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &reportsJSONL{enc: enc}
}

func (x *reportsJSONL) Write(e Entry) error {
	return x.enc.Encode(reportLine{Report: e.Report, Status: e.Status, StatusSince: timeText(e.StatusSince)})
}

func (x *reportsJSONL) Close() error { return nil }

func yearOf(y *int) int {
	if y == nil {
		return 0
	}
	return *y
}

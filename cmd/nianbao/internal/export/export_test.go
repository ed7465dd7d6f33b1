package export

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/extract"
)

// fixtureEntries are two reports: a T2021 report that is live, and a
// pre-2019 one that was withdrawn.
func fixtureEntries(t *testing.T) []Entry {
	t.Helper()
	data, err := os.ReadFile("testdata/reports.json")
	if err != nil {
		t.Fatal(err)
	}
	var reps []*extract.Report
	if err := json.Unmarshal(data, &reps); err != nil {
		t.Fatal(err)
	}
	return []Entry{
		{Report: reps[0], Status: "live"},
		{Report: reps[1], Status: "gone", StatusSince: time.Date(2024, 5, 2, 3, 4, 5, 0, time.UTC)},
	}
}

func writeAll(t *testing.T, w Writer, err error, es []Entry) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestTextExports(t *testing.T) {
	es := fixtureEntries(t)
	tests := []struct {
		golden string
		open   func(*bytes.Buffer) (Writer, error)
	}{
		{"wide.golden.csv", func(b *bytes.Buffer) (Writer, error) { return NewWideCSV(b, Options{}) }},
		{"wide-nobom.golden.csv", func(b *bytes.Buffer) (Writer, error) { return NewWideCSV(b, Options{NoBOM: true}) }},
		{"long.golden.csv", func(b *bytes.Buffer) (Writer, error) { return NewLongCSV(b, Options{}) }},
		{"long.golden.jsonl", func(b *bytes.Buffer) (Writer, error) { return NewLongJSONL(b), nil }},
		{"reports.golden.jsonl", func(b *bytes.Buffer) (Writer, error) { return NewReportsJSONL(b), nil }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			w, err := tt.open(&b)
			writeAll(t, w, err, es)
			assert.Check(t, golden.String(b.String(), tt.golden))
		})
	}
}

// What a user of the files relies on, beyond the golden bytes.
func TestCSVForExcelAndPandas(t *testing.T) {
	es := fixtureEntries(t)
	var wide, plain, long bytes.Buffer
	w, err := NewWideCSV(&wide, Options{})
	writeAll(t, w, err, es)
	w, err = NewWideCSV(&plain, Options{NoBOM: true})
	writeAll(t, w, err, es)
	w, err = NewLongCSV(&long, Options{})
	writeAll(t, w, err, es)
	if !bytes.HasPrefix(wide.Bytes(), []byte("\xEF\xBB\xBFreport_id,agency,")) {
		t.Errorf("wide CSV starts %q, want the UTF-8 BOM then report_id", wide.Bytes()[:20])
	}
	if !bytes.HasPrefix(plain.Bytes(), []byte("report_id,")) {
		t.Errorf("wide CSV with NoBOM starts %q, want report_id", plain.Bytes()[:20])
	}
	if strings.Contains(wide.String(), "requests_total_total") || !strings.Contains(wide.String(), "applications_handled") {
		t.Errorf("wide CSV header %q: want named columns such as applications_handled", strings.SplitN(wide.String(), "\n", 2)[0])
	}
	lines := strings.Split(strings.TrimSpace(long.String()), "\n")
	// T2021: table 二 2 rows (3 + 1 fields), table 三 6 rows × 7, table 四 15; the pre-2019 report: one fact.
	if want := 1 + (3 + 1) + 6*7 + 15 + 1; len(lines) != want {
		t.Errorf("long CSV has %d lines, want %d (header, one per cell, one per fact)", len(lines), want)
	}
	for _, want := range []string{
		"3f2a000000000001,掇刀区人民政府,湖北省荆门市掇刀区,2021,T2021,live,requests,new,一、本年新收政府信息公开申请数量,legal_service,法律服务机构,,,",
		"3f2a000000000001,掇刀区人民政府,湖北省荆门市掇刀区,2021,T2021,live,reviews,review,行政复议,total,总计,1,,",
		"3f2a000000000002,掇刀区人民政府,湖北省荆门市掇刀区,2016,pre2019,gone,facts,主动公开政府信息数,主动公开政府信息数,value,数值,2294,条,全年主动公开政府信息2294条",
	} {
		if !strings.Contains(long.String(), want+"\n") {
			t.Errorf("long CSV lacks the line\n%s", want)
		}
	}
}

func TestXLSX(t *testing.T) {
	es := fixtureEntries(t)
	var b bytes.Buffer
	w, err := NewXLSX(&b)
	writeAll(t, w, err, es)
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(SheetNames(), "|") {
		t.Errorf("sheets %q, want %q", got, SheetNames())
	}
	tests := []struct {
		sheet, cell, want string
	}{
		{SheetReports, "A1", "report_id"},
		{SheetReports, "A2", "3f2a000000000001"},
		{SheetReports, "I3", "gone"},
		{SheetReports, "J3", "2024-05-02T03:04:05Z"},
		{sheetRequests, "F1", "一、本年新收政府信息公开申请数量"},
		{sheetRequests, "F2", "自然人"},
		{sheetRequests, "F3", "10"},
		{sheetRequests, "J3", ""}, // blank 法律服务机构 stays blank
		{sheetRequests, "L1", "一、本年新收政府信息公开申请数量"},
		{sheetRequests, "M1", "二、上年结转政府信息公开申请数量"},
		{sheetRequests, "A4", ""}, // the pre-2019 report has no table 三
		{sheetReviews, "F1", "行政复议"},
		{sheetReviews, "J2", "总计"},
		{sheetReviews, "J3", "1"},
		{sheetActive21, "F1", "规章"},
		{sheetActive21, "H2", "现行有效件数"},
		{sheetActive21, "H3", "2"},
		{sheetActive19, "A3", ""},
	}
	for _, tt := range tests {
		got, err := f.GetCellValue(tt.sheet, tt.cell)
		if err != nil || got != tt.want {
			t.Errorf("%s!%s = %q, %v; want %q", tt.sheet, tt.cell, got, err, tt.want)
		}
	}
	merged, err := f.GetMergeCells(sheetRequests)
	if err != nil || len(merged) == 0 || merged[0].GetStartAxis() != "F1" || merged[0].GetEndAxis() != "L1" {
		t.Errorf("table 三's first row label merged over %v (%v), want F1:L1", merged, err)
	}
	// A number cell carries no type attribute (CellTypeUnset); a text one would.
	typ, err := f.GetCellType(SheetReports, "R2")
	if v, _ := f.GetCellValue(SheetReports, "R2"); err != nil || v != "11" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("applications_received = %q of type %v, %v; want the number 11", v, typ, err)
	}
	if typ, _ := f.GetCellType(SheetReports, "A2"); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
		t.Errorf("report_id cell type = %v; want text", typ)
	}
}

package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook written with excelize: the title row merged across the sheet
// is text, the merged header and the numbers a table whose spanned
// positions share an id.
func TestRead(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	for cell, v := range map[string]any{
		"A1": "四、政府信息公开行政复议、行政诉讼情况",
		"A2": "行政复议", "C2": "行政诉讼",
		"A3": "结果维持", "B3": "总计", "C3": "结果维持", "D3": "总计",
		"A4": 3, "B4": 3, "C4": 1, "D4": 1,
	} {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A1", "D1"}, {"A2", "B2"}, {"C2", "D2"}} {
		if err := f.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages != 1 || len(d.Blocks) != 2 || d.Blocks[0].Text != "四、政府信息公开行政复议、行政诉讼情况" || d.Blocks[1].Table == nil {
		t.Fatalf("blocks %+v", d.Blocks)
	}
	rows := d.Blocks[1].Table.Rows
	var got []string
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	if want := "行政复议|行政复议|行政诉讼|行政诉讼\n结果维持|总计|结果维持|总计\n3|3|1|1"; strings.Join(got, "\n") != want {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if rows[0][0].ID != rows[0][1].ID || rows[0][1].ID == rows[0][2].ID || rows[1][0].ID == rows[2][0].ID {
		t.Errorf("span ids %+v", rows)
	}
	if _, err := Read([]byte("PK\x03\x04 not a workbook")); err == nil {
		t.Error("Read of a broken zip: no error")
	}
}

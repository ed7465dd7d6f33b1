package extract

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestTableCells(t *testing.T) {
	const doc = `{"template": "T2019", "tables": {
	  "active": {"rows": {"procurement": {"items": 3, "amount": 12.5, "amount_unit": "万元"}, "regulations": {"new_made": 1, "new_published": null, "total_published": 7}, "odd_row": {"x": 2}}},
	  "requests": {"columns": ["natural_person","commercial","research","social_welfare","legal_service","other","total"],
	    "rows": {"new": [1, null, 0, 0, 0, 0, 1], "other": [0,0,0,0,0,0,0]}},
	  "reviews": null}}`
	var rep Report
	if err := json.Unmarshal([]byte(doc), &rep); err != nil {
		t.Fatal(err)
	}
	cells := TableCells(&rep)
	show := func(c TableCell) string {
		v := "null"
		if c.Value != nil {
			v = fmt.Sprint(*c.Value)
		}
		return fmt.Sprintf("%s.%s.%s %s/%s = %s%s", c.Table, c.Row, c.Column, c.RowLabel, c.ColumnLabel, v, c.Unit)
	}
	want := []string{
		"active.regulations.new_made 规章/本年新制作数量 = 1",
		"active.regulations.new_published 规章/本年新公开数量 = null",
		"active.regulations.total_published 规章/对外公开总数量 = 7",
		"active.procurement.items 政府集中采购/采购项目数量 = 3",
		"active.procurement.amount 政府集中采购/采购总金额 = 12.5万元",
		"active.odd_row.x odd_row/x = 2",
		"requests.new.natural_person 一、本年新收政府信息公开申请数量/自然人 = 1",
		"requests.new.commercial 一、本年新收政府信息公开申请数量/商业企业 = null",
	}
	if len(cells) != 6+14 {
		t.Errorf("%d cells, want 6 of table 二 and 14 of table 三 (no table 四)", len(cells))
	}
	for i, w := range want {
		if i >= len(cells) {
			break
		}
		idx := i
		if i >= 6 {
			idx = i // table 三 starts right after table 二's six
		}
		if got := show(cells[idx]); got != w {
			t.Errorf("cell %d = %s, want %s", idx, got, w)
		}
	}
	last := cells[len(cells)-1]
	if got := show(last); got != "requests.other.total （六）其他处理/总计 = 0" {
		t.Errorf("last cell = %s, want table 三's （六） total", got)
	}
}

func TestTableCellsOfReviews(t *testing.T) {
	one := 1.0
	rep := Report{Template: TemplateT2021, Tables: Tables{Reviews: &Reviews{LitigationAfterReview: ReviewCells{Total: &one}}}}
	cells := TableCells(&rep)
	if len(cells) != 15 {
		t.Fatalf("%d cells, want 15", len(cells))
	}
	c := cells[14]
	if c.Row != "litigation_after_review" || c.Column != "total" || c.RowLabel != "行政诉讼 复议后起诉" || c.ColumnLabel != "总计" || c.Value == nil || *c.Value != 1 {
		t.Errorf("last cell = %+v, want 行政诉讼 复议后起诉/总计 = 1", c)
	}
}

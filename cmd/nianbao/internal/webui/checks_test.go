package webui

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

func f(v float64) *float64 { return &v }

func TestCheckCells(t *testing.T) {
	// cells writes Check.Cells paths: table.row.column for each row (or
	// table.rest for each rest when column is empty).
	cells := func(table, column string, rows ...string) []string {
		var out []string
		for _, r := range rows {
			if column == "" {
				out = append(out, table+"."+r)
				continue
			}
			out = append(out, table+"."+r+"."+column)
		}
		return out
	}
	rowCells := func(row string) []string {
		var out []string
		for _, col := range []string{"natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"} {
			out = append(out, "requests."+row+"."+col)
		}
		return out
	}
	tests := []struct {
		check extract.Check
		want  []string
	}{
		{extract.Check{Rule: "B1", Where: "column 商业企业", Cells: cells("requests", "commercial", "new", "carried_in", "total", "carried_out")},
			[]string{"requests/new/1", "requests/carried_in/1", "requests/total/1", "requests/carried_out/1"}},
		{extract.Check{Rule: "B2", Where: "row （四）1", Cells: rowCells("unavailable_not_held")}, []string{"requests/unavailable_not_held/0", "requests/unavailable_not_held/1", "requests/unavailable_not_held/2", "requests/unavailable_not_held/3", "requests/unavailable_not_held/4", "requests/unavailable_not_held/5", "requests/unavailable_not_held/6"}},
		{extract.Check{Rule: "C1", Where: "行政诉讼 复议后起诉", Cells: cells("reviews", "", "litigation_after_review.upheld", "litigation_after_review.corrected", "litigation_after_review.other", "litigation_after_review.pending", "litigation_after_review.total")},
			[]string{"reviews/litigation_after_review/upheld", "reviews/litigation_after_review/corrected", "reviews/litigation_after_review/other", "reviews/litigation_after_review/pending", "reviews/litigation_after_review/total"}},
		{extract.Check{Rule: "N1", Detail: "not a non-negative integer: 一、本年新收/自然人=-1, 行政复议/total=0.5", Cells: []string{"requests.new.natural_person", "reviews.review.total"}},
			[]string{"requests/new/0", "reviews/review/total"}},
		{extract.Check{Rule: "T1", Where: "行政诉讼 总计", Cells: []string{"reviews.litigation_direct.total", "reviews.litigation_after_review.total"}},
			[]string{"reviews/litigation_direct/total", "reviews/litigation_after_review/total"}},
		{extract.Check{Rule: "B1", Where: "table 三"}, nil},
		{extract.Check{Rule: "X1", Where: "二、上年结转 2021 vs 四、结转下年度 2020", Cells: rowCells("carried_in")}, []string{"requests/carried_in/0", "requests/carried_in/1", "requests/carried_in/2", "requests/carried_in/3", "requests/carried_in/4", "requests/carried_in/5", "requests/carried_in/6"}},
	}
	for _, tt := range tests {
		t.Run(tt.check.Rule+" "+tt.check.Where, func(t *testing.T) {
			if got := checkCells(tt.check); !slices.Equal(got, tt.want) {
				t.Errorf("checkCells = %v, want %v", got, tt.want)
			}
		})
	}
	b3 := checkCells(extract.Check{Rule: "B3", Where: "column 其他", Cells: cells("requests", "other", "total", "granted", "other")})
	if !slices.Contains(b3, "requests/total/5") || !slices.Contains(b3, "requests/other/5") || slices.Contains(b3, "requests/new/5") || slices.Contains(b3, "requests/carried_out/5") {
		t.Errorf("B3 cells = %v, want （一）…（七） of column 5 only", b3)
	}
}

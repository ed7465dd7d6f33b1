package webui

import (
	"slices"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

func TestCellDiff(t *testing.T) {
	withReviews := func(total *float64) *extract.Report {
		return &extract.Report{Tables: extract.Tables{Reviews: &extract.Reviews{Review: extract.ReviewCells{Total: total}}}, TableStatus: extract.TableStatus{Reviews: "partial"}}
	}
	tests := []struct {
		name     string
		old, cur *extract.Report
		want     []string // "id old→new" with 空 for blank and 无 for no table
	}{
		{"number changed", withReviews(f(1)), withReviews(f(2)), []string{"reviews/review/total 1→2"}},
		{"number became blank", withReviews(f(1)), withReviews(nil), []string{"reviews/review/total 1→空"}},
		{"nothing changed", withReviews(f(1)), withReviews(f(1)), nil},
		{"table disappeared", withReviews(f(3)), &extract.Report{}, nil},
	}
	show := func(v cellValue) string {
		switch {
		case v.Absent:
			return "无"
		case v.Null:
			return "空"
		}
		return v.Text
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells, tables := cellDiff(tt.old, tt.cur)
			if tt.name == "table disappeared" { // every cell of it is listed, blanks too
				if len(cells) != 15 || show(cells[4].Old) != "3" || show(cells[4].New) != "无" || len(tables) != 1 {
					t.Errorf("vanished table: %d cells (%v), %v tables; want 15 cells, total 3→无, a status change", len(cells), cells, tables)
				}
				return
			}
			var got []string
			for _, c := range cells {
				got = append(got, c.ID+" "+show(c.Old)+"→"+show(c.New))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cellDiff = %v, want %v", got, tt.want)
			}
		})
	}
}

package extract

import (
	"encoding/json"
	"testing"
)

func f64(v float64) *float64 { return &v }

func TestDiffCells(t *testing.T) {
	base := Tables{
		Active:   &Active{Rows: map[string]map[string]any{"licensing": {"decisions": f64(12)}, "fees": {"amount_wan_yuan": nil}}},
		Requests: &Requests{Rows: map[string][]*float64{"new": {f64(1), nil, nil, nil, nil, nil, f64(1)}}},
		Reviews:  &Reviews{Review: ReviewCells{Total: f64(0)}},
	}
	edited := Tables{
		Active:   &Active{Rows: map[string]map[string]any{"licensing": {"decisions": f64(13)}, "fees": {"amount_wan_yuan": nil}}},
		Requests: &Requests{Rows: map[string][]*float64{"new": {f64(1), nil, nil, nil, nil, nil, f64(1)}}},
	}
	// A JSON round trip (how cached extractions come back) changes no cell.
	data, _ := json.Marshal(base)
	var round Tables
	if err := json.Unmarshal(data, &round); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		old, cur Tables
		want     []string // path old→new
	}{
		{"identical tables change nothing", base, base, nil},
		{"a JSON round trip changes nothing", base, round, nil},
		{"a changed number and a lost table", base, edited, []string{
			"active.licensing.decisions 12→13",
			"reviews.review.upheld _→-", "reviews.review.corrected _→-", "reviews.review.other _→-",
			"reviews.review.pending _→-", "reviews.review.total 0→-",
			"reviews.litigation_direct.upheld _→-", "reviews.litigation_direct.corrected _→-", "reviews.litigation_direct.other _→-",
			"reviews.litigation_direct.pending _→-", "reviews.litigation_direct.total _→-",
			"reviews.litigation_after_review.upheld _→-", "reviews.litigation_after_review.corrected _→-", "reviews.litigation_after_review.other _→-",
			"reviews.litigation_after_review.pending _→-", "reviews.litigation_after_review.total _→-",
		}},
	}
	show := func(c *Cell) string {
		switch {
		case c == nil:
			return "-"
		case c.Blank:
			return "_"
		}
		return c.Text
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range DiffCells(CellsOf(&Report{Tables: tt.old}), CellsOf(&Report{Tables: tt.cur})) {
				got = append(got, c.Path+" "+show(c.Old)+"→"+show(c.New))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("DiffCells = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("change %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestCellsOfLabels(t *testing.T) {
	cells := CellsOf(&Report{Tables: Tables{Requests: &Requests{Rows: map[string][]*float64{"granted": make([]*float64, 7)}}}})
	if len(cells) != 7 || cells[0].Label != "表三 （一）予以公开 / 自然人" || cells[0].Path != "requests.granted.natural_person" || !cells[0].Blank {
		t.Errorf("CellsOf(granted row)[0] = %+v of %d, want 表三 （一）予以公开 / 自然人, requests.granted.natural_person, blank, of 7", cells[0], len(cells))
	}
}

package extract

import (
	"slices"
	"testing"
)

// TestCheckCells: every check names the cells it compares, as paths into
// "tables"; N1 names only the cells that break it.
func TestCheckCells(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	rows := map[string][]*float64{}
	for _, k := range requestRowsT2021 {
		rows[k] = make([]*float64, len(requestColumnKeys))
		for c := range rows[k] {
			rows[k][c] = f(0)
		}
	}
	rows["granted"][0] = f(-1)
	tables := Tables{Requests: &Requests{Columns: requestColumnKeys, Rows: rows}, Reviews: &Reviews{}}
	checks := runChecks(tables, TableStatus{})
	find := func(rule, where string) Check {
		for _, c := range checks {
			if c.Rule == rule && (where == "" || c.Where == where) {
				return c
			}
		}
		t.Fatalf("no %s check at %q", rule, where)
		return Check{}
	}
	tests := []struct {
		rule, where string
		want        []string
	}{
		{"B1", "column 自然人", []string{"requests.new.natural_person", "requests.carried_in.natural_person",
			"requests.total.natural_person", "requests.carried_out.natural_person"}},
		{"B2", "row （三）1", []string{"requests.denied_state_secret.natural_person", "requests.denied_state_secret.commercial",
			"requests.denied_state_secret.research", "requests.denied_state_secret.social_welfare",
			"requests.denied_state_secret.legal_service", "requests.denied_state_secret.other", "requests.denied_state_secret.total"}},
		{"C1", "行政复议", []string{"reviews.review.upheld", "reviews.review.corrected", "reviews.review.other",
			"reviews.review.pending", "reviews.review.total"}},
		{"N1", "", []string{"requests.granted.natural_person"}},
	}
	for _, tt := range tests {
		if got := find(tt.rule, tt.where).Cells; !slices.Equal(got, tt.want) {
			t.Errorf("%s %s cells = %q, want %q", tt.rule, tt.where, got, tt.want)
		}
	}
	b3 := find("B3", "column 其他").Cells
	if len(b3) == 0 || b3[0] != "requests.total.other" || !slices.Contains(b3, "requests.other_misc.other") {
		t.Errorf("B3 column 其他 cells = %q", b3)
	}
}

package extract

import (
	"encoding/json"
	"testing"
)

func TestCellValues(t *testing.T) {
	f := 96.5
	tests := []struct {
		in   any
		want string
	}{
		{f, "96.5"}, {&f, "96.5"}, {12, "12"}, {json.Number("1520"), "1520"}, {1e7, "10000000"},
		{nil, ""}, {(*float64)(nil), ""}, {"万元", ""}, {json.Number("x"), ""},
	}
	for _, tt := range tests {
		if got := FormatCell(CellNumber(tt.in)); got != tt.want {
			t.Errorf("FormatCell(CellNumber(%#v)) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

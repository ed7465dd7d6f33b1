package extract

import (
	"encoding/json"
	"strconv"
)

// CellNumber reads a table 二 value as an extraction holds it — *float64
// when made, float64 or json.Number after a JSON round trip, int — as a
// number; nil for a blank cell or a text field (amount_unit).
func CellNumber(v any) *float64 {
	switch n := v.(type) {
	case float64:
		return &n
	case *float64:
		return n
	case int:
		f := float64(n)
		return &f
	case json.Number:
		if f, err := n.Float64(); err == nil {
			return &f
		}
	}
	return nil
}

// FormatCell writes a cell value as reports write numbers — no exponent,
// no trailing zeros — and a blank cell (nil) as "", never as 0.
func FormatCell(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

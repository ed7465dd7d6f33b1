package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cellValue is a table cell read as a number.
type cellValue struct {
	v     float64
	unit  string // 元, 万元 … when the cell states one
	blank bool   // nothing in the cell: the value is unknown
	ok    bool   // a number (or a zero mark) was read
}

// units that may follow a number in a cell, longest first.
var cellUnits = []string{"万元", "元", "件", "条", "个", "项", "人", "次", "起", "篇", "家", "份"}

// parseCell reads a table cell: blank → blank; "—", "/", "无" → 0 (the
// marks pages use for zero); signs, thousands separators, decimals and a
// trailing unit are allowed. Anything else is not a number.
func parseCell(s string) cellValue {
	k := norm.NFKC.String(s)
	k = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, k)
	if k == "" {
		return cellValue{blank: true}
	}
	switch k {
	case "—", "——", "-", "--", "–", "/", "\\", "无", "無", "〇":
		return cellValue{ok: true}
	}
	var unit string
	for _, u := range cellUnits {
		if strings.HasSuffix(k, u) {
			unit, k = u, strings.TrimSuffix(k, u)
			break
		}
	}
	neg := false
	switch {
	case strings.HasPrefix(k, "+"):
		k = k[1:]
	case strings.HasPrefix(k, "-"):
		neg, k = true, k[1:]
	case strings.HasPrefix(k, "−"), strings.HasPrefix(k, "–"), strings.HasPrefix(k, "—"):
		_, size := utf8.DecodeRuneInString(k)
		neg, k = true, k[size:]
	}
	k = stripThousands(k)
	if k == "" || !isDecimal(k) {
		return cellValue{}
	}
	v, err := strconv.ParseFloat(k, 64)
	if err != nil {
		return cellValue{}
	}
	if neg {
		v = -v
	}
	return cellValue{v: v, unit: unit, ok: true}
}

// stripThousands removes commas that sit between digits in groups of three.
func stripThousands(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if i > 0 && (len(p) < 3 || !isDecimal(p[:3])) {
			return s
		}
	}
	return strings.Join(parts, "")
}

// isDecimal accepts digits with at most one decimal point, not at the ends.
func isDecimal(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return s != ""
}

// ptr returns the value as a JSON number, or nil for a blank or unreadable
// cell.
func (c cellValue) ptr() *float64 {
	if !c.ok {
		return nil
	}
	v := c.v
	return &v
}

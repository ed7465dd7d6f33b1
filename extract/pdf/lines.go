package pdf

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// textLine is a run of characters on one baseline, left to right.
type textLine struct {
	chars          []Char
	x0, y0, x1, y1 float64
}

// height is the line's median character height: its font size, roughly.
func (l textLine) height() float64 {
	hs := make([]float64, len(l.chars))
	for i, c := range l.chars {
		hs[i] = c.Y1 - c.Y0
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}

// gapSpace is the gap, in character heights, that reads as a space.
const gapSpace = 0.45

// text is the line's characters with a space where they stand apart.
func (l textLine) text() string {
	var b strings.Builder
	for i, c := range l.chars {
		if i > 0 && c.X0-l.chars[i-1].X1 > gapSpace*(c.Y1-c.Y0) {
			b.WriteByte(' ')
		}
		b.WriteRune(c.R)
	}
	return b.String()
}

// buildLines groups characters into lines: a character joins the line it
// overlaps vertically by half its height, lines are sorted top to bottom.
func buildLines(chars []Char) []textLine {
	sorted := slices.Clone(chars)
	slices.SortStableFunc(sorted, func(a, b Char) int { return cmp.Compare(a.Y0+a.Y1, b.Y0+b.Y1) })
	var lines []textLine
	for _, c := range sorted {
		h := c.Y1 - c.Y0
		placed := false
		// Only the last few lines can still take a character.
		for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
			l := &lines[i]
			if min(l.y1, c.Y1)-max(l.y0, c.Y0) >= 0.5*min(h, l.y1-l.y0) {
				l.chars = append(l.chars, c)
				l.x0, l.x1 = min(l.x0, c.X0), max(l.x1, c.X1)
				placed = true
				break
			}
		}
		if !placed {
			lines = append(lines, textLine{chars: []Char{c}, x0: c.X0, y0: c.Y0, x1: c.X1, y1: c.Y1})
		}
	}
	for i := range lines {
		slices.SortStableFunc(lines[i].chars, func(a, b Char) int { return cmp.Compare(a.X0, b.X0) })
	}
	return lines
}

// gapCell is the gap, in character heights, that separates two cells of an
// unruled table.
const gapCell = 1.5

func isNumber(s string) bool {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',' || r == '-':
		default:
			return false
		}
	}
	return digits > 0
}

// minGapRows is how many number rows make an unruled table.
const minGapRows = 3

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

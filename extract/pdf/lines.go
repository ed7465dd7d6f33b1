package pdf

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/extract/docfile"
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

// piece is a run of a line's characters between wide gaps: a cell of an
// unruled table.
type piece struct {
	text   string
	x0, x1 float64
}

// gapCell is the gap, in character heights, that separates two cells of an
// unruled table.
const gapCell = 1.5

func pieces(l textLine) []piece {
	var out []piece
	start := 0
	for i := 1; i <= len(l.chars); i++ {
		if i == len(l.chars) || l.chars[i].X0-l.chars[i-1].X1 > gapCell*(l.chars[i].Y1-l.chars[i].Y0) {
			sub := textLine{chars: l.chars[start:i]}
			out = append(out, piece{text: sub.text(), x0: l.chars[start].X0, x1: l.chars[i-1].X1})
			start = i
		}
	}
	return out
}

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

// gapTables turns runs of unruled number rows into tables and the rest into
// text items. A row is a line of two or more pieces whose last is a number;
// columns are the x-ranges the pieces of the run's rows cover; a short line
// without numbers inside a run (a label wrapped over two lines) joins the
// row nearest to it.
func gapTables(lines []textLine, nextID *int) []item {
	var out []item
	isRow := func(l textLine) bool {
		ps := pieces(l)
		return len(ps) >= 2 && isNumber(ps[len(ps)-1].text)
	}
	for i := 0; i < len(lines); {
		j, rowsSeen := i, 0
		for k := i; k < len(lines); k++ {
			if isRow(lines[k]) {
				rowsSeen++
				j = k + 1
				continue
			}
			if (k > i && len(pieces(lines[k])) == 1 && len([]rune(lines[k].text())) <= 40 && k+1 < len(lines) && isRow(lines[k+1])) ||
				(k == i && leadsRow(lines, k)) {
				continue
			}
			break
		}
		if rowsSeen < minGapRows || !(isRow(lines[i]) || leadsRow(lines, i)) {
			l := lines[i]
			out = append(out, item{y0: l.y0, y1: l.y1, x0: l.x0, x1: l.x1, text: l.text(), size: l.height()})
			i++
			continue
		}
		out = append(out, gapTable(lines[i:j], isRow, nextID))
		i = j
	}
	return out
}

// leadsRow reports a short label line set tight above a number row (the
// first half of a label wrapped around the row's numbers).
func leadsRow(lines []textLine, i int) bool {
	if i+1 >= len(lines) || len(pieces(lines[i])) != 1 || len([]rune(lines[i].text())) > 40 {
		return false
	}
	next := lines[i+1]
	ps := pieces(next)
	return len(ps) >= 2 && isNumber(ps[len(ps)-1].text) && next.y0-lines[i].y1 < 0.25*lines[i].height()
}

func gapTable(run []textLine, isRow func(textLine) bool, nextID *int) item {
	// Columns: the x-ranges covered by the pieces of the rows, merged.
	var spans [][2]float64
	for _, l := range run {
		if isRow(l) {
			for _, p := range pieces(l) {
				spans = append(spans, [2]float64{p.x0, p.x1})
			}
		}
	}
	slices.SortFunc(spans, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var cols [][2]float64
	for _, s := range spans {
		if n := len(cols); n > 0 && s[0] <= cols[n-1][1] {
			cols[n-1][1] = max(cols[n-1][1], s[1])
			continue
		}
		cols = append(cols, s)
	}
	colOf := func(p piece) int {
		best, bestOv := 0, -1e9
		for c, col := range cols {
			if ov := min(p.x1, col[1]) - max(p.x0, col[0]); ov > bestOv {
				best, bestOv = c, ov
			}
		}
		return best
	}
	type row struct {
		cells []string
		y     float64
	}
	var rows []row
	var extras []textLine
	for _, l := range run {
		if !isRow(l) {
			extras = append(extras, l)
			continue
		}
		r := row{cells: make([]string, len(cols)), y: (l.y0 + l.y1) / 2}
		for _, p := range pieces(l) {
			c := colOf(p)
			r.cells[c] = strings.TrimSpace(r.cells[c] + " " + p.text)
		}
		rows = append(rows, r)
	}
	// Wrapped label lines join the nearest row, in reading order.
	for _, l := range extras {
		y := (l.y0 + l.y1) / 2
		best := 0
		for k, r := range rows {
			if abs(r.y-y) < abs(rows[best].y-y) {
				best = k
			}
		}
		if y < rows[best].y {
			rows[best].cells[0] = strings.TrimSpace(l.text() + " " + rows[best].cells[0])
		} else {
			rows[best].cells[0] = strings.TrimSpace(rows[best].cells[0] + " " + l.text())
		}
	}
	tab := &docfile.Table{}
	for _, r := range rows {
		cells := make([]docfile.Cell, len(r.cells))
		for c, t := range r.cells {
			*nextID++
			cells[c] = docfile.Cell{Text: strings.TrimSpace(t), ID: *nextID}
		}
		tab.Rows = append(tab.Rows, cells)
	}
	first, last := run[0], run[len(run)-1]
	return item{y0: first.y0, y1: last.y1, x0: cols[0][0], x1: cols[len(cols)-1][1], table: tab}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

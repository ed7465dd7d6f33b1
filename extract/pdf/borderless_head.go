package pdf

import (
	"cmp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Header lines of a borderless table (borderless_head.go).
//
// The column headings of a table printed without borders stand above its
// first row as lines without numbers. In narrow columns they wrap over two
// to four lines, and headings of groups of columns (申请人情况, 法人或其他组织,
// 行政诉讼 / 复议后起诉) stand above the headings they group. What is
// assumed:
//
//   - The header is the block of lines without numbers set close above the
//     run (line gaps under 1.2 line heights, under two before the first
//     row) that stay within the right edge of the numbers, one of them of
//     two pieces or more. A heading of the document (一、 （一） 1.), a line
//     of one piece left of the numbers (a caption such as 第二十条第（一）项),
//     or a wider line ends it upwards.
//   - A word over the number area belongs to the columns its ends fall in:
//     each number column reaches from the right edge of the column before
//     to the right edge of its own numbers (numbers are right-aligned,
//     headings centred or left-aligned). Words over the label area are the
//     label columns' heading.
//   - Words of the same columns set tight under one another (under 0.6 of
//     a line height) are one heading wrapped; a heading with another below
//     it in its columns is a group heading a row above those under it and
//     level with the group headings of its line, and reaches right
//     over the columns whose headings stand under it (centred or
//     left-aligned over its span) up to the next heading of its row; the
//     others are the bottom row's, and reach up over the empty cells above
//     them (rowspan), as a bordered table's merged header cells read.

// headBlock returns where the header lines of the run gl[i:j] start: i
// when there are none. Lines before lo are not text (a table's).
func headBlock(gl []gline, lo, i, j int, header bool) int {
	numStart, right := -1.0, 0.0
	for _, g := range gl[i:j] {
		if g.isRow() {
			if numStart < 0 || g.numX() < numStart {
				numStart = g.numX()
			}
			right = max(right, g.nums[len(g.nums)-1].x1)
		}
	}
	top, multi, chars := i, header, 0
	if header {
		chars = len(gl[i].chars)
	}
	for m := i - 1; m >= lo && i-m <= maxHeadLines; m-- {
		g, below := gl[m], gl[m+1]
		gap := below.y0 - g.y1
		limit := 1.2 * g.h
		if m == i-1 && !header {
			limit = 2 * below.h
		}
		if len(g.nums) > 0 || len(g.labels) == 0 || gap >= limit ||
			headingRE.MatchString(strings.TrimSpace(g.line.text())) || g.line.x1 > right+snap ||
			(len(g.labels) == 1 && g.line.x1 < numStart) {
			break
		}
		top, multi, chars = m, multi || len(g.labels) >= 2, chars+len(g.chars)
	}
	if !multi || chars > maxHeadChars {
		return i
	}
	return top
}

// A header is at most maxHeadLines lines above a run and maxHeadChars
// characters (more is text, and would cost the layout too much).
const (
	maxHeadLines = 8
	maxHeadChars = 600
)

// hcell is a header cell: words of the same columns, wrapped.
type hcell struct {
	chars  []Char
	c0, c1 int // columns
	y0, y1 float64
	h      float64
	level  int
	leaf   bool
}

// headerRows lays out header lines as header rows (see above).
func (gr *gapRun) headerRows(head []gline, nLab int, labelEnd float64, colOf func(float64) int, newCell func(string) docfile.Cell) [][]docfile.Cell {
	ncol := nLab + len(gr.bands)
	slot := func(x float64) int {
		for b, s := range gr.bands {
			if x <= s[1] {
				return nLab + b
			}
		}
		return ncol - 1
	}
	word := func(cs []Char, c0, c1 int, h float64) *hcell {
		w := &hcell{chars: slices.Clone(cs), c0: c0, c1: c1, y0: cs[0].Y0, y1: cs[0].Y1, h: h}
		for _, c := range cs {
			w.y0, w.y1 = min(w.y0, c.Y0), max(w.y1, c.Y1)
		}
		return w
	}
	var words []*hcell
	for _, g := range head {
		var lab []Char
		for _, w := range splitGaps(g.chars, gapSpace*g.h) {
			x0, x1 := w[0].X0, w[len(w)-1].X1
			if nLab > 0 && (x0+x1)/2 <= labelEnd {
				lab = append(lab, w...)
				continue
			}
			in := min(g.h/2, (x1-x0)/2)
			words = append(words, word(w, slot(x0+in), slot(x1-in), g.h))
		}
		if len(lab) > 0 {
			words = append(words, word(lab, colOf(lab[0].X0), colOf(lab[len(lab)-1].X1), g.h))
		}
	}
	slices.SortStableFunc(words, func(a, b *hcell) int { return cmp.Compare(a.y0, b.y0) })
	// Words wrapped in one heading.
	var cells []*hcell
	for _, w := range words {
		joined := false
		for _, c := range slices.Backward(cells) {
			if c.c0 == w.c0 && c.c1 == w.c1 && w.y0-c.y1 < 0.6*w.h {
				c.chars = append(c.chars, w.chars...)
				c.y1 = max(c.y1, w.y1)
				joined = true
				break
			}
		}
		if !joined {
			cells = append(cells, w)
		}
	}
	overlap := func(a, b *hcell) bool { return a.c0 <= b.c1 && b.c0 <= a.c1 }
	below := func(a, b *hcell) bool { return b.y0 >= a.y1-0.25*a.h } // b under a
	for _, a := range cells {
		a.leaf = true
		for _, b := range cells {
			if b != a && overlap(a, b) && below(a, b) {
				a.leaf = false
			}
		}
	}
	// Levels of group headings: under the group headings above them in
	// their columns, level with those on the same line.
	for range cells {
		changed := false
		for _, a := range cells {
			for _, b := range cells {
				if a.leaf || b.leaf || a == b {
					continue
				}
				want := a.level
				switch {
				case overlap(a, b) && below(b, a):
					want = max(want, b.level+1)
				case a.y0 < b.y1 && b.y0 < a.y1:
					want = max(want, b.level)
				}
				want = min(want, len(head)-1) // no deeper than the lines
				if want != a.level {
					a.level, changed = want, true
				}
			}
		}
		if !changed {
			break
		}
	}
	depth := 0
	for _, a := range cells {
		if !a.leaf {
			depth = max(depth, a.level+1)
		}
	}
	grid := make([][]*hcell, depth+1)
	for r := range grid {
		grid[r] = make([]*hcell, ncol)
	}
	for _, c := range cells {
		r := c.level
		if c.leaf {
			r = depth
		}
		for k := c.c0; k <= c.c1; k++ {
			if o := grid[r][k]; o != nil && o != c {
				o.chars = append(o.chars, c.chars...) // two headings side by side in one cell
				continue
			}
			grid[r][k] = c
		}
	}
	// A group heading reaches right over the columns whose headings stand
	// under it, up to the next heading of its row.
	for r := 0; r < depth; r++ {
		for k := 1; k < ncol; k++ {
			c := grid[r][k-1]
			if c == nil || grid[r][k] != nil {
				continue
			}
			var under *hcell
			for rr := r + 1; rr <= depth && under == nil; rr++ {
				under = grid[rr][k]
			}
			if under != nil && under.y0 > c.y1 { // wholly under it: not a heading beside it
				grid[r][k] = c
			}
		}
	}
	for r := depth - 1; r >= 0; r-- {
		for k := range grid[r] {
			if grid[r][k] == nil {
				grid[r][k] = grid[r+1][k]
			}
		}
	}
	ids := map[*hcell]docfile.Cell{}
	rows := make([][]docfile.Cell, len(grid))
	for r, line := range grid {
		rows[r] = make([]docfile.Cell, ncol)
		for k, c := range line {
			if c == nil {
				rows[r][k] = newCell("")
				continue
			}
			cell, ok := ids[c]
			if !ok {
				cell = newCell(cellText(c.chars))
				ids[c] = cell
			}
			rows[r][k] = cell
		}
	}
	return rows
}

package pdf

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Tables without ruling lines (borderless.go).
//
// What the heuristics assume, as a table printed from HTML or Word without
// borders lays out:
//
//   - A row is a line that ends in numbers set apart from the rest (a gap of
//     a cell, or at least a space between numbers). The number columns are
//     bands: the x-extents of the numbers of all rows of the run, merged
//     where they overlap (right-aligned numbers of one column overlap).
//   - Everything left of the numbers is the label area. Label columns start
//     where label pieces of two or more lines start (labels are left-aligned
//     in their cells); a line's label is cut where such a start falls in a
//     gap of at least a space, so a group label set beside a row label is a
//     cell of its own.
//   - A line without numbers inside a run is part of a wrapped label: its
//     pieces join the row whose numbers are nearest (vertically centred
//     cells put a row's numbers between the lines of its label). Such lines
//     must stay in the label area and lead to a row no further off than
//     rows are from each other, or sit tight against the line before.
//   - A row's own label is its rightmost label cell; the label columns left
//     of it are groups (rowspan), and the columns right of it repeat it
//     (colspan). In a group column, the labels of a run of grouped rows are
//     blocks of lines set close together; with several blocks, the rows are
//     parted where the numbering in the next column starts again at 1
//     (（一）, 1.), else each row goes to the nearest block.
//   - A table is at least three rows, or one row of three numbers or more,
//     or rows under a one-line header (a line of two pieces or more starting
//     where the row labels start, not set tight above the row), which is
//     then the table's first row, placed by the same columns.
//   - Lines without numbers set close above a run's first row, over the
//     table's columns, are its header when one of them has two pieces or
//     more (headings wrapped over several lines in narrow columns): they
//     become the table's header rows (borderless_head.go).
//   - A run that closes one page and one that opens the next with the same
//     number bands are one table (built again from both pages' lines).

// gline is a text line read for a borderless table.
type gline struct {
	line   textLine
	y0, y1 float64 // from the median character: a few odd boxes do not move it
	h      float64
	labels []frag // label pieces: everything but the trailing numbers
	nums   []frag // the numbers that end the line
	chars  []Char // the label characters
}

// frag is a run of characters of one line.
type frag struct {
	chars          []Char
	x0, x1, y0, y1 float64
}

func (f frag) text() string { return textLine{chars: f.chars}.text() }

func newFrag(cs []Char, y0, y1 float64) frag {
	return frag{chars: cs, x0: cs[0].X0, x1: cs[len(cs)-1].X1, y0: y0, y1: y1}
}

// splitGaps cuts characters sorted by x where the gap exceeds gap.
func splitGaps(cs []Char, gap float64) [][]Char {
	var out [][]Char
	start := 0
	for i := 1; i <= len(cs); i++ {
		if i == len(cs) || cs[i].X0-cs[i-1].X1 > gap {
			if i > start {
				out = append(out, cs[start:i])
			}
			start = i
		}
	}
	return out
}

// readGapLine splits a line into label pieces and trailing numbers.
func readGapLine(l textLine) gline {
	g := gline{line: l}
	hs := make([]float64, len(l.chars))
	cs := make([]float64, len(l.chars))
	for i, c := range l.chars {
		hs[i], cs[i] = c.Y1-c.Y0, (c.Y0+c.Y1)/2
	}
	slices.Sort(hs)
	slices.Sort(cs)
	g.h = max(hs[len(hs)/2], 0.1)
	g.y0, g.y1 = cs[len(cs)/2]-g.h/2, cs[len(cs)/2]+g.h/2
	// Tokens: pieces a cell gap apart; a piece made of numbers only is
	// one token per number.
	var toks [][]Char
	for _, p := range splitGaps(l.chars, gapCell*g.h) {
		words := splitGaps(p, gapSpace*g.h)
		allNum := true
		for _, w := range words {
			if !isNumber(textLine{chars: w}.text()) {
				allNum = false
				break
			}
		}
		if allNum {
			toks = append(toks, words...)
		} else {
			toks = append(toks, p)
		}
	}
	n := len(toks)
	for n > 0 && isNumber(textLine{chars: toks[n-1]}.text()) {
		n--
	}
	for _, t := range toks[n:] {
		g.nums = append(g.nums, newFrag(t, g.y0, g.y1))
	}
	for _, t := range toks[:n] {
		g.labels = append(g.labels, newFrag(t, g.y0, g.y1))
		g.chars = append(g.chars, t...)
	}
	return g
}

func (g gline) isRow() bool { return len(g.nums) > 0 && len(g.nums)+len(g.labels) >= 2 }

// numX is where the line's numbers start.
func (g gline) numX() float64 { return g.nums[0].x0 }

// labelOnly reports a line without numbers that stays left of x.
func (g gline) labelOnly(x float64) bool {
	return len(g.nums) == 0 && len(g.labels) > 0 && g.line.x1 < x
}

// isHeader reports a line that heads the row below it: two pieces or
// more, no numbers, the first where the row's label starts, apart from the
// row by a cell's padding (a line set tight above is a wrapped label).
func isHeader(h, row gline) bool {
	gap := row.y0 - h.y1
	return len(h.nums) == 0 && len(h.labels) >= 2 && len(row.labels) > 0 &&
		abs(h.labels[0].x0-row.labels[0].x0) <= snap && gap >= 0.5*row.h && gap < 2*row.h
}

// gapRun is a borderless table's lines, kept to continue the table on the
// next page.
type gapRun struct {
	lines []gline
	head  int // header lines at the start of lines
	bands [][2]float64
}

// gapTables turns runs of unruled number rows into tables and the rest into
// text items.
func gapTables(lines []textLine, nextID *int) []item {
	gl := make([]gline, len(lines))
	for i, l := range lines {
		gl[i] = readGapLine(l)
	}
	var out []item
	free := 0 // lines from here on are text items of out, one each
	for i := 0; i < len(gl); {
		if j, header := gapRunAt(gl, i); j > i {
			s := headBlock(gl, free, i, j, header)
			out = out[:len(out)-(i-s)] // header lines, no longer text
			head := i - s
			if header {
				head++
			}
			out = append(out, gapItem(gl[s:j], head, nextID))
			i, free = j, j
			continue
		}
		l := lines[i]
		out = append(out, item{y0: l.y0, y1: l.y1, x0: l.x0, x1: l.x1, text: l.text(), size: l.height()})
		i++
	}
	return out
}

// gapRunAt returns the end of the table that starts at line i (i when
// none does) and whether its first line is a header.
func gapRunAt(gl []gline, i int) (int, bool) {
	k, header := i, false
	if k+1 < len(gl) && !gl[k].isRow() && gl[k+1].isRow() && isHeader(gl[k], gl[k+1]) {
		header = true
		k++
	} else {
		// Up to two lines of a label wrapped around its row's numbers,
		// set tight above them.
		for n := 0; n < 2 && k+1 < len(gl) && !gl[k].isRow() && gl[k+1].y0-gl[k].y1 <= 0.5*gl[k].h; n++ {
			k++
		}
	}
	if k >= len(gl) || !gl[k].isRow() {
		return i, false
	}
	for m := i; m < k && !header; m++ {
		if !gl[m].labelOnly(gl[k].numX()) {
			return i, false
		}
	}
	numX, rows, most := gl[k].numX(), 1, len(gl[k].nums)
	rowGap := 0.0 // the widest gap between two rows: the cells' padding
	end := k + 1
	for m := k + 1; m < len(gl); m++ {
		g := gl[m]
		gap := g.y0 - gl[m-1].y1
		if g.isRow() {
			if gap > 2.5*g.h {
				break
			}
			if gl[m-1].isRow() {
				rowGap = max(rowGap, gap)
			}
			rows, most, end = rows+1, max(most, len(g.nums)), m+1
			numX = min(numX, g.numX())
			continue
		}
		if !g.labelOnly(numX) || gap > max(1.2*g.h, 1.1*rowGap) {
			break
		}
		if gap < 0.5*g.h {
			end = m + 1 // set tight against the line before: a wrapped label
			continue
		}
		if !rowFollows(gl, m+1, numX) {
			break
		}
	}
	if rows >= minGapRows || header || most >= 3 {
		return end, header
	}
	return i, false
}

// rowFollows reports a row within the next two lines, the lines before it
// labels only.
func rowFollows(gl []gline, m int, numX float64) bool {
	for n := m; n < len(gl) && n < m+2; n++ {
		if gl[n].isRow() {
			return true
		}
		if !gl[n].labelOnly(numX) {
			return false
		}
	}
	return false
}

// gapItem builds the table of a run.
func gapItem(run []gline, head int, nextID *int) item {
	var bands [][2]float64
	for _, g := range run {
		if g.isRow() {
			for _, f := range g.nums {
				bands = append(bands, [2]float64{f.x0, f.x1})
			}
		}
	}
	slices.SortFunc(bands, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	var merged [][2]float64
	for _, s := range bands {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	gr := &gapRun{lines: run, head: head, bands: merged}
	tab := gr.table(nextID)
	x0 := merged[0][0]
	for _, g := range run {
		x0 = min(x0, g.line.x0)
	}
	return item{y0: run[0].line.y0, y1: run[len(run)-1].line.y1, x0: x0, x1: merged[len(merged)-1][1], table: tab, gap: gr}
}

// restartRE is a label that starts a numbering again: 1. 1、 （一） (1).
var restartRE = regexp.MustCompile(`^\s*(?:1\s*[.、．]|[（(]\s*[1一]\s*[)）]|一、)`)

// table builds the run's table.
func (gr *gapRun) table(nextID *int) *docfile.Table {
	bands := gr.bands
	head, body := gr.lines[:gr.head], gr.lines[gr.head:]
	numStart := bands[0][0]
	// Label columns: where label pieces of two or more lines start.
	labelEnd := numStart - 1 // right edge of the row labels
	var xs []float64
	seen := false
	for _, g := range body {
		for _, f := range g.labels {
			if f.x0 < numStart {
				xs = append(xs, f.x0)
			}
			if g.isRow() {
				if !seen {
					labelEnd = f.x1
				}
				labelEnd, seen = max(labelEnd, f.x1), true
			}
		}
	}
	slices.Sort(xs)
	var starts []float64
	for i := 0; i < len(xs); {
		j := i
		for j < len(xs) && xs[j]-xs[i] <= snap {
			j++
		}
		if len(starts) == 0 || (j-i >= 2 && xs[i] > starts[len(starts)-1]+snap) {
			starts = append(starts, xs[i])
		}
		i = j
	}
	nLab := len(starts)
	colOf := func(x float64) int {
		c := 0
		for k, s := range starts {
			if s <= x+snap {
				c = k
			}
		}
		return c
	}
	// cut splits label characters into fragments at cell gaps and at
	// column starts that fall in a gap of a space or more.
	cut := func(cs []Char, h, y0, y1 float64) []frag {
		var out []frag
		startI := 0
		for i := 1; i <= len(cs); i++ {
			if i < len(cs) {
				gap := cs[i].X0 - cs[i-1].X1
				atStart := false
				for _, s := range starts {
					if cs[i-1].X1 <= s+snap && cs[i].X0 >= s-snap {
						atStart = true
					}
				}
				if !(gap > gapCell*h || (gap > gapSpace*h && atStart)) {
					continue
				}
			}
			out = append(out, newFrag(cs[startI:i], y0, y1))
			startI = i
		}
		return out
	}
	// Rows and the label fragments that belong to each.
	type grow struct {
		g     gline
		cells [][]frag // per label column
		leaf  int
	}
	var rows []grow
	for _, g := range body {
		if g.isRow() {
			rows = append(rows, grow{g: g, cells: make([][]frag, nLab)})
		}
	}
	for _, g := range body {
		if len(g.chars) == 0 || nLab == 0 {
			continue
		}
		r := 0
		mid := (g.y0 + g.y1) / 2
		for k := range rows {
			if abs((rows[k].g.y0+rows[k].g.y1)/2-mid) < abs((rows[r].g.y0+rows[r].g.y1)/2-mid) {
				r = k
			}
		}
		for _, f := range cut(g.chars, g.h, g.y0, g.y1) {
			c := colOf(f.x0)
			rows[r].cells[c] = append(rows[r].cells[c], f)
		}
	}
	for i := range rows {
		rows[i].leaf = nLab // no label: grouped in every column
		for c := nLab - 1; c >= 0; c-- {
			if len(rows[i].cells[c]) > 0 {
				rows[i].leaf = c
				break
			}
		}
	}
	join := func(fs []frag) string {
		slices.SortStableFunc(fs, func(a, b frag) int { return cmp.Or(cmp.Compare(a.y0, b.y0), cmp.Compare(a.x0, b.x0)) })
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = f.text()
		}
		return strings.Join(parts, " ")
	}
	out := make([][]docfile.Cell, len(rows))
	for i := range out {
		out[i] = make([]docfile.Cell, nLab+len(bands))
	}
	newCell := func(text string) docfile.Cell {
		*nextID++
		return docfile.Cell{Text: text, ID: *nextID}
	}
	// Own labels, and their colspans to the right.
	for i, r := range rows {
		if r.leaf < nLab {
			out[i][r.leaf] = newCell(join(r.cells[r.leaf]))
			for c := r.leaf + 1; c < nLab; c++ {
				out[i][c] = out[i][r.leaf]
			}
		}
	}
	// Group columns: runs of rows whose own label lies further right.
	for c := 0; c < nLab; c++ {
		for i := 0; i < len(rows); {
			if rows[i].leaf <= c {
				i++
				continue
			}
			j := i
			var fs []frag
			for j < len(rows) && rows[j].leaf > c {
				fs = append(fs, rows[j].cells[c]...)
				j++
			}
			slices.SortStableFunc(fs, func(a, b frag) int { return cmp.Compare(a.y0, b.y0) })
			var blocks [][]frag
			for _, f := range fs {
				if n := len(blocks); n > 0 {
					last := blocks[n-1][len(blocks[n-1])-1]
					if f.y0-last.y1 < 0.8*(f.y1-f.y0) {
						blocks[n-1] = append(blocks[n-1], f)
						continue
					}
				}
				blocks = append(blocks, []frag{f})
			}
			group := make([]int, j-i) // block of each row
			var restarts []int
			if c+1 < nLab {
				for k := i + 1; k < j; k++ {
					if next := rows[k].cells[c+1]; len(next) > 0 && restartRE.MatchString(join(slices.Clone(next))) {
						restarts = append(restarts, k)
					}
				}
			}
			switch {
			case len(blocks) <= 1:
			case len(restarts) == len(blocks)-1:
				b := 0
				for k := i; k < j; k++ {
					if b < len(restarts) && k == restarts[b] {
						b++
					}
					group[k-i] = b
				}
			default:
				for k := i; k < j; k++ {
					mid := (rows[k].g.y0 + rows[k].g.y1) / 2
					best := 0
					for b, bl := range blocks {
						if abs(blockMid(bl)-mid) < abs(blockMid(blocks[best])-mid) {
							best = b
						}
					}
					group[k-i] = best
				}
			}
			cells := map[int]docfile.Cell{}
			for k := i; k < j; k++ {
				b := group[k-i]
				cell, ok := cells[b]
				if !ok {
					text := ""
					if b < len(blocks) {
						text = join(blocks[b])
					}
					cell = newCell(text)
					cells[b] = cell
				}
				out[k][c] = cell
			}
			i = j
		}
	}
	// Numbers, by band.
	bandOf := func(x0, x1 float64) int {
		best, bestOv := 0, -1e18
		for b, s := range bands {
			if ov := min(x1, s[1]) - max(x0, s[0]); ov > bestOv {
				best, bestOv = b, ov
			}
		}
		return best
	}
	for i, r := range rows {
		texts := make([]string, len(bands))
		for _, f := range r.g.nums {
			b := bandOf(f.x0, f.x1)
			texts[b] = strings.TrimSpace(texts[b] + " " + f.text())
		}
		for b, t := range texts {
			out[i][nLab+b] = newCell(t)
		}
	}
	tab := &docfile.Table{}
	switch {
	case len(head) == 1:
		tab.Rows = append(tab.Rows, gr.headerRow(head[0], nLab, labelEnd, colOf, newCell))
	case len(head) > 1:
		tab.Rows = append(tab.Rows, gr.headerRows(head, nLab, labelEnd, colOf, newCell)...)
	}
	tab.Rows = append(tab.Rows, out...)
	return tab
}

// headerRow places a header line's characters: those over the label area
// in the label column where they start, the rest in the number column
// whose right edge they come before (numbers are right-aligned).
func (gr *gapRun) headerRow(h gline, nLab int, labelEnd float64, colOf func(float64) int, newCell func(string) docfile.Cell) []docfile.Cell {
	texts := make([][]Char, nLab+len(gr.bands))
	for _, f := range h.labels {
		for _, ch := range f.chars {
			mid := (ch.X0 + ch.X1) / 2
			c := nLab + len(gr.bands) - 1
			switch {
			case mid <= labelEnd && nLab > 0:
				c = colOf(f.x0)
			default:
				for b, s := range gr.bands {
					if mid <= s[1]+snap {
						c = nLab + b
						break
					}
				}
			}
			texts[c] = append(texts[c], ch)
		}
	}
	row := make([]docfile.Cell, len(texts))
	for c, cs := range texts {
		row[c] = newCell(textLine{chars: cs}.text())
	}
	return row
}

func blockMid(fs []frag) float64 { return (fs[0].y0 + fs[len(fs)-1].y1) / 2 }

// continueGap joins the borderless table that opens a page to the one that
// closed the page before when their number columns are the same: the
// lines of both are laid out again as one table, the second page's lines
// set right under the first's (header lines at the top of the new page
// are dropped as a repeat).
func continueGap(prev, next *gapRun, nextID *int) (*gapRun, *docfile.Table, bool) {
	if len(prev.bands) != len(next.bands) {
		return nil, nil, false
	}
	for i := range prev.bands {
		a, b := prev.bands[i], next.bands[i]
		if min(a[1], b[1])-max(a[0], b[0]) < -snap {
			return nil, nil, false
		}
	}
	last, first := prev.lines[len(prev.lines)-1], next.lines[0]
	dy := last.y1 + last.h - first.y0
	lines := slices.Clone(prev.lines)
	nl := next.lines[next.head:] // the header repeated on the new page
	for _, g := range nl {
		l := textLine{chars: make([]Char, len(g.line.chars)), x0: g.line.x0, x1: g.line.x1, y0: g.line.y0 + dy, y1: g.line.y1 + dy}
		for i, c := range g.line.chars {
			c.Y0, c.Y1 = c.Y0+dy, c.Y1+dy
			l.chars[i] = c
		}
		lines = append(lines, readGapLine(l))
	}
	bands := slices.Clone(prev.bands)
	for i, b := range next.bands {
		bands[i] = [2]float64{min(bands[i][0], b[0]), max(bands[i][1], b[1])}
	}
	gr := &gapRun{lines: lines, head: prev.head, bands: bands}
	return gr, gr.table(nextID), true
}

package pdf

import (
	"slices"
	"sort"

	"github.com/nianbao/nianbao/extract/docfile"
)

// seg is a horizontal (y, x0..x1) or vertical (x, y0..y1) ruling line.
type seg struct{ at, lo, hi float64 }

// splitRules sorts thin paths into horizontal and vertical ruling lines.
func splitRules(rules []Rect) (hs, vs []seg) {
	for _, r := range rules {
		if len(hs)+len(vs) >= maxRules {
			break
		}
		if !finiteBox(r.X0, r.Y0, r.X1, r.Y1) {
			continue
		}
		x0, x1 := min(r.X0, r.X1), max(r.X0, r.X1)
		y0, y1 := min(r.Y0, r.Y1), max(r.Y0, r.Y1)
		w, h := x1-x0, y1-y0
		switch {
		case h <= ruleThick && w >= ruleMinLen:
			hs = append(hs, seg{(y0 + y1) / 2, x0, x1})
		case w <= ruleThick && h >= ruleMinLen:
			vs = append(vs, seg{(x0 + x1) / 2, y0, y1})
		}
	}
	return hs, vs
}

// ruled is a table drawn with ruling lines: its column and row lines and
// the segments that draw them.
type ruled struct {
	xs, ys []float64
	hs, vs []seg
}

// ruledTables finds groups of crossing ruling lines with at least two
// lines each way.
func ruledTables(hs, vs []seg) []ruled {
	n := len(hs) + len(vs)
	parent, find := unionFind(n)
	for i, h := range hs {
		for j, v := range vs {
			if v.at >= h.lo-snap && v.at <= h.hi+snap && h.at >= v.lo-snap && h.at <= v.hi+snap {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	// A border drawn in pieces (one per cell) is one line: collinear
	// pieces that touch join, so a piece that crosses no other line still
	// belongs to its table.
	joinCollinear := func(ss []seg, off int) {
		for i, a := range ss {
			for j := i + 1; j < len(ss); j++ {
				b := ss[j]
				if b.at >= a.at-snap && b.at <= a.at+snap && b.lo <= a.hi+snap && a.lo <= b.hi+snap {
					parent[find(off+i)] = find(off + j)
				}
			}
		}
	}
	joinCollinear(hs, 0)
	joinCollinear(vs, len(hs))
	groups := map[int]*ruled{}
	var order []int
	for i := 0; i < n; i++ {
		r := find(i)
		g := groups[r]
		if g == nil {
			g = &ruled{}
			groups[r] = g
			order = append(order, r)
		}
		if i < len(hs) {
			g.hs = append(g.hs, hs[i])
		} else {
			g.vs = append(g.vs, vs[i-len(hs)])
		}
	}
	var out []ruled
	for _, r := range order {
		g := groups[r]
		if len(g.hs) < 2 || len(g.vs) < 2 {
			continue
		}
		g.xs = cluster(g.vs)
		g.ys = cluster(g.hs)
		// Column lines that run past the first or last row line close a
		// row whose border fell on the page break.
		top, bottom := g.ys[0], g.ys[len(g.ys)-1]
		for _, v := range g.vs {
			top, bottom = min(top, v.lo), max(bottom, v.hi)
		}
		if top < g.ys[0]-minCellSpan {
			g.ys = append([]float64{top}, g.ys...)
		}
		if bottom > g.ys[len(g.ys)-1]+minCellSpan {
			g.ys = append(g.ys, bottom)
		}
		if len(g.xs) >= 2 && len(g.ys) >= 2 {
			out = append(out, *g)
		}
	}
	return out
}

// cluster returns the distinct positions of segments, those within snap of
// each other taken as one.
func cluster(ss []seg) []float64 {
	at := make([]float64, len(ss))
	for i, s := range ss {
		at[i] = s.at
	}
	slices.Sort(at)
	var out []float64
	start := 0
	for i := 1; i <= len(at); i++ {
		if i == len(at) || at[i]-at[i-1] > snap {
			out = append(out, (at[start]+at[i-1])/2)
			start = i
		}
	}
	return out
}

// covers reports whether a segment at position at (within snap) runs over
// the point p.
func covers(ss []seg, at, p float64) bool {
	for _, s := range ss {
		if s.at >= at-snap && s.at <= at+snap && p >= s.lo-1 && p <= s.hi+1 {
			return true
		}
	}
	return false
}

// fill builds the table: elementary cells between the lines, merged where a
// border between them is missing, and the characters whose centre lies in
// them. Characters taken are marked in used. ok is false when the grid
// holds no text (a frame or a drawing).
func (t ruled) fill(chars []Char, used []bool, nextID *int) (*docfile.Table, bool) {
	rows, cols := len(t.ys)-1, len(t.xs)-1
	parent, find := unionFind(rows * cols)
	for r := 0; r < rows; r++ {
		ymid := (t.ys[r] + t.ys[r+1]) / 2
		for c := 1; c < cols; c++ {
			if !covers(t.vs, t.xs[c], ymid) {
				parent[find(r*cols+c)] = find(r*cols + c - 1)
			}
		}
	}
	for r := 1; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if !covers(t.hs, t.ys[r], (t.xs[c]+t.xs[c+1])/2) {
				parent[find(r*cols+c)] = find((r-1)*cols + c)
			}
		}
	}
	cellChars := map[int][]Char{}
	for i, ch := range chars {
		if used[i] {
			continue
		}
		cx, cy := (ch.X0+ch.X1)/2, (ch.Y0+ch.Y1)/2
		if cx < t.xs[0] || cx > t.xs[cols] || cy < t.ys[0] || cy > t.ys[rows] {
			continue
		}
		c := min(max(sort.SearchFloat64s(t.xs, cx)-1, 0), cols-1)
		r := min(max(sort.SearchFloat64s(t.ys, cy)-1, 0), rows-1)
		root := find(r*cols + c)
		cellChars[root] = append(cellChars[root], ch)
		used[i] = true
	}
	if len(cellChars) == 0 {
		return nil, false
	}
	// Rows and columns thinner than a line of text are the gap between
	// double borders; they go when empty.
	keepRow := make([]bool, rows)
	keepCol := make([]bool, cols)
	for r := range rows {
		keepRow[r] = t.ys[r+1]-t.ys[r] >= minCellSpan
	}
	for c := range cols {
		keepCol[c] = t.xs[c+1]-t.xs[c] >= minCellSpan
	}
	for root := range cellChars {
		keepRow[root/cols], keepCol[root%cols] = true, true
	}
	ids := map[int]int{}
	tab := &docfile.Table{}
	for r := range rows {
		if !keepRow[r] {
			continue
		}
		var row []docfile.Cell
		for c := range cols {
			if !keepCol[c] {
				continue
			}
			root := find(r*cols + c)
			id, ok := ids[root]
			if !ok {
				*nextID++
				id = *nextID
				ids[root] = id
			}
			row = append(row, docfile.Cell{Text: cellText(cellChars[root]), ID: id})
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab, true
}

// cellText is the text of a cell's characters: lines top to bottom, joined
// with a space that the extractor drops between Chinese characters (a
// label wrapped over two lines is one label).
func cellText(chars []Char) string {
	var s []byte
	for i, l := range buildLines(chars) {
		if i > 0 {
			s = append(s, ' ')
		}
		s = append(s, l.text()...)
	}
	return string(s)
}

// unionFind returns the parent array of n singleton sets and their find
// (with path halving); parent[find(a)] = find(b) joins two sets.
func unionFind(n int) ([]int, func(int) int) {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	return parent, func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
}

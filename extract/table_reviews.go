package extract

import "strings"

// readReviews reads table 四: the 15 cells of the first row under the
// header. Columns are placed by their header path (行政复议 / 未经复议直接起诉
// / 复议后起诉 × 维持 … 总计) when complete, else a row of 15 values is read
// in template order.
func readReviews(ts *tableSet, grids []*grid) (*Reviews, string) {
	for _, g := range grids {
		cols := reviewColumns(g)
		for r, row := range g.rows {
			var vals []gcell
			if cols != nil {
				if r < cols.header || len(row) <= cols.last {
					continue
				}
				for _, c := range cols.pos {
					vals = append(vals, row[c])
				}
			} else {
				cells := distinctCells(row)
				if len(cells) < 15 {
					continue
				}
				vals = cells[len(cells)-15:]
			}
			values, _, ok, bad := rowValues(vals)
			if bad > 0 && ok == 0 {
				continue // header text
			}
			if ok == 0 && cols == nil {
				continue
			}
			if bad > 0 {
				ts.warnf("table reviews: %d cells are not numbers; they are null", bad)
			}
			rv := &Reviews{}
			groups := []*ReviewCells{&rv.Review, &rv.LitigationDirect, &rv.LitigationAfterReview}
			for i, v := range values {
				groups[i/5].set(reviewFields[i%5], v)
			}
			if ok == 0 {
				if next := laterNumericRow(g, r, cols); next {
					continue
				}
				return nil, StatusEmpty
			}
			if ok+bad < 15 {
				return rv, StatusPartial
			}
			return rv, StatusOK
		}
	}
	if len(grids) > 0 {
		return nil, StatusEmpty
	}
	return nil, StatusAbsent
}

// laterNumericRow reports whether a row below r holds numbers in the value
// columns (a blank spacer row came first).
func laterNumericRow(g *grid, r int, cols *reviewCols) bool {
	for _, row := range g.rows[r+1:] {
		if len(row) > cols.last {
			for _, c := range cols.pos {
				if parseCell(row[c].text).ok {
					return true
				}
			}
		}
	}
	return false
}

func (rc *ReviewCells) set(field string, v *float64) {
	switch field {
	case "upheld":
		rc.Upheld = v
	case "corrected":
		rc.Corrected = v
	case "other":
		rc.Other = v
	case "pending":
		rc.Pending = v
	case "total":
		rc.Total = v
	}
}

// cells returns the five cells in template order.
func (rc *ReviewCells) cells() []*float64 {
	return []*float64{rc.Upheld, rc.Corrected, rc.Other, rc.Pending, rc.Total}
}

// reviewCols is the placement of the 15 cells in a grid.
type reviewCols struct {
	pos    []int // grid column of each cell, template order
	header int   // rows above the data
	last   int   // largest column used
}

// reviewColumns places the 15 cells from the header rows; nil when the
// header does not name all of them.
func reviewColumns(g *grid) *reviewCols {
	header := -1
	for r, row := range g.rows {
		if isNumericRow(distinctCells(row)) {
			header = r
			break
		}
	}
	if header <= 0 {
		return nil
	}
	pos := make([]int, 15)
	for i := range pos {
		pos[i] = -1
	}
	last := 0
	for j := 0; j < g.width(); j++ {
		var path []string
		for r := 0; r < header; r++ {
			if j < len(g.rows[r]) {
				path = append(path, plainKey(g.rows[r][j].text))
			}
		}
		group := reviewGroup(path)
		field := ""
		for i := len(path) - 1; i >= 0 && field == ""; i-- {
			field = firstMatch(reviewFieldRules, path[i])
		}
		if group < 0 || field == "" {
			continue
		}
		idx := group*5 + indexOf(reviewFields, field)
		if pos[idx] == -1 {
			pos[idx] = j
			last = max(last, j)
		}
	}
	for _, p := range pos {
		if p == -1 {
			return nil
		}
	}
	return &reviewCols{pos: pos, header: header, last: last}
}

// reviewGroup names the group of a column from its header path.
func reviewGroup(path []string) int {
	joined := strings.Join(path, "|")
	switch {
	case strings.Contains(joined, "复议后起诉"):
		return 2
	case strings.Contains(joined, "未经复议"), strings.Contains(joined, "直接起诉"):
		return 1
	case strings.Contains(joined, "行政复议"):
		return 0
	}
	return -1
}

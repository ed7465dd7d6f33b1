package extract

import "strings"

// Table 四 is not always one table. Copies made from PDFs and some pages
// draw it as three small tables, one per group (行政复议 / 行政诉讼 未经复议直接起诉
// / 复议后起诉), each under its own heading with the five headers 结果维持 …
// 总计; others keep the two-level header as loose text lines and give
// the 15 numbers as one row. Neither grid names 行政复议 itself, so the
// text just before it decides.

// maxContextBlocks is how many text blocks before a grid are its caption.
const maxContextBlocks = 8

// reviewPart is one group of table 四 read from a table of its own.
type reviewPart struct {
	group int
	vals  []gcell // the five cells, template order
}

// reviewsContext reports whether the text before a grid introduces table
// 四 (it names 行政复议 or 复议后起诉).
func reviewsContext(ctx []string) bool {
	for _, t := range ctx {
		if k := plainKey(t); containsAny(k, "行政复议", "复议后起诉") {
			return true
		}
	}
	return false
}

// contextGroup is the group named by the text block nearest the grid, or
// -1.
func contextGroup(ctx []string) int {
	for i := len(ctx) - 1; i >= 0; i-- {
		if g := reviewGroup([]string{plainKey(ctx[i])}); g >= 0 {
			return g
		}
	}
	return -1
}

// reviewParts reads five-column group tables from a grid: a row naming a
// group (a heading that a copied-text grid took in) sets the group, a
// header row naming the five fields places them, and the next row of
// numbers is that group's. group is the group the text before the grid
// names, or -1.
func reviewParts(g *grid, group int) []reviewPart {
	var out []reviewPart
	var pos []int
	for _, row := range g.rows {
		cells := distinctCells(row)
		if p := fieldPositions(cells); p != nil {
			pos = p
			continue
		}
		if isNumericRow(cells) {
			if pos != nil && group >= 0 && len(cells) > pos[4] {
				part := reviewPart{group: group}
				for _, p := range pos {
					part.vals = append(part.vals, cells[p])
				}
				out = append(out, part)
			}
			pos = nil
			continue
		}
		var text strings.Builder
		for _, c := range cells {
			text.WriteString(c.text)
		}
		if gr := reviewGroup([]string{plainKey(text.String())}); gr >= 0 {
			group, pos = gr, nil
		}
	}
	return out
}

// fieldPositions places the five fields in a header row; nil unless the
// row names each of them once, in template order.
func fieldPositions(cells []gcell) []int {
	pos := []int{-1, -1, -1, -1, -1}
	for j, c := range cells {
		f := firstMatch(reviewFieldRules, plainKey(c.text))
		if f == "" {
			continue
		}
		i := indexOf(reviewFields, f)
		if pos[i] != -1 {
			return nil
		}
		pos[i] = j
	}
	for i, p := range pos {
		if p == -1 || (i > 0 && p <= pos[i-1]) {
			return nil
		}
	}
	return pos
}

// reviewsFromParts assembles table 四 from group tables. It returns nil
// when no group was found.
func reviewsFromParts(ts *tableSet, parts []reviewPart) (*Reviews, string) {
	if len(parts) == 0 {
		return nil, ""
	}
	rv := &Reviews{}
	groups := []*ReviewCells{&rv.Review, &rv.LitigationDirect, &rv.LitigationAfterReview}
	seen := map[int]bool{}
	read := 0
	for _, p := range parts {
		if seen[p.group] {
			ts.warnf("table reviews: group %s appears twice; the first is kept", reviewGroups[p.group])
			continue
		}
		seen[p.group] = true
		values, _, ok, _ := rowValues(p.vals)
		read += ok
		for i, v := range values {
			groups[p.group].set(reviewFields[i], v)
		}
	}
	if read == 0 {
		return nil, StatusEmpty
	}
	if len(seen) < 3 || read < 15 {
		var missing []string
		for g, name := range reviewGroups {
			if !seen[g] {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			ts.warnf("table reviews: drawn as separate tables; group %s not found, its cells are null", strings.Join(missing, ", "))
		}
		return rv, StatusPartial
	}
	return rv, StatusOK
}

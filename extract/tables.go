package extract

import (
	"fmt"
)

// Kinds of data grid.
const (
	gridActive   = 1 << iota // table 二
	gridRequests             // table 三
	gridReviews              // table 四
	gridStats                // a pre-2019 statistics table (指标名称 | 计量单位 | …)
)

// classifyGrid says which tables a grid may hold, from its labels. One grid
// may hold several (some sites draw all three as one table).
func classifyGrid(g *grid) int {
	t := plainKey(g.allText())
	kind := 0
	if containsAny(t, "信息内容", "第二十条") || (containsAny(t, "规章") && containsAny(t, "规范性文件")) {
		kind |= gridActive
	}
	if containsAny(t, "自然人", "本年新收", "上年结转", "结转下年度", "不予处理", "无法提供") {
		kind |= gridRequests
	}
	if containsAny(t, "行政复议", "复议后起诉") && containsAny(t, "维持", "纠正", "审结") {
		kind |= gridReviews
	}
	if containsAny(t, "指标名称", "计量单位", "统计指标") {
		kind |= gridStats
	}
	return kind
}

// isDataGrid reports a grid that holds (part of) a template or statistics
// table.
func isDataGrid(g *grid) bool { return classifyGrid(g) != 0 }

// tableSet is what the table readers found, before the template is known.
type tableSet struct {
	active        activeFound
	requests      requestsFound
	reviews       *Reviews
	reviewsStatus string
	warnings      []string
}

func (ts *tableSet) warnf(format string, args ...any) {
	ts.warnings = append(ts.warnings, fmt.Sprintf(format, args...))
}

// readTables runs the three table readers over the document's grids.
func readTables(doc *document) *tableSet {
	ts := &tableSet{}
	var active, requests, reviews []*grid
	var parts []reviewPart
	var ctx []string // text blocks since the previous grid, at most maxContextBlocks
	prev := 0
	for _, b := range doc.blocks {
		if b.table == nil {
			if b.text != "" {
				ctx = append(ctx, b.text)
				if len(ctx) > maxContextBlocks {
					ctx = ctx[1:]
				}
			}
			continue
		}
		k := classifyGrid(b.table)
		switch {
		case k == 0 && prev&gridReviews != 0 && hasNumericRow(b.table, 15):
			// Word split table 四: the header in one table, the numbers in
			// the next.
			k = gridReviews
		case k == 0 && reviewsContext(ctx) && hasNumericRow(b.table, 15):
			// The two-level header stayed behind as text lines.
			k = gridReviews
		case k == 0 && prev&gridRequests != 0 && holdsRequestRows(b.table):
			// Table 三 torn into pieces by page breaks or a PDF copy.
			k = gridRequests
		}
		if k == 0 || k&gridReviews != 0 {
			parts = append(parts, reviewParts(b.table, contextGroup(ctx))...)
		}
		ctx = ctx[:0]
		prev = k
		if k&gridActive != 0 {
			active = append(active, b.table)
		}
		if k&gridRequests != 0 {
			requests = append(requests, b.table)
		}
		if k&gridReviews != 0 {
			reviews = append(reviews, b.table)
		}
	}
	ts.active = readActive(ts, active)
	ts.requests = readRequests(ts, requests)
	ts.reviews, ts.reviewsStatus = readReviews(ts, reviews)
	if ts.reviews == nil {
		if rv, st := reviewsFromParts(ts, parts); st != "" {
			ts.reviews, ts.reviewsStatus = rv, st
		}
	}
	return ts
}

// rowValues reads value cells; ok counts numbers read, bad counts cells
// that hold text that is not a number.
func rowValues(cells []gcell) (vals []*float64, units []string, ok, bad int) {
	vals = make([]*float64, len(cells))
	units = make([]string, len(cells))
	for i, c := range cells {
		v := parseCell(c.text)
		switch {
		case v.ok:
			ok++
			vals[i], units[i] = v.ptr(), v.unit
		case !v.blank:
			bad++
		}
	}
	return vals, units, ok, bad
}

// distinctCells returns a row's cells with span copies removed.
func distinctCells(row []gcell) []gcell {
	var out []gcell
	for i, c := range row {
		if i > 0 && row[i-1].id == c.id {
			continue
		}
		out = append(out, c)
	}
	return out
}

// isNumericRow reports a row whose non-label cells are numbers or blank,
// with at least one number.
func isNumericRow(cells []gcell) bool {
	_, _, ok, bad := rowValues(cells)
	return ok > 0 && bad == 0
}

// hasNumericRow reports a row with at least n cells that are all numbers or
// blank.
func hasNumericRow(g *grid, n int) bool {
	for _, row := range g.rows {
		cells := distinctCells(row)
		if len(cells) >= n && isNumericRow(cells) {
			return true
		}
	}
	return false
}

// holdsRequestRows reports a grid with a row of table 三: a known row
// label before numbers, or seven numbers alone.
func holdsRequestRows(g *grid) bool {
	for _, row := range g.rows {
		cells := distinctCells(row)
		switch n := len(cells); {
		case n == 7 && isNumericRow(cells):
			return true
		case n >= 8 && n <= 10 && isNumericRow(cells[n-7:]):
			for _, c := range cells[:n-7] {
				if firstMatch(requestRowRules, plainKey(c.text)) != "" {
					return true
				}
			}
		}
	}
	return false
}

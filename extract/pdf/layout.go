package pdf

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Page is what the layout step reads from one page: characters and ruling
// lines with their boxes in points, y growing downwards from the top of
// the page.
type Page struct {
	Width, Height float64
	Chars         []Char
	Rules         []Rect // bounds of thin filled or stroked paths: table borders
	Images        int    // image objects on the page
}

// Char is one character and its box.
type Char struct {
	R              rune
	X0, Y0, X1, Y1 float64
}

// Rect is a box.
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Layout tolerances, in points.
const (
	ruleThick   = 2.5  // a path thinner than this is a ruling line
	ruleMinLen  = 4.0  // and at least this long
	snap        = 3.0  // ruling lines closer than this are one
	minCellSpan = 4.0  // thinner rows or columns of a ruled grid are border gaps
	maxRules    = 4000 // ruling lines read per page (more is a drawing)
	maxChars    = 20000
)

// Layout rebuilds the text lines and tables of pages: ruled tables from
// their ruling lines (merged cells from missing borders), unruled tables
// from the x-gaps of runs of number rows, paragraphs from lines that run
// to the right margin, and tables that continue on the next page as one.
func Layout(pages []Page) *docfile.Document {
	d := &docfile.Document{Pages: len(pages)}
	var items []item
	nextID := 0
	for pi := range pages {
		p := &pages[pi]
		pitems := layoutPage(p, &nextID)
		if len(pitems) == 0 && p.Images > 0 {
			d.ImagePages++
			pitems = append(pitems, item{image: fmt.Sprintf("page %d", pi+1)})
		}
		for i := range pitems {
			pitems[i].page = pi
		}
		items = append(items, pitems...)
	}
	items = joinTables(items, &nextID)
	items = joinParagraphs(items)
	for _, it := range items {
		if it.table != nil || it.image != "" {
			d.Blocks = append(d.Blocks, docfile.Block{Table: it.table, Image: it.image})
			continue
		}
		d.Blocks = append(d.Blocks, docfile.Block{Text: it.text, Size: it.size})
	}
	return d
}

// item is a line of text or a table on a page, in reading order.
type item struct {
	page           int
	y0, y1, x0, x1 float64 // box
	text           string
	size           float64
	table          *docfile.Table
	image          string
	cols           []float64 // a ruled table's column lines, to continue it on the next page
	gap            *gapRun   // a borderless table's lines, to continue it on the next page
	left, right    float64   // the text margins of the page
}

var pageNumberRE = regexp.MustCompile(`^(?:[-—–－―\s]*\d{1,4}[-—–－―\s]*|第\s*\d{1,4}\s*页.*|\d{1,4}\s*/\s*\d{1,4})$`)

// layoutPage turns one page into items sorted top to bottom.
func layoutPage(p *Page, nextID *int) []item {
	chars := make([]Char, 0, min(len(p.Chars), maxChars))
	for _, c := range p.Chars {
		if len(chars) == maxChars {
			break
		}
		if c.R <= ' ' || c.R == 0xfeff || unicode.IsControl(c.R) || !finiteBox(c.X0, c.Y0, c.X1, c.Y1) ||
			c.X1 < c.X0 || c.Y1 <= c.Y0 {
			continue
		}
		chars = append(chars, c)
	}
	hs, vs := splitRules(p.Rules)
	var items []item
	used := make([]bool, len(chars))
	for _, t := range ruledTables(hs, vs) {
		tab, ok := t.fill(chars, used, nextID)
		if ok {
			items = append(items, item{y0: t.ys[0], y1: t.ys[len(t.ys)-1], x0: t.xs[0], x1: t.xs[len(t.xs)-1], table: tab, cols: t.xs})
		}
	}
	var free []Char
	for i, c := range chars {
		if !used[i] {
			free = append(free, c)
		}
	}
	lines := buildLines(free)
	// Page numbers in the top or bottom margin are furniture.
	lines = slices.DeleteFunc(lines, func(l textLine) bool {
		margin := p.Height * 0.15
		return pageNumberRE.MatchString(strings.TrimSpace(l.text())) && (p.Height <= 0 || l.y0 < margin || l.y1 > p.Height-margin)
	})
	items = append(items, gapTables(lines, nextID)...)
	left, right := margins(lines)
	for i := range items {
		items[i].left, items[i].right = left, right
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.y0, b.y0) })
	return items
}

func finiteBox(v ...float64) bool {
	for _, f := range v {
		if f != f || f > 1e6 || f < -1e6 {
			return false
		}
	}
	return true
}

// margins are the leftmost start and rightmost end of the page's text
// lines.
func margins(lines []textLine) (left, right float64) {
	for i, l := range lines {
		if i == 0 || l.x0 < left {
			left = l.x0
		}
		if i == 0 || l.x1 > right {
			right = l.x1
		}
	}
	return left, right
}

// joinTables continues a table that a page break cut: a ruled table that
// opens a page with the column lines of the table that closed the previous
// page is the same table. A header row repeated at the top of the new page
// is dropped. A borderless table continues the same way when its number
// columns are those of the table before (continueGap).
func joinTables(items []item, nextID *int) []item {
	var out []item
	for _, it := range items {
		if n := len(out); n > 0 && it.gap != nil && out[n-1].gap != nil && out[n-1].page == it.page-1 && firstOnPage(items, it) {
			if gr, tab, ok := continueGap(out[n-1].gap, it.gap, nextID); ok {
				out[n-1].gap, out[n-1].table, out[n-1].page = gr, tab, it.page
				continue
			}
		}
		if n := len(out); n > 0 && it.table != nil && out[n-1].table != nil && out[n-1].page == it.page-1 &&
			sameColumns(out[n-1].cols, it.cols) && firstOnPage(items, it) {
			prev := out[n-1].table
			rows := it.table.Rows
			if len(rows) > 0 && len(prev.Rows) > 0 && rowText(rows[0]) == rowText(prev.Rows[0]) {
				rows = rows[1:]
			}
			continueSpans(prev, rows)
			prev.Rows = append(prev.Rows, rows...)
			out[n-1].page = it.page
			continue
		}
		out = append(out, it)
	}
	return out
}

// continueSpans gives the cells at the top of a table's continuation the
// id of the cell above them on the previous page when they carry on a
// merged cell: an empty cell (the rest of a rowspan) or, in a group column,
// a label with no numbering of its own (a label whose text ran over the
// page break, such as （四）无 | 法提供).
func continueSpans(prev *docfile.Table, rows [][]docfile.Cell) {
	if len(rows) == 0 || len(prev.Rows) == 0 {
		return
	}
	last := prev.Rows[len(prev.Rows)-1]
	top := rows[0]
	for c := 0; c < min(len(last), len(top)); c++ {
		from, to := top[c], last[c]
		if isNumber(from.Text) || isNumber(to.Text) || to.Text == "" {
			continue
		}
		// A label carries on only in a group column: one with a label of
		// its own row to its right (（四）无法提供 | 2.没有现成信息…).
		if from.Text != "" && (headingRE.MatchString(from.Text) || c == len(top)-1 || top[c+1].ID == from.ID ||
			top[c+1].Text == "" || isNumber(top[c+1].Text)) {
			continue
		}
		if c > 0 && last[c-1].ID == to.ID {
			continue // to is spanned from the left: not a column of its own
		}
		for _, row := range rows {
			for k := range row {
				if row[k].ID == from.ID {
					row[k].ID = to.ID
				}
			}
		}
		if from.Text != "" {
			for _, row := range prev.Rows {
				for k := range row {
					if row[k].ID == to.ID {
						row[k].Text += from.Text
					}
				}
			}
		}
		for _, row := range rows {
			for k := range row {
				if row[k].ID == to.ID {
					row[k].Text = last[c].Text
				}
			}
		}
	}
}

// firstOnPage reports whether it is the first item of its page.
func firstOnPage(items []item, it item) bool {
	for _, o := range items {
		if o.page == it.page {
			return o.y0 == it.y0 && o.table == it.table
		}
	}
	return false
}

func sameColumns(a, b []float64) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for i := range a {
		if d := a[i] - b[i]; d > snap || d < -snap {
			return false
		}
	}
	return true
}

func rowText(row []docfile.Cell) string {
	var b strings.Builder
	for _, c := range row {
		b.WriteString(c.Text)
		b.WriteByte('|')
	}
	return b.String()
}

// joinParagraphs joins a text line to the one before when that one runs to
// the right margin and this one starts at the left margin (a first line is
// indented), also across a page break: PDF lines are the printer's, not
// the author's.
func joinParagraphs(items []item) []item {
	var out []item
	for _, it := range items {
		if n := len(out); n > 0 && it.text != "" && out[n-1].text != "" && continues(out[n-1], it) {
			prev := &out[n-1]
			prev.text += it.text
			prev.x1, prev.y1, prev.page, prev.right, prev.left = it.x1, it.y1, it.page, it.right, it.left
			continue
		}
		out = append(out, it)
	}
	return out
}

var headingRE = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+\s*[.、．])`)

func continues(prev, next item) bool {
	h := max(min(prev.size, next.size), 1)
	if max(prev.size, next.size) > 1.35*h {
		return false
	}
	// A line that fills a measure of fewer than 15 characters is no
	// paragraph line (a page of one short line fills its own margins).
	if prev.x1 < prev.right-1.5*h || prev.x1-prev.x0 < 15*h || next.x0 > next.left+0.5*h || headingRE.MatchString(next.text) {
		return false
	}
	// On one page, the next line must follow closely.
	return next.page != prev.page || next.y0-prev.y1 < 1.2*h
}

package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep hostile span values from blowing a grid up.
const (
	maxColspan  = 64
	maxRowspan  = 512
	maxGridRows = 2000
)

// buildGrid expands an HTML table into a grid. Rows of nested tables are not
// part of it (callers decide whether a table with nested tables is layout).
// rowspan="0" runs to the end of the table, as browsers read it.
func buildGrid(table *html.Node, nextID *int) *grid {
	trs := tableRows(table)
	if len(trs) > maxGridRows {
		trs = trs[:maxGridRows]
	}
	g := &grid{rows: make([][]gcell, len(trs))}
	for r, tr := range trs {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for col < len(g.rows[r]) && g.rows[r][col].id != 0 {
				col++
			}
			rs := spanAttr(td, "rowspan", len(trs)-r, maxRowspan)
			cs := spanAttr(td, "colspan", 1, maxColspan)
			*nextID++
			text, img := cellText(td)
			if img {
				g.images++
			}
			c := gcell{text: text, id: *nextID}
			for dr := 0; dr < rs && r+dr < len(trs); dr++ {
				row := g.rows[r+dr]
				for len(row) < col+cs {
					row = append(row, gcell{})
				}
				for dc := 0; dc < cs; dc++ {
					if row[col+dc].id == 0 {
						row[col+dc] = c
					}
				}
				g.rows[r+dr] = row
			}
			col += cs
		}
	}
	// Holes left by irregular Word tables become empty cells of their own.
	for r := range g.rows {
		for c := range g.rows[r] {
			if g.rows[r][c].id == 0 {
				*nextID++
				g.rows[r][c].id = *nextID
			}
		}
	}
	return g
}

// tableRows lists the rows of table itself, through thead/tbody/tfoot, but
// not the rows of tables nested in its cells.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(table)
	return rows
}

// spanAttr reads rowspan/colspan; missing or invalid values are 1, zero
// means zeroMeans, and values are capped.
func spanAttr(n *html.Node, name string, zeroMeans, limit int) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(a.Val))
		switch {
		case err != nil || v < 0:
			return 1
		case v == 0:
			return max(1, min(zeroMeans, limit))
		}
		return min(v, limit)
	}
	return 1
}

// cellText joins the text of a cell without separators — Word exports split
// labels over <p>, <span> and <br> ("结</p><p>果", "本年新<br>制作数量") and
// numbers over spans ("2</span><span>0") — and collapses white space. img
// reports a cell whose only content is an image.
func cellText(td *html.Node) (text string, img bool) {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style:
				return
			case atom.Img:
				img = true
			case atom.Table:
				// A nested table's text belongs to the nested grid.
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	for c := td.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	text = joinCJK(collapseSpace(b.String()))
	return text, img && text == ""
}

// joinCJK removes single spaces that sit between two non-ASCII characters
// or between a non-ASCII character and a digit: markup splits Chinese text
// at arbitrary points and the resulting spaces mean nothing.
func joinCJK(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && glueable(rs[i-1], rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func glueable(a, b rune) bool {
	wide := func(r rune) bool { return r > 0x2e80 }
	digit := func(r rune) bool { return r >= '0' && r <= '9' }
	return (wide(a) && wide(b)) || (wide(a) && digit(b)) || (digit(a) && wide(b))
}

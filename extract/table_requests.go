package extract

import "strings"

// requestsFound is table 三 as read: rows by key, in the order found.
type requestsFound struct {
	rows  map[string][]*float64
	grids int        // grids that contributed rows
	order []foundRow // rows in reading order, labelled or not
}

// readRequests reads table 三 from the grids that may hold it. Columns are
// placed by their headers (自然人 … 总计) when the grid has them, else the
// last seven cells of a row are the values — the layout of copied text and
// of a table split by a page break.
func readRequests(ts *tableSet, grids []*grid) requestsFound {
	found := requestsFound{rows: map[string][]*float64{}}
	var cols []int // grid column of each of the seven values
	prevWidth := 0
	for _, g := range grids {
		if c := requestColumns(g); c != nil {
			cols, prevWidth = c, g.width()
		} else if g.width() != prevWidth || g.text {
			cols = nil
		}
		used := false
		var pending []string // labels of rows without values: the first parts of a wrapped label
		for _, row := range g.rows {
			label, vals := splitRequestRow(trimTrailingBlanks(row, g.text), cols)
			if vals == nil {
				if cells := distinctCells(row); len(cells) > 0 && !isNumericRow(cells) {
					pending = append(pending, cells[len(cells)-1].text)
				}
				continue
			}
			if strings.Contains(plainKey(label.leaf), "小计") {
				ts.warnf("table requests: subtotal row %q is not part of the template; ignored", label.full)
				pending = nil
				continue
			}
			key := firstMatch(requestRowRules, plainKey(label.leaf))
			if key == "" {
				key = firstMatch(requestRowRules, plainKey(label.full))
			}
			soft := ""
			if key == "" {
				soft = pendingMatch(pending, label.leaf)
			}
			pending = nil
			if key == "" {
				if isNumericRow(vals) {
					// Placed by template order once every labelled row is
					// known; a label read from the lines before it only
					// helps where the order leaves a choice.
					values, _, _, _ := rowValues(vals)
					found.order = append(found.order, foundRow{soft: soft, label: label.full, values: values})
				}
				continue
			}
			if _, dup := found.rows[key]; !dup {
				found.order = append(found.order, foundRow{key: key})
			}
			values, _, ok, bad := rowValues(vals)
			if ok == 0 && bad > 0 {
				continue // a header row that happens to contain a row word
			}
			if label.shifted {
				ts.warnf("table requests: row %s has more cells than columns; its values do not line up and are null", requestRowLabels[key])
				values = make([]*float64, len(requestColumnKeys))
			}
			if bad > 0 {
				ts.warnf("table requests: row %s has %d cells that are not numbers; they are null", requestRowLabels[key], bad)
			}
			if prev, dup := found.rows[key]; dup {
				if !sameValues(prev, values) {
					ts.warnf("table requests: row %s appears twice with different values; the first is kept", requestRowLabels[key])
				}
				continue
			}
			found.rows[key] = values
			used = true
		}
		if used {
			found.grids++
		}
	}
	fillGaps(ts, &found)
	return found
}

// rowLabel is a row's label: every label cell joined, and the innermost.
// shifted is set when a label cell holds a number: the values do not line
// up with the columns.
type rowLabel struct {
	full, leaf string
	shifted    bool
}

// splitRequestRow separates label cells from the seven value cells. It
// returns nil values for rows that cannot hold seven values.
func splitRequestRow(row []gcell, cols []int) (rowLabel, []gcell) {
	var labelCells, vals []gcell
	if cols != nil {
		if len(row) <= cols[len(cols)-1] {
			return rowLabel{}, nil
		}
		isVal := map[int]bool{}
		for _, c := range cols {
			vals = append(vals, row[c])
			isVal[c] = true
		}
		for i := 0; i < cols[0]; i++ {
			labelCells = append(labelCells, row[i])
		}
	} else {
		// One to three label cells and seven values; a longer row is
		// another table's (the 15 cells of table 四). Seven numbers alone
		// are a row whose label stands elsewhere.
		cells := distinctCells(row)
		switch g := len(cells); {
		case g >= 8 && g <= 10:
			labelCells, vals = cells[:g-7], cells[g-7:]
		case g == 7 && isNumericRow(cells):
			vals = cells
		default:
			return rowLabel{}, nil
		}
	}
	var l rowLabel
	for i, c := range labelCells {
		if i > 0 && labelCells[i-1].id == c.id {
			continue
		}
		l.full += c.text
		if parseCell(c.text).ok {
			l.shifted = true
			continue
		}
		if strings.TrimSpace(c.text) != "" {
			l.leaf = c.text
		}
	}
	return l, vals
}

// requestColumns finds the seven value columns of a grid from its header
// rows: for each grid column the lowest header cell that names one of the
// columns decides. nil when the header is not complete.
func requestColumns(g *grid) []int {
	header := 0
	for header < len(g.rows) {
		cells := distinctCells(g.rows[header])
		if len(cells) > 0 && firstMatch(requestRowRules, plainKey(cells[0].text)) != "" {
			break
		}
		if isNumericRow(cells[len(cells)/2:]) {
			break
		}
		header++
	}
	if header == 0 {
		return nil
	}
	cols := make([]int, len(requestColumnKeys))
	for i := range cols {
		cols[i] = -1
	}
	w := g.width()
	for j := 0; j < w; j++ {
		for r := header - 1; r >= 0; r-- {
			if j >= len(g.rows[r]) {
				continue
			}
			key := firstMatch(requestColumnRules, plainKey(g.rows[r][j].text))
			if key == "" {
				continue
			}
			idx := indexOf(requestColumnKeys, key)
			if cols[idx] == -1 {
				cols[idx] = j
			}
			break
		}
	}
	for i, c := range cols {
		if c == -1 || (i > 0 && c <= cols[i-1]) {
			return nil
		}
	}
	return cols
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func sameValues(a, b []*float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || (a[i] != nil && *a[i] != *b[i]) {
			return false
		}
	}
	return true
}

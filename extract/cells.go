package extract

// Cell is one numeric cell of the template tables, as CellsOf lists it.
type Cell struct {
	// Path names the cell inside "tables", in the form Check.Cells uses:
	// "active.<row>.<field>", "requests.<row>.<column>",
	// "reviews.<group>.<field>".
	Path string `json:"path"`
	// Label is the template's wording of the cell's row and column, e.g.
	// "表三 （一）予以公开 / 自然人".
	Label string `json:"label"`
	// Text is the value as the report wrote it (no exponent, no trailing
	// zeros); Blank is set, and Text empty, for a blank cell.
	Text  string `json:"text"`
	Blank bool   `json:"blank,omitempty"`
}

// CellsOf lists every cell of rep's tables as TableCells does — table by
// table, rows and columns in template order — with the place joined into a
// path and one label. A table that is nil contributes nothing, so a table
// that appears or disappears shows as cells gained or lost. A stated unit
// (procurement's amount_unit) is part of the cell's text: a changed unit is
// a changed figure.
func CellsOf(rep *Report) []Cell {
	tcs := TableCells(rep)
	out := make([]Cell, len(tcs))
	for i, c := range tcs {
		out[i] = Cell{Path: c.Table + "." + c.Row + "." + c.Column,
			Label: tableNumbers[c.Table] + " " + c.RowLabel + " / " + c.ColumnLabel,
			Text:  FormatCell(c.Value) + c.Unit, Blank: c.Value == nil}
	}
	return out
}

// tableNumbers are the tables' numbers in the report (二, 三, 四).
var tableNumbers = map[string]string{TableActive: "表二", TableRequests: "表三", TableReviews: "表四"}

// CellChange is a cell whose value differs between two extractions. Old
// or New is nil when the cell (its whole table) is absent on that side.
type CellChange struct {
	Path  string `json:"path"`
	Label string `json:"label"`
	Old   *Cell  `json:"old"`
	New   *Cell  `json:"new"`
}

// DiffCells lists the cells whose value differs from old to cur, in cur's
// order, then the cells cur lost, in old's order.
func DiffCells(old, cur []Cell) []CellChange {
	before := make(map[string]int, len(old))
	for i, c := range old {
		before[c.Path] = i
	}
	var out []CellChange
	seen := make(map[string]bool, len(cur))
	for i := range cur {
		c := &cur[i]
		seen[c.Path] = true
		j, ok := before[c.Path]
		if !ok {
			out = append(out, CellChange{Path: c.Path, Label: c.Label, New: c})
			continue
		}
		if o := &old[j]; o.Text != c.Text || o.Blank != c.Blank {
			out = append(out, CellChange{Path: c.Path, Label: c.Label, Old: o, New: c})
		}
	}
	for i := range old {
		if !seen[old[i].Path] {
			out = append(out, CellChange{Path: old[i].Path, Label: old[i].Label, Old: &old[i]})
		}
	}
	return out
}

// reviewFieldLabels are the template's wording of table 四's five cells
// (ReviewFields).
var reviewFieldLabels = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

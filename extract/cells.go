package extract

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

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

// CellsOf lists every cell of t's tables in template order: table 二 row
// by row, then 三, then 四. A table that is nil contributes nothing, so a
// table that appears or disappears shows as cells gained or lost. Text
// fields of table 二 (amount_unit) are cells too: a changed unit is a
// changed figure.
func CellsOf(t Tables) []Cell {
	var out []Cell
	if a := t.Active; a != nil {
		for _, row := range activeRowOrder(a) {
			fields := a.Rows[row]
			for _, f := range activeFieldOrder(fields) {
				text, blank := activeText(fields[f])
				out = append(out, Cell{Path: "active." + row + "." + f,
					Label: "表二 " + labelOr(activeRowLabels, row) + " / " + labelOr(activeFieldLabels, f), Text: text, Blank: blank})
			}
		}
	}
	if q := t.Requests; q != nil {
		rows := requestRowsT2021
		if _, ok := q.Rows["other"]; ok {
			rows = requestRowsT2019
		}
		for _, row := range rows {
			vals, ok := q.Rows[row]
			if !ok {
				continue
			}
			for c := range requestColumnKeys {
				var v *float64
				if c < len(vals) {
					v = vals[c]
				}
				out = append(out, numberCell(requestCell(row, c), "表三 "+requestRowLabels[row]+" / "+requestColumnLabels[c], v))
			}
		}
	}
	if rv := t.Reviews; rv != nil {
		for g, cells := range []*ReviewCells{&rv.Review, &rv.LitigationDirect, &rv.LitigationAfterReview} {
			for f, v := range cells.cells() {
				out = append(out, numberCell(reviewCell(g, f), "表四 "+reviewGroupLabels[g]+" / "+reviewFieldLabels[f], v))
			}
		}
	}
	return out
}

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

func numberCell(path, label string, v *float64) Cell {
	if v == nil {
		return Cell{Path: path, Label: label, Blank: true}
	}
	return Cell{Path: path, Label: label, Text: FormatCell(v)}
}

// activeText reads a table 二 value as an extraction holds it: *float64
// when made, float64 or json.Number after a JSON round trip, a string for
// amount_unit.
func activeText(v any) (string, bool) {
	switch n := v.(type) {
	case nil:
		return "", true
	case *float64:
		if n == nil {
			return "", true
		}
		return strconv.FormatFloat(*n, 'f', -1, 64), false
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64), false
	case json.Number:
		return n.String(), false
	case string:
		return n, n == ""
	}
	return "", true
}

// activeRowOrder lists a's rows in the order of the template they belong
// to, then any others by key.
func activeRowOrder(a *Active) []string {
	known := activeRows[TemplateT2019]
	if _, ok := a.Rows["other_services"]; !ok {
		if _, ok := a.Rows["procurement"]; !ok {
			known = activeRows[TemplateT2021]
		}
	}
	var out []string
	for _, r := range known {
		if _, ok := a.Rows[r]; ok {
			out = append(out, r)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(a.Rows)) {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// activeFieldOrder lists a row's fields in the order of activeFieldLabels'
// keys as the templates place them, then any others by key.
func activeFieldOrder(fields map[string]any) []string {
	var out []string
	for _, f := range activeFieldSeq {
		if _, ok := fields[f]; ok {
			out = append(out, f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(fields)) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func labelOr(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// The template's wording of table 二's rows and fields (the T2019 form's,
// then T2021's for fields T2019 lacks; layout.go) and of table 四's cells:
// data, used for Cell.Label.
var (
	activeRowLabels, activeFieldLabels = activeTexts()
	activeFieldSeq                     = []string{"new_made", "new_published", "total_published", "issued", "repealed", "in_force", "prev_items", "change", "decisions", "amount_wan_yuan", "items", "amount", "amount_unit"}
	reviewFieldLabels                  = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
)

func activeTexts() (rows, fields map[string]string) {
	rows, fields = map[string]string{}, map[string]string{"amount_unit": "采购总金额单位"}
	for _, template := range []string{TemplateT2019, TemplateT2021} {
		for _, b := range activeForms[template] {
			for _, r := range b.Rows {
				if _, ok := rows[r.Key]; !ok {
					rows[r.Key] = r.Text
				}
			}
			for _, f := range b.Fields {
				if _, ok := fields[f.Key]; !ok {
					fields[f.Key] = f.Text
				}
			}
		}
	}
	return rows, fields
}

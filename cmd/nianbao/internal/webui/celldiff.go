package webui

import (
	"strconv"

	"github.com/nianbao/nianbao/extract"
)

// flatCell is one template table cell with a readable place.
type flatCell struct {
	ID, Place string
	V         *float64
}

// cellValue is one side of a changed cell. Absent is set when the table
// itself is missing from that version.
type cellValue struct {
	Text         string
	Null, Absent bool
}

// cellChange is a table cell whose value differs between two versions.
type cellChange struct {
	ID, Place string
	Old, New  cellValue
}

// tableChange is a table whose table_status differs between two versions.
type tableChange struct {
	Table, Old, New string
}

// flatCells lists every cell of rep's three tables in page order.
func flatCells(rep *extract.Report) []flatCell {
	var out []flatCell
	if a := rep.Tables.Active; a != nil {
		for _, b := range activeBlocks[activeTemplate(rep)] {
			for _, r := range b.rows {
				for _, f := range b.fields {
					out = append(out, flatCell{cellID("active", r[0], f[0]), "表二 " + r[1] + " / " + f[1], numberOf(a.Rows[r[0]][f[0]])})
				}
			}
		}
	}
	if q := rep.Tables.Requests; q != nil {
		for _, lr := range requestRows {
			vals, ok := q.Rows[lr.key]
			if lr.key == "" || !ok {
				continue
			}
			for c, name := range requestColumns {
				var v *float64
				if c < len(vals) {
					v = vals[c]
				}
				out = append(out, flatCell{cellID("requests", lr.key, strconv.Itoa(c)), "表三 " + lr.label + " / " + name, v})
			}
		}
	}
	if rv := rep.Tables.Reviews; rv != nil {
		for g, cells := range reviewGroupsOf(rv) {
			for f, v := range reviewValues(cells) {
				out = append(out, flatCell{cellID("reviews", reviewGroupKeys[g], reviewCellKeys[f]), "表四 " + reviewGroupNames[g] + " / " + reviewCellNames[f], v})
			}
		}
	}
	return out
}

// cellDiff lists the cells whose value differs between old and cur: a
// changed number, a number become blank or blank become a number, and
// the cells of a table that appeared or disappeared. Tables whose status
// changed are listed too.
func cellDiff(old, cur *extract.Report) ([]cellChange, []tableChange) {
	var tables []tableChange
	for _, t := range [][3]string{
		{"二、主动公开政府信息情况", old.TableStatus.Active, cur.TableStatus.Active},
		{"三、收到和处理政府信息公开申请情况", old.TableStatus.Requests, cur.TableStatus.Requests},
		{"四、政府信息公开行政复议、行政诉讼情况", old.TableStatus.Reviews, cur.TableStatus.Reviews},
	} {
		if t[1] != t[2] {
			tables = append(tables, tableChange{t[0], t[1], t[2]})
		}
	}
	before := map[string]flatCell{}
	for _, c := range flatCells(old) {
		before[c.ID] = c
	}
	var out []cellChange
	for _, c := range flatCells(cur) {
		o, ok := before[c.ID]
		delete(before, c.ID)
		ov := cellValue{Absent: !ok}
		if ok {
			ov = valueOf(o.V)
		}
		if nv := valueOf(c.V); ov != nv {
			out = append(out, cellChange{ID: c.ID, Place: c.Place, Old: ov, New: nv})
		}
	}
	for _, c := range flatCells(old) { // cells of tables the new version lost, in order
		if _, gone := before[c.ID]; gone {
			out = append(out, cellChange{ID: c.ID, Place: c.Place, Old: valueOf(c.V), New: cellValue{Absent: true}})
		}
	}
	return out, tables
}

func valueOf(v *float64) cellValue { return cellValue{Text: formatCell(v), Null: v == nil} }

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
		for _, b := range activeForm(rep) {
			for _, r := range b.Rows {
				for _, f := range b.Fields {
					out = append(out, flatCell{cellID("active", r.Key, f.Key), "表二 " + r.Text + " / " + f.Text, extract.CellNumber(a.Rows[r.Key][f.Key])})
				}
			}
		}
	}
	if q := rep.Tables.Requests; q != nil {
		columns := extract.RequestColumnLabels()
		for _, lr := range extract.RequestRows() {
			vals, ok := q.Rows[lr.Key]
			if lr.Key == "" || !ok {
				continue
			}
			for c, name := range columns {
				var v *float64
				if c < len(vals) {
					v = vals[c]
				}
				out = append(out, flatCell{cellID("requests", lr.Key, strconv.Itoa(c)), "表三 " + lr.Text + " / " + name, v})
			}
		}
	}
	if rv := rep.Tables.Reviews; rv != nil {
		groups, fields := extract.ReviewGroups(), extract.ReviewFields()
		for g, cells := range rv.Groups() {
			for f, v := range cells.Values() {
				out = append(out, flatCell{cellID("reviews", groups[g].Key, fields[f].Key), "表四 " + groups[g].Text + " / " + fields[f].Text, v})
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
	titles := extract.TableTitles()
	for _, t := range [][3]string{
		{titles[0].Text, old.TableStatus.Active, cur.TableStatus.Active},
		{titles[1].Text, old.TableStatus.Requests, cur.TableStatus.Requests},
		{titles[2].Text, old.TableStatus.Reviews, cur.TableStatus.Reviews},
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

func valueOf(v *float64) cellValue { return cellValue{Text: extract.FormatCell(v), Null: v == nil} }

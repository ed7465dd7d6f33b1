package extract

import "strings"

// activeFound is table 二 as read: per row key, per field key, a value.
type activeFound struct {
	rows    map[string]map[string]*float64
	units   map[string]string // procurement amount unit, fee unit as written
	fields  map[string]bool   // every field header seen
	present bool              // a grid of this kind was seen
}

// readActive reads table 二. Each block of the table has a header row
// (信息内容 | 本年制发件数 | …) — in copied text one header cell per line —
// that names the fields of the rows under it; values are matched to those
// fields in order.
func readActive(ts *tableSet, grids []*grid) activeFound {
	found := activeFound{rows: map[string]map[string]*float64{}, units: map[string]string{}, fields: map[string]bool{}}
	for _, g := range grids {
		found.present = true
		var fields []string
		fresh := true // the next header cell starts a new header
		for _, row := range g.rows {
			cells := distinctCells(row)
			if len(cells) == 0 {
				continue
			}
			first := plainKey(cells[0].text)
			if key := firstMatch(activeRowRules, first); key != "" && len(cells) > 1 && !isHeaderCells(cells[1:]) {
				readActiveRow(ts, &found, key, fields, cells[1:])
				fresh = true
				continue
			}
			hdr := headerFields(cells)
			if len(hdr) == 0 {
				if strings.Contains(first, "信息内容") || strings.Contains(first, "第二十条") {
					fields, fresh = nil, false
				}
				continue
			}
			if fresh {
				fields, fresh = nil, false
			}
			fields = append(fields, hdr...)
			for _, f := range hdr {
				found.fields[f] = true
			}
			if unit := unitIn(row); unit != "" {
				found.units["header:"+hdr[len(hdr)-1]] = unit
			}
		}
	}
	return found
}

// isHeaderCells reports cells that name fields rather than hold values.
func isHeaderCells(cells []gcell) bool { return len(headerFields(cells)) > 0 }

// headerFields lists the fields named by a row's cells, in order.
func headerFields(cells []gcell) []string {
	var out []string
	for _, c := range cells {
		if f := firstMatch(activeFieldRules, plainKey(c.text)); f != "" {
			if parseCell(c.text).ok {
				continue
			}
			out = append(out, f)
		}
	}
	return out
}

// unitIn finds a unit named in a header row ("（单位：万元）", "（元）").
func unitIn(row []gcell) string {
	for _, c := range row {
		k := labelKey(c.text)
		switch {
		case strings.Contains(k, "万元"):
			return "万元"
		case strings.Contains(k, "(元)"), strings.Contains(k, "单位:元"):
			return "元"
		}
	}
	return ""
}

func readActiveRow(ts *tableSet, found *activeFound, key string, fields []string, cells []gcell) {
	if _, dup := found.rows[key]; dup {
		ts.warnf("table active: row %s appears twice; the first is kept", key)
		return
	}
	values, units, ok, bad := rowValues(cells)
	// Irregular Word tables leave empty cells after the last value.
	for len(values) > len(fields) && len(fields) > 0 && values[len(values)-1] == nil && strings.TrimSpace(cells[len(values)-1].text) == "" {
		values, units = values[:len(values)-1], units[:len(units)-1]
	}
	if bad > 0 {
		ts.warnf("table active: row %s has %d cells that are not numbers; they are null", key, bad)
	}
	if len(fields) == 0 {
		ts.warnf("table active: row %s has no header; its %d values are not placed", key, ok)
		return
	}
	if len(values) != len(fields) {
		ts.warnf("table active: row %s has %d cells for %d columns; they do not line up and are null", key, len(values), len(fields))
		values, units = make([]*float64, len(fields)), make([]string, len(fields))
	}
	row := map[string]*float64{}
	for i, f := range fields {
		if i < len(values) {
			row[f] = values[i]
			if units[i] != "" {
				found.units[key+":"+f] = units[i]
			}
		} else {
			row[f] = nil
		}
	}
	found.rows[key] = row
}

package extract

// assembleTables turns what the readers found into the report's tables for
// the template, with a status per table. A table that is absent, empty or
// drawn as an image is nil.
func assembleTables(ts *tableSet, template string, images map[int]bool) (Tables, TableStatus, []string) {
	var t Tables
	var st TableStatus
	var warn []string

	t.Active, st.Active = assembleActive(ts, template)
	t.Requests, st.Requests = assembleRequests(ts, template)
	t.Reviews, st.Reviews = ts.reviews, ts.reviewsStatus

	// In report order, so the warnings come out in a stable order (ranging
	// over a map would shuffle them from run to run).
	for _, tb := range []struct {
		name    string
		section int
		status  *string
	}{{"active", 2, &st.Active}, {"requests", 3, &st.Requests}, {"reviews", 4, &st.Reviews}} {
		// A section that shows an image where its table should be.
		if (*tb.status == StatusAbsent || *tb.status == StatusEmpty) && images[tb.section] {
			*tb.status = StatusImage
		}
		switch *tb.status {
		case StatusImage:
			warn = append(warn, "table "+tb.name+" is an image; its numbers are not extracted")
		case StatusEmpty:
			warn = append(warn, "table "+tb.name+" has no numbers; it is null")
		}
	}
	if st.Active != StatusOK && st.Active != StatusPartial {
		t.Active = nil
	}
	if st.Requests != StatusOK && st.Requests != StatusPartial {
		t.Requests = nil
	}
	if st.Reviews != StatusOK && st.Reviews != StatusPartial {
		t.Reviews = nil
	}
	return t, st, warn
}

func assembleActive(ts *tableSet, template string) (*Active, string) {
	f := ts.active
	if !f.present {
		return nil, StatusAbsent
	}
	layout, ok := activeLayout[template]
	if !ok {
		if len(f.rows) == 0 {
			return nil, StatusEmpty
		}
		// Unknown template: keep what the headers named.
		a := &Active{Rows: map[string]map[string]any{}}
		for k, row := range f.rows {
			a.Rows[k] = anyRow(row)
		}
		return a, StatusPartial
	}
	a := &Active{Rows: map[string]map[string]any{}}
	numbers, missing := 0, 0
	for _, key := range activeRows[template] {
		row := map[string]any{}
		for _, field := range layout[key] {
			v := f.rows[key][field]
			if v == nil {
				missing++
				row[field] = nil
				continue
			}
			numbers++
			row[field] = *v
		}
		if key == "procurement" {
			unit := f.units["procurement:amount"]
			if unit == "" {
				unit = f.units["header:amount"]
			}
			row["amount_unit"] = unit
		}
		a.Rows[key] = row
	}
	if f.units["fees:amount_wan_yuan"] == "元" {
		ts.warnf("table active: 行政事业性收费 is written in 元 although the column is in 万元; the number is kept as written")
	}
	switch {
	case numbers == 0:
		return nil, StatusEmpty
	case missing > 0:
		return a, StatusPartial
	}
	return a, StatusOK
}

func anyRow(row map[string]*float64) map[string]any {
	out := map[string]any{}
	for k, v := range row {
		if v == nil {
			out[k] = nil
		} else {
			out[k] = *v
		}
	}
	return out
}

// requestKeys is the row set of table 三: from its own （六） rows when it
// has them, else from the template.
func requestKeys(f requestsFound, template string) []string {
	for _, k := range []string{"other_no_correction", "other_no_fee", "other_misc"} {
		if _, ok := f.rows[k]; ok {
			return requestRowsT2021
		}
	}
	if _, ok := f.rows["other"]; ok {
		return requestRowsT2019
	}
	if template == TemplateT2019 {
		return requestRowsT2019
	}
	return requestRowsT2021
}

func assembleRequests(ts *tableSet, template string) (*Requests, string) {
	f := ts.requests
	if f.grids == 0 {
		return nil, StatusAbsent
	}
	r := &Requests{Columns: append([]string{}, requestColumnKeys...), Rows: map[string][]*float64{}}
	numbers, missing := 0, 0
	for _, key := range requestKeys(f, template) {
		vals, ok := f.rows[key]
		if !ok {
			vals = make([]*float64, len(requestColumnKeys))
			ts.warnf("table requests: row %s not found; its cells are null", requestRowLabels[key])
		}
		for _, v := range vals {
			if v == nil {
				missing++
			} else {
				numbers++
			}
		}
		r.Rows[key] = vals
	}
	switch {
	case numbers == 0:
		return nil, StatusEmpty
	case missing > 0:
		return r, StatusPartial
	}
	return r, StatusOK
}

package extract

import "sort"

// The tables' cells one by one, each with its place and the form's labels
// kept apart (the spreadsheet exports lay them out as columns); CellsOf
// joins the same into a path and one label for diffs.

// Table keys (the keys under Report.Tables and TableStatus), in template
// order.
const (
	TableActive   = "active"
	TableRequests = "requests"
	TableReviews  = "reviews"
)

// TableTitles returns the three tables' keys with their section headings.
func TableTitles() []Label {
	return []Label{
		{TableActive, "二、主动公开政府信息情况"},
		{TableRequests, "三、收到和处理政府信息公开申请情况"},
		{TableReviews, "四、政府信息公开行政复议、行政诉讼情况"},
	}
}

// ActiveTemplate picks the table 二 layout of rep: its template when that
// is T2019 or T2021, else the one whose fields its rows carry (T2019 when
// nothing tells).
func ActiveTemplate(rep *Report) string {
	if _, ok := activeForms[rep.Template]; ok {
		return rep.Template
	}
	if rep.Tables.Active == nil {
		return TemplateT2019
	}
	for _, row := range rep.Tables.Active.Rows {
		if _, ok := row["issued"]; ok {
			return TemplateT2021
		}
		if _, ok := row["decisions"]; ok {
			if _, ok := row["prev_items"]; !ok {
				return TemplateT2021
			}
		}
	}
	return TemplateT2019
}

// Values returns the group's five cells in the order of ReviewFields.
func (c ReviewCells) Values() []*float64 {
	return []*float64{c.Upheld, c.Corrected, c.Other, c.Pending, c.Total}
}

// Groups returns the three groups in the order of ReviewGroups.
func (r *Reviews) Groups() []ReviewCells {
	return []ReviewCells{r.Review, r.LitigationDirect, r.LitigationAfterReview}
}

// TableCell is one value of a template table, with its place and its
// labels kept apart (CellsOf joins them into a path and one label).
type TableCell struct {
	Table, Row, Column    string // keys: "requests", "granted", "natural_person"
	RowLabel, ColumnLabel string // the template's wording
	Value                 *float64
	Unit                  string // set when the report states one (procurement's amount_unit)
}

// TableCells returns every cell of the tables rep carries, table by table in
// template order, rows and columns in template order; a blank cell has a
// nil Value. Rows or fields the template does not list (a report that
// mixes templates) follow their table's listed ones, labelled by their
// keys, so nothing a report holds is left out.
func TableCells(rep *Report) []TableCell {
	var out []TableCell
	if a := rep.Tables.Active; a != nil {
		out = append(out, activeCells(a, ActiveTemplate(rep))...)
	}
	if rq := rep.Tables.Requests; rq != nil {
		out = append(out, requestCells(rq)...)
	}
	if rv := rep.Tables.Reviews; rv != nil {
		groups, fields := ReviewGroups(), ReviewFields()
		for gi, g := range rv.Groups() {
			for fi, v := range g.Values() {
				out = append(out, TableCell{Table: TableReviews, Row: groups[gi].Key, RowLabel: groups[gi].Text,
					Column: fields[fi].Key, ColumnLabel: fields[fi].Text, Value: v})
			}
		}
	}
	return out
}

func activeCells(a *Active, template string) []TableCell {
	var out []TableCell
	listed := map[[2]string]bool{}
	for _, b := range activeForms[template] {
		for _, r := range b.Rows {
			row, ok := a.Rows[r.Key]
			if !ok {
				continue
			}
			for _, f := range b.Fields {
				listed[[2]string{r.Key, f.Key}] = true
				c := TableCell{Table: TableActive, Row: r.Key, RowLabel: r.Text, Column: f.Key, ColumnLabel: f.Text, Value: CellNumber(row[f.Key])}
				if unit, ok := row["amount_unit"].(string); ok && f.Key == "amount" {
					c.Unit = unit
				}
				out = append(out, c)
			}
		}
	}
	var extra []TableCell
	for rk, row := range a.Rows {
		for fk, v := range row {
			if _, isText := v.(string); isText || listed[[2]string{rk, fk}] {
				continue
			}
			extra = append(extra, TableCell{Table: TableActive, Row: rk, RowLabel: rk, Column: fk, ColumnLabel: fk, Value: CellNumber(v)})
		}
	}
	sort.Slice(extra, func(i, j int) bool {
		return extra[i].Row < extra[j].Row || extra[i].Row == extra[j].Row && extra[i].Column < extra[j].Column
	})
	return append(out, extra...)
}

func requestCells(rq *Requests) []TableCell {
	var out []TableCell
	cols := RequestColumns()
	emit := func(key, label string) {
		vals := rq.Rows[key]
		for c, col := range cols {
			var v *float64
			if c < len(vals) {
				v = vals[c]
			}
			out = append(out, TableCell{Table: TableRequests, Row: key, RowLabel: label, Column: col.Key, ColumnLabel: col.Text, Value: v})
		}
	}
	listed := map[string]bool{}
	for _, r := range requestForm {
		if r.Key == "" {
			continue
		}
		listed[r.Key] = true
		if _, ok := rq.Rows[r.Key]; ok {
			emit(r.Key, r.Text)
		}
	}
	var extra []string
	for k := range rq.Rows {
		if !listed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		emit(k, k)
	}
	return out
}

package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// checkView is one 勾稽 check as the report page lists it.
type checkView struct {
	extract.Check
	Cells []string // ids of the table cells it involves (cellID)
}

// checkViews pairs each check with the cells it involves, and returns the
// set of cells a failing check involves, for highlighting in the tables.
func checkViews(rep *extract.Report) ([]checkView, map[string]bool) {
	fail := map[string]bool{}
	out := make([]checkView, 0, len(rep.Checks))
	for _, c := range rep.Checks {
		cells := checkCells(rep, c)
		if c.Status == extract.CheckFail {
			for _, id := range cells {
				fail[id] = true
			}
		}
		out = append(out, checkView{Check: c, Cells: cells})
	}
	return out, fail
}

// checkCells names the cells a check compares, from its rule and where
// (the extractor's wording, extract/checks.go); for X1, this report's
// 上年结转 row. Checks over a missing table involve none.
func checkCells(rep *extract.Report, c extract.Check) []string {
	rq := rep.Tables.Requests
	switch c.Rule {
	case "B1", "B3":
		col := slices.Index(requestColumns, strings.TrimPrefix(c.Where, "column "))
		if rq == nil || col < 0 {
			return nil
		}
		var ids []string
		for _, lr := range requestRows {
			_, ok := rq.Rows[lr.key]
			inB1 := lr.key == "new" || lr.key == "carried_in" || lr.key == "total" || lr.key == "carried_out"
			if ok && (inB1 == (c.Rule == "B1") || lr.key == "total") {
				ids = append(ids, cellID("requests", lr.key, strconv.Itoa(col)))
			}
		}
		return ids
	case "B2":
		key, ok := extract.RequestRowOfLabel(strings.TrimPrefix(c.Where, "row "))
		if rq == nil || !ok {
			return nil
		}
		var ids []string
		for col := range requestColumns {
			ids = append(ids, cellID("requests", key, strconv.Itoa(col)))
		}
		return ids
	case "C1":
		g := slices.Index(reviewGroupNames, c.Where)
		if rep.Tables.Reviews == nil || g < 0 {
			return nil
		}
		var ids []string
		for _, f := range reviewCellKeys {
			ids = append(ids, cellID("reviews", reviewGroupKeys[g], f))
		}
		return ids
	case "X1":
		if rq == nil || rq.Rows["carried_in"] == nil {
			return nil
		}
		var ids []string
		for col := range requestColumns {
			ids = append(ids, cellID("requests", "carried_in", strconv.Itoa(col)))
		}
		return ids
	case "N1":
		return n1Cells(c.Detail)
	case "T1":
		switch c.Where {
		case "一、本年新收 总计":
			return []string{cellID("requests", "new", "6")}
		case "行政复议 总计":
			return []string{cellID("reviews", "review", "total")}
		case "行政诉讼 总计":
			return []string{cellID("reviews", "litigation_direct", "total"), cellID("reviews", "litigation_after_review", "total")}
		}
	}
	return nil
}

// n1Cells reads the cells N1 names in its detail: "not a non-negative
// integer: 一、本年新收/自然人=-1, 行政复议/total=0.5".
func n1Cells(detail string) []string {
	_, list, ok := strings.Cut(detail, ": ")
	if !ok {
		return nil
	}
	var ids []string
	for item := range strings.SplitSeq(list, ", ") {
		place, _, _ := strings.Cut(item, "=")
		row, col, _ := strings.Cut(place, "/")
		if key, ok := extract.RequestRowOfLabel(row); ok {
			if c := slices.Index(requestColumns, col); c >= 0 {
				ids = append(ids, cellID("requests", key, strconv.Itoa(c)))
			}
			continue
		}
		if g := slices.Index(reviewGroupNames, row); g >= 0 && slices.Contains(reviewCellKeys, col) {
			ids = append(ids, cellID("reviews", reviewGroupKeys[g], col))
		}
	}
	return ids
}

package webui

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
		cells := checkCells(c)
		if c.Status == extract.CheckFail {
			for _, id := range cells {
				fail[id] = true
			}
		}
		out = append(out, checkView{Check: c, Cells: cells})
	}
	return out, fail
}

// checkCells turns the cells a check names (extract.Check.Cells, paths
// into "tables") into the ids of the rendered cells.
func checkCells(c extract.Check) []string {
	var ids []string
	for _, path := range c.Cells {
		table, rest, _ := strings.Cut(path, ".")
		row, col, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		if table == "requests" { // rendered by column index
			i := slices.Index(extract.RequestColumnKeys(), col)
			if i < 0 {
				continue
			}
			col = strconv.Itoa(i)
		}
		ids = append(ids, cellID(table, row, col))
	}
	return ids
}

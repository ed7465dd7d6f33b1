package webui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/store"
)

// Bounds of the matrix page: reports read per store query, and reports
// read for one page at most (an agency with more is continued on the next
// page).
const (
	matrixFetch   = 500
	matrixMaxRead = 2000
)

// matrixPage is the data of matrix.html.
type matrixPage struct {
	Agency, Year string // the filters as typed
	Limit        int    // agencies per page
	Years        []int  // columns: the years of the agencies shown (0: unknown year)
	Rows         []matrixRow
	Next         string // URL of the next page, empty on the last
}

// matrixRow is one agency.
type matrixRow struct {
	Agency, Region string
	Cells          [][]store.Report // aligned with matrixPage.Years
	// Marks are the late, missing and withdrawn marks of the cells
	// (aligned with Years; "" for none, or for an agency no configured
	// portal publishes for).
	Marks []watch.Status
}

// matrix serves GET /?agency=&year=&limit=&cursor=: agencies × years from
// the report index, limit agencies per page (50 by default), in index
// order. The agency filter matches either script and substrings, as the
// API's does.
func (u *webUI) matrix(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := httpx.ParseLimit(q)
	if err != nil {
		return err
	}
	year, err := httpx.ParseYear("year", strings.TrimSpace(q.Get("year")))
	if err != nil {
		return err
	}
	agency := strings.TrimSpace(q.Get("agency"))
	rq := store.ReportQuery{Agency: agency, Year: year, Cursor: q.Get("cursor")}
	reports, next, err := u.agencyPage(r.Context(), rq, limit)
	if err != nil {
		return err
	}
	p := matrixPage{Agency: agency, Year: q.Get("year"), Limit: limit}
	p.Rows, p.Years = matrixOf(reports, year)
	u.markRows(p.Rows, p.Years)
	if next != "" {
		v := url.Values{"cursor": {next}}
		setIf(v, "agency", agency)
		setIf(v, "year", q.Get("year"))
		if limit != httpx.DefaultLimit {
			v.Set("limit", strconv.Itoa(limit))
		}
		p.Next = "/?" + v.Encode()
	}
	u.render(w, http.StatusOK, "matrix", p)
	return nil
}

func setIf(v url.Values, k, s string) {
	if s = strings.TrimSpace(s); s != "" {
		v.Set(k, s)
	}
}

// agencyPage reads the reports of the next `agencies` agencies matching q
// from q.Cursor on, and the cursor after them. It reads at most
// matrixMaxRead reports; a page that ends inside an agency continues it
// on the next one.
func (u *webUI) agencyPage(ctx context.Context, q store.ReportQuery, agencies int) ([]store.Report, string, error) {
	var all []store.Report
	for {
		q.Limit = matrixFetch
		rs, next, err := u.svc.Reports(ctx, q)
		if err != nil {
			return nil, "", err
		}
		all = append(all, rs...)
		if cut := agencyCut(all, agencies); cut < len(all) {
			// One agency too many was read: continue after the last kept.
			next, err := store.CursorAfter(all[cut-1])
			return all[:cut], next, err
		}
		if next == "" || len(all) >= matrixMaxRead {
			return all, next, nil
		}
		q.Cursor = next
	}
}

// agencyCut returns the number of leading reports that belong to the
// first n agencies (reports come grouped by agency).
func agencyCut(rs []store.Report, n int) int {
	seen := 0
	for i, r := range rs {
		if i == 0 || r.Agency != rs[i-1].Agency {
			if seen == n {
				return i
			}
			seen++
		}
	}
	return len(rs)
}

// matrixOf groups reports (ordered by agency, then year) into rows and
// returns the years they cover, ascending; with a year filter that year
// is the only column.
func matrixOf(reports []store.Report, year int) ([]matrixRow, []int) {
	years := []int{}
	if year != 0 {
		years = append(years, year)
	}
	for _, r := range reports {
		if !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	var rows []matrixRow
	for i, r := range reports {
		if i == 0 || r.Agency != reports[i-1].Agency {
			rows = append(rows, matrixRow{Agency: r.Agency, Region: r.Region, Cells: make([][]store.Report, len(years))})
		}
		row := &rows[len(rows)-1]
		if row.Region == "" {
			row.Region = r.Region
		}
		c := slices.Index(years, r.Year)
		row.Cells[c] = append(row.Cells[c], r)
	}
	for _, row := range rows { // several reports of one year: in order of publication
		for _, c := range row.Cells {
			slices.SortStableFunc(c, func(a, b store.Report) int { return strings.Compare(a.Published, b.Published) })
		}
	}
	return rows, years
}

// markRows sets the marks of every cell that is late, missing or
// withdrawn against the agency's deadline (nothing without a watch reader).
func (u *webUI) markRows(rows []matrixRow, years []int) {
	if u.watch == nil {
		return
	}
	mark := u.watch.Marker()
	for i := range rows {
		row := &rows[i]
		row.Marks = make([]watch.Status, len(years))
		for c, y := range years {
			switch st := mark(row.Agency, y, row.Cells[c]); st {
			case watch.Late, watch.Missing:
				row.Marks[c] = st
			case watch.Withdrawn: // said already by the withdrawn report's own mark, when it is in the cell
				if !slices.ContainsFunc(row.Cells[c], func(r store.Report) bool { return r.Status == store.StatusGone }) {
					row.Marks[c] = st
				}
			}
		}
	}
}

// yearLabel names a matrix column.
func yearLabel(y int) string {
	if y == 0 {
		return "年份不详"
	}
	return fmt.Sprint(y)
}

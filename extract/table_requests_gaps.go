package extract

import (
	"slices"
	"strings"
)

// Copies made from PDFs tear table 三 apart: a label may stand on its own
// lines before (or, when the PDF's text order differs, after) a row of
// seven numbers, or lose words so that it matches no row. The rows that
// are read still come in template order, so an unlabelled run of rows
// between two known rows is placed on the template rows missing between
// them — only when the counts agree; otherwise the run is left out with a
// warning.

// foundRow is a row of table 三 in reading order: a known key, or the
// values (and whatever label it had) of a row not recognised.
type foundRow struct {
	key    string
	soft   string // key of a label pieced together from the lines before the row
	label  string
	values []*float64
}

// maxPendingPieces is how many label-only lines a wrapped label may span.
const maxPendingPieces = 3

// pendingMatch matches the label pieces read before a row (a label that
// wrapped, its cells following its last line) joined with the row's own
// label: the last two pieces first, then the last one, then three.
func pendingMatch(pending []string, leaf string) string {
	for _, n := range []int{2, 1, maxPendingPieces} {
		if n > len(pending) {
			continue
		}
		joined := strings.Join(pending[len(pending)-n:], "") + leaf
		if k := firstMatch(requestRowRules, plainKey(joined)); k != "" {
			return k
		}
	}
	return ""
}

// trimTrailingBlanks drops the empty cells a markdown copy leaves at the
// end of a row ("| 1.属于国家秘密 | 4 | … | 4 |  |") while the row is longer
// than a label and seven values; a blank inside the seven stays.
func trimTrailingBlanks(row []gcell, text bool) []gcell {
	if !text {
		return row
	}
	for len(row) > 8 && strings.TrimSpace(row[len(row)-1].text) == "" {
		row = row[:len(row)-1]
	}
	return row
}

// fillGaps places the unlabelled rows of f.order.
func fillGaps(ts *tableSet, f *requestsFound) {
	order := requestRowsT2021
	if _, ok := f.rows["other"]; ok {
		order = requestRowsT2019
	}
	prev := -1 // template index of the last known row
	var run []foundRow
	flush := func(next int) {
		if len(run) == 0 {
			return
		}
		var missing []string
		for i := prev + 1; i < next && i < len(order); i++ {
			if _, ok := f.rows[order[i]]; !ok {
				missing = append(missing, order[i])
			}
		}
		if len(missing) == len(run) {
			for i, r := range run {
				f.rows[missing[i]] = r.values
				if r.soft != missing[i] {
					ts.warnf("table requests: row %s read from an unlabelled row by its place in the template", requestRowLabels[missing[i]])
				}
			}
		} else {
			left := 0
			for _, r := range run {
				if r.soft != "" && slices.Contains(missing, r.soft) {
					f.rows[r.soft] = r.values
					missing = slices.DeleteFunc(missing, func(k string) bool { return k == r.soft })
					continue
				}
				left++
			}
			if left > 0 {
				ts.warnf("table requests: %d rows without a known label between template rows where %d rows are missing; they are left out", left, len(missing))
			}
		}
		run = run[:0]
	}
	for _, r := range f.order {
		if r.key == "" {
			run = append(run, r)
			continue
		}
		next := indexOf(order, r.key)
		if next < 0 {
			continue
		}
		flush(next)
		prev = next
	}
	flush(len(order))
}

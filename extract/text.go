package extract

import (
	"strings"
)

// Limits of copied-text tables.
const (
	maxCellLineLen = 40 // a longer line is prose and ends a cell-per-line run
	minRunNumbers  = 3  // numbers a run needs to be taken for a table
)

// parseText reads text as people copy it from report pages: paragraphs,
// tables as "a | b | c" rows, or tables with one cell per line (blank
// lines between cells). Metadata lines become fields and furniture is
// dropped as on HTML pages.
func parseText(text string) *document {
	doc := &document{meta: map[string]string{}}
	var lines []string
	cut := false
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		// Spaces stay until the lines are grouped: in text copied from a
		// PDF they separate the columns of a row.
		line := collapseSpace(strings.ReplaceAll(raw, "\r", ""))
		if line == "" || cut {
			continue
		}
		if len(doc.titles) == 0 && len(lines) == 0 && runeLen(line) <= 80 {
			doc.titles = append(doc.titles, joinCJK(line))
		}
		switch lineKind(doc, line) {
		case lineTail:
			cut = true
		case lineBody:
			lines = append(lines, line)
		}
	}
	doc.blocks = textBlocks(lines)
	return doc
}

// What a line of copied or read text is.
const (
	lineBody    = iota
	lineDropped // metadata (kept in doc.meta), furniture or a page number
	lineTail    // the page's tail: nothing after it is the report
)

// lineKind sorts a line of text; metadata lines are merged into doc.meta.
func lineKind(doc *document, line string) int {
	if fields, ok := parseMetaLine(line); ok {
		mergeMeta(doc.meta, fields)
		return lineDropped
	}
	if isTailLine(line) {
		return lineTail
	}
	if isJunkLine(line) || pageNumberRE.MatchString(line) {
		return lineDropped
	}
	return lineBody
}

// textBlocks groups lines into text blocks and grids: runs of pipe rows
// become one grid each; runs of short cell lines with enough numbers
// become a grid whose rows start at each label line.
func textBlocks(lines []string) []block {
	var out []block
	nextID := 0
	for i := 0; i < len(lines); {
		if isRowLine(lines[i]) || rowAhead(lines, i) {
			j := i
			g := &grid{text: true}
			for j < len(lines) {
				switch {
				case isRuleRow(lines[j]):
					// a markdown table's |---|---| line: no cells
				case isRowLine(lines[j]):
					g.rows = append(g.rows, rowCells(lines[j], &nextID))
				case rowAhead(lines, j):
					// A caption, header or wrapped label before a row; a
					// header's words are its cells.
					var row []gcell
					for _, f := range strings.Fields(lines[j]) {
						nextID++
						row = append(row, gcell{text: f, id: nextID})
					}
					g.rows = append(g.rows, row)
				default:
					goto done
				}
				j++
			}
		done:
			out = append(out, block{table: g})
			i = j
			continue
		}
		if j, g := cellRun(lines, i, &nextID); g != nil {
			out = append(out, block{table: g})
			i = j
			continue
		}
		out = append(out, block{text: joinCJK(lines[i])})
		i++
	}
	return out
}

// cellRun reads a run of cell lines starting at i. It returns the index
// after the run and its grid, or a nil grid when lines[i] does not start a
// table run.
func cellRun(lines []string, i int, nextID *int) (int, *grid) {
	j, numbers := i, 0
	for j < len(lines) && isCellLine(lines[j]) && !looksHeading(lines[j]) {
		if parseCell(lines[j]).ok {
			numbers++
		}
		j++
	}
	if numbers < minRunNumbers {
		return i, nil
	}
	g := &grid{text: true}
	for _, line := range lines[i:j] {
		*nextID++
		c := gcell{text: joinCJK(line), id: *nextID}
		if parseCell(line).ok && len(g.rows) > 0 {
			g.rows[len(g.rows)-1] = append(g.rows[len(g.rows)-1], c)
			continue
		}
		g.rows = append(g.rows, []gcell{c})
	}
	return j, g
}

// isCellLine reports a line short enough to be a table cell, and not a
// sentence.
func isCellLine(line string) bool {
	if parseCell(line).ok {
		return true
	}
	if runeLen(line) > maxCellLineLen || strings.HasSuffix(line, "。") {
		// 部分公开（区分处理的，只计这一情形，不计其他情形） and the 勾稽
		// note are long labels that belong to the table.
		return containsAny(line, "部分公开", "勾稽", "申请人无正当理由", "申请人逾期",
			"部分公開", "申請人無正當理由", "申請人逾期")
	}
	return true
}

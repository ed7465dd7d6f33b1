package extract

import (
	"regexp"
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
		if fields, ok := parseMetaLine(line); ok {
			mergeMeta(doc.meta, fields)
			doc.dropped++
			continue
		}
		if isTailLine(line) {
			cut = true
			doc.dropped++
			continue
		}
		if isJunkLine(line) || pageNumberRE.MatchString(line) {
			doc.dropped++
			continue
		}
		lines = append(lines, line)
	}
	doc.blocks = textBlocks(lines)
	return doc
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

// minHTMLPipeRows is the run of pipe rows an HTML page needs before its
// paragraphs are read as a flattened table; single lines with a bar are
// often menus.
const minHTMLPipeRows = 3

// groupPipeBlocks turns runs of "a | b | c" paragraphs of an HTML page — a
// CMS that flattened its tables — into grids.
func groupPipeBlocks(blocks []block, nextID *int) []block {
	var out []block
	for i := 0; i < len(blocks); {
		j := i
		for j < len(blocks) && blocks[j].table == nil && blocks[j].image == "" && isPipeRow(blocks[j].text) {
			j++
		}
		if j-i < minHTMLPipeRows {
			out = append(out, blocks[i])
			i++
			continue
		}
		g := &grid{text: true}
		for _, b := range blocks[i:j] {
			g.rows = append(g.rows, pipeCells(b.text, nextID))
		}
		out = append(out, block{table: g})
		i = j
	}
	return out
}

// maxLeadLines is how many caption and header lines may stand before a row
// line and still belong to its table.
const maxLeadLines = 4

// rowAhead reports whether lines[i] is a short, non-heading line followed,
// within maxLeadLines such lines, by a row line.
func rowAhead(lines []string, i int) bool {
	for k := i; k < len(lines) && k < i+maxLeadLines; k++ {
		if isRowLine(lines[k]) {
			return k > i
		}
		if !isLeadLine(lines[k]) {
			return false
		}
	}
	return false
}

// isLeadLine reports a line that may stand before a row in a table: a
// short label, or column headers separated by spaces — not a heading, a
// number or a sentence.
func isLeadLine(line string) bool {
	if looksHeading(line) || parseCell(line).ok {
		return false
	}
	if isCellLine(line) {
		return true
	}
	return !strings.ContainsAny(line, "。；，") && strings.Count(line, " ") >= 2
}

// pageNumberRE matches the page numbers of a PDF ("— 3 —", "- 12 -").
var pageNumberRE = regexp.MustCompile(`^[-—–]+\s*\d+\s*[-—–]+$`)

// minSpaceRowNumbers is how many numbers must end a line for it to be read
// as a row of a table copied from a PDF ("（一）予以公开 30 1 0 0 0 0 31").
const minSpaceRowNumbers = 3

// isRowLine reports a line that is a table row by itself: pipe cells, or a
// label followed by space-separated numbers.
func isRowLine(line string) bool { return isPipeRow(line) || spaceRowNumbers(line) > 0 }

// rowCells splits a row line into cells.
func rowCells(line string, nextID *int) []gcell {
	if isPipeRow(line) {
		return pipeCells(line, nextID)
	}
	fields := strings.Fields(line)
	n := spaceRowNumbers(line)
	var row []gcell
	if label := strings.Join(fields[:len(fields)-n], ""); label != "" {
		*nextID++
		row = append(row, gcell{text: label, id: *nextID})
	}
	for _, f := range fields[len(fields)-n:] {
		*nextID++
		row = append(row, gcell{text: f, id: *nextID})
	}
	return row
}

// spaceRowNumbers counts the numbers that end a space-separated row, or 0
// when the line is not one: fewer than minSpaceRowNumbers (one will do
// after a known row label such as 行政许可), or a label that itself ends in
// a digit (a sentence such as "截至2023年12月31日 …").
func spaceRowNumbers(line string) int {
	fields := strings.Fields(line)
	n := 0
	for i := len(fields) - 1; i >= 0 && parseCell(fields[i]).ok; i-- {
		n++
	}
	label := plainKey(strings.Join(fields[:len(fields)-n], ""))
	known := label != "" && (firstMatch(activeRowRules, label) != "" || firstMatch(requestRowRules, label) != "")
	if n < minSpaceRowNumbers && !(known && n >= 1) {
		return 0
	}
	if n < len(fields) {
		last := fields[len(fields)-n-1]
		if r := last[len(last)-1]; r >= '0' && r <= '9' {
			return 0
		}
	}
	return n
}

// isPipeRow reports a line with a cell separator.
func isPipeRow(line string) bool {
	return strings.Count(line, "|")+strings.Count(line, "｜") >= 1
}

// pipeCells splits "a | b | c" (with or without outer bars) into cells.
func pipeCells(line string, nextID *int) []gcell {
	line = strings.ReplaceAll(line, "｜", "|")
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	parts := strings.Split(line, "|")
	row := make([]gcell, len(parts))
	for k, p := range parts {
		*nextID++
		row[k] = gcell{text: joinCJK(strings.TrimSpace(p)), id: *nextID}
	}
	return row
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
		return strings.Contains(line, "部分公开") || strings.Contains(line, "勾稽") ||
			strings.Contains(line, "申请人无正当理由") || strings.Contains(line, "申请人逾期")
	}
	return true
}

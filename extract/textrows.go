package extract

import (
	"regexp"
	"strings"
)

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

// ruleRowRE matches a markdown table's rule line (|---|:--:|).
var ruleRowRE = regexp.MustCompile(`^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$`)

// isRuleRow reports a markdown rule line between a table's header and body.
func isRuleRow(line string) bool { return ruleRowRE.MatchString(strings.TrimSpace(line)) }

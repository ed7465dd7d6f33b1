package watch

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/nianbao/nianbao/extract"
)

// content is what of a report version counts as its content: what the
// extractor read — title, year, published date, the section text and the
// table cells — and nothing of the page around it (navigation, view
// counters, print dates, share buttons), so a change of furniture only is
// no change.
type content struct {
	head  string // title, year, published
	text  string // the sections, heading and text, one per line
	cells []extract.Cell
}

func contentOf(rep *extract.Report) content {
	var b strings.Builder
	for _, s := range rep.Sections {
		b.WriteString(s.Heading)
		b.WriteByte('\n')
		b.WriteString(s.Text)
		b.WriteByte('\n')
	}
	return content{
		head:  fmt.Sprintf("%s\x00%d\x00%s", rep.Title, rep.Year, rep.Published),
		text:  b.String(),
		cells: extract.CellsOf(rep),
	}
}

// Bounds of the text diff carried by an event.
const (
	maxDiffLines = 8   // lines of "- old" / "+ new"
	maxDiffRunes = 160 // per line
)

// textDiff compares two section texts line by line and returns the first
// maxDiffLines changed lines ("- " removed, "+ " added) and a summary
// ("2 行删除, 3 行新增"); both empty when the texts are equal.
func textDiff(old, cur string) (lines []string, summary string) {
	if old == cur {
		return nil, ""
	}
	dmp := diffmatchpatch.New()
	a, b, table := dmp.DiffLinesToChars(old, cur)
	var del, ins int
	for _, d := range dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), table) {
		var mark string
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			mark = "- "
		case diffmatchpatch.DiffInsert:
			mark = "+ "
		default:
			continue
		}
		for _, l := range strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n") {
			if mark == "- " {
				del++
			} else {
				ins++
			}
			if len(lines) < maxDiffLines {
				lines = append(lines, mark+clip(l))
			}
		}
	}
	return lines, fmt.Sprintf("%d 行删除, %d 行新增", del, ins)
}

// clip shortens a line to maxDiffRunes runes.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxDiffRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxDiffRunes]) + "…"
}

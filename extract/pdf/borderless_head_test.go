package pdf

import (
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/docfile"
)

// spanDump prints blocks like dump, a table cell that is the cell to its
// left as "<" and one that is the cell above as "^" (merged cells).
func spanDump(d *docfile.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if bl.Table == nil {
			b.WriteString(bl.Text + "\n")
			continue
		}
		b.WriteString("TABLE\n")
		for r, row := range bl.Table.Rows {
			cells := make([]string, len(row))
			for c, cell := range row {
				switch {
				case c > 0 && row[c-1].ID == cell.ID:
					cells[c] = "<"
				case r > 0 && c < len(bl.Table.Rows[r-1]) && bl.Table.Rows[r-1][c].ID == cell.ID:
					cells[c] = "^"
				default:
					cells[c] = cell.Text
				}
			}
			b.WriteString("  " + strings.Join(cells, " | ") + "\n")
		}
	}
	return b.String()
}

// wrappedHeadRows is a borderless table whose column headings wrap over
// two and three lines under a group heading.
func wrappedHeadRows() [][]Char {
	return [][]Char{
		text("三、申请情况", 50, 40),
		text("项目", 50, 60), text("申请人情况", 280, 60),
		text("社会", 220, 78), text("商业", 290, 78), text("科研", 350, 78),
		text("公益", 220, 94), text("企业", 290, 94), text("机构", 350, 94),
		text("组织", 220, 110),
		text("规章", 50, 130), text("12", 230, 130), text("3", 300, 130), text("15", 350, 130),
		text("规范性文件", 50, 150), text("8", 240, 150), text("0", 300, 150), text("8", 360, 150),
		text("其他文件", 50, 170), text("1", 240, 170), text("1", 300, 170), text("2", 360, 170),
		text("四、其他", 50, 210),
	}
}

// threeRows is three rows of a borderless table from y down.
func threeRows(y float64) [][]Char {
	return [][]Char{
		text("规章", 50, y), text("1", 200, y), text("11", 250, y),
		text("规范性文件", 50, y+20), text("8", 200, y+20), text("66", 250, y+20),
		text("行政许可", 50, y+40), text("5", 200, y+40), text("6", 260, y+40),
	}
}

func TestBorderlessHeaderRows(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chars [][]Char
		want  string
	}{
		{
			name:  "headings wrapped over two and three lines under a group heading become the header rows",
			chars: wrappedHeadRows(),
			want: "三、申请情况\nTABLE\n" +
				"  项目 | 社会 公益 组织 | 申请人情况 | <\n" +
				"  ^ | ^ | 商业 企业 | 科研 机构\n" +
				"  规章 | 12 | 3 | 15\n" +
				"  规范性文件 | 8 | 0 | 8\n" +
				"  其他文件 | 1 | 1 | 2\n" +
				"四、其他\n",
		},
		{
			name: "a row of numbers alone under two levels of headings, each wrapped over two lines",
			chars: [][]Char{
				text("四、复议诉讼", 50, 40),
				text("行政复议", 50, 60), text("行政诉讼", 170, 60),
				text("维", 60, 80), text("纠", 100, 80), text("维", 170, 80), text("纠", 210, 80),
				text("持", 60, 96), text("正", 100, 96), text("持", 170, 96), text("正", 210, 96),
				text("3", 70, 120), text("1", 110, 120), text("0", 180, 120), text("2", 220, 120),
			},
			want: "四、复议诉讼\nTABLE\n" +
				"  行政复议 | < | 行政诉讼 | <\n" +
				"  维 持 | 纠 正 | 维 持 | 纠 正\n" +
				"  3 | 1 | 0 | 2\n",
		},
		{
			name: "a caption of one piece left of the numbers stays text; so does a line too far above",
			chars: slices.Concat(
				[][]Char{text("第二十条第（一）项", 50, 60)}, threeRows(80),
				[][]Char{text("甲  乙", 190, 160)}, threeRows(200),
			),
			want: "第二十条第（一）项\nTABLE\n" +
				"  规章 | 1 | 11\n  规范性文件 | 8 | 66\n  行政许可 | 5 | 6\n" +
				"甲 乙\nTABLE\n" +
				"  规章 | 1 | 11\n  规范性文件 | 8 | 66\n  行政许可 | 5 | 6\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := spanDump(Layout([]Page{{Width: 600, Height: 800, Chars: concat(tc.chars...)}}))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

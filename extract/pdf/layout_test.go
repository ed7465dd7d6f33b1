package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/docfile"
)

// text lays s out from (x, y) in 10-point characters; spaces advance.
func text(s string, x, y float64) []Char {
	var out []Char
	for _, r := range s {
		if r != ' ' {
			out = append(out, Char{R: r, X0: x, Y0: y, X1: x + 10, Y1: y + 12})
		}
		x += 10
	}
	return out
}

// grid draws ruling lines at xs × ys; skip names borders left out as
// "v:col:row" (the vertical line at xs[col] beside row) or "h:row:col".
func gridRules(xs, ys []float64, skip ...string) []Rect {
	var out []Rect
	has := func(s string) bool {
		for _, k := range skip {
			if k == s {
				return true
			}
		}
		return false
	}
	for c, x := range xs {
		for r := 0; r+1 < len(ys); r++ {
			if !has(fmt.Sprintf("v:%d:%d", c, r)) {
				out = append(out, Rect{x - 0.4, ys[r], x + 0.4, ys[r+1]})
			}
		}
	}
	for r, y := range ys {
		for c := 0; c+1 < len(xs); c++ {
			if !has(fmt.Sprintf("h:%d:%d", r, c)) {
				out = append(out, Rect{xs[c], y - 0.4, xs[c+1], y + 0.4})
			}
		}
	}
	return out
}

// dump prints blocks: text lines, and table rows as "a#1 | b#2".
func dump(d *docfile.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch {
		case bl.Table != nil:
			b.WriteString("TABLE\n")
			for _, row := range bl.Table.Rows {
				var cells []string
				ids := map[int]int{}
				for _, c := range row {
					if _, ok := ids[c.ID]; !ok {
						ids[c.ID] = len(ids)
					}
					cells = append(cells, c.Text)
				}
				b.WriteString("  " + strings.Join(cells, " | ") + "\n")
			}
		case bl.Image != "":
			b.WriteString("[" + bl.Image + "]\n")
		default:
			b.WriteString(bl.Text + "\n")
		}
	}
	return b.String()
}

func TestLayout(t *testing.T) {
	xs := []float64{50, 200, 260, 320}
	ys := []float64{100, 130, 160, 190}
	for _, tc := range []struct {
		name  string
		pages []Page
		want  string
	}{
		{
			name: "ruled table: merged header, label wrapped over two lines, right-aligned numbers",
			pages: []Page{{Width: 600, Height: 800,
				Rules: gridRules(xs, ys, "v:2:0"), // 本年数 spans two columns in row 0
				Chars: concat(
					text("一、总体情况", 50, 60),
					text("信息内容", 60, 108), text("本年数", 230, 108),
					text("行政规范", 60, 133), text("性文件", 60, 146), text("12", 230, 138), text("3", 300, 138),
					text("规章", 60, 168), text("7", 240, 168), text("0", 300, 168),
				)}},
			want: "一、总体情况\nTABLE\n  信息内容 | 本年数 | 本年数\n  行政规范 性文件 | 12 | 3\n  规章 | 7 | 0\n",
		},
		{
			name: "unruled table from x-gaps, a wrapped label joins its row",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(
				text("（二）部分公开（区分处理的", 50, 100),
				text("12", 300, 107), text("3", 370, 107), text("15", 430, 107),
				text("形，不计其他情形）", 50, 114),
				text("1.属于国家秘密", 50, 130), text("1", 310, 130), text("0", 370, 130), text("1", 440, 130),
				text("2.重复申请", 50, 150), text("100", 290, 150), text("20", 360, 150), text("120", 420, 150),
			)}},
			want: "TABLE\n  （二）部分公开（区分处理的 形，不计其他情形） | 12 | 3 | 15\n  1.属于国家秘密 | 1 | 0 | 1\n  2.重复申请 | 100 | 20 | 120\n",
		},
		{
			name:  "borderless: group labels set beside row labels are cells of their own; groups span rows, parted where numbering restarts",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(borderlessRows(100)...)}},
			want:  borderlessWant,
		},
		{
			name: "borderless: a borderless table cut by a page break continues, its group labels spanning the break",
			pages: []Page{
				{Width: 600, Height: 800, Chars: concat(borderlessRows(700)[:9]...)},
				{Width: 600, Height: 800, Chars: concat(borderlessRows(-50)[9:]...)},
			},
			want: borderlessWant,
		},
		{
			name: "borderless: two rows under a one-line header; a lone row of numbers",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(
				text("信息内容  本年制发  现行有效", 50, 100),
				text("规章", 50, 120), text("1", 140, 120), text("11", 190, 120),
				text("规范性文件", 50, 140), text("8", 140, 140), text("66", 190, 140),
				text("四、复议诉讼", 50, 180),
				text("3", 50, 200), text("1", 90, 200), text("0", 130, 200), text("1", 170, 200), text("5", 210, 200),
			)}},
			want: "TABLE\n  信息内容 | 本年制发 | 现行有效\n  规章 | 1 | 11\n  规范性文件 | 8 | 66\n四、复议诉讼\nTABLE\n  3 | 1 | 0 | 1 | 5\n",
		},
		{
			name: "borderless with wide padding: a header a row's gap above, a label wrapped over three lines as far from the rows as rows are apart",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(
				text("项目", 50, 100), text("甲", 150, 100), text("乙", 200, 100),
				text("规章", 50, 130), text("1", 150, 130), text("2", 200, 130),
				text("规则", 50, 160), text("3", 150, 160), text("4", 200, 160),
				text("行政规范", 50, 190),
				text("性文件", 50, 202), text("8", 150, 202), text("9", 200, 202),
				text("类", 50, 214),
				text("行政许可", 50, 244), text("5", 150, 244), text("6", 200, 244),
			)}},
			want: "TABLE\n  项目 | 甲 | 乙\n  规章 | 1 | 2\n  规则 | 3 | 4\n  行政规范 性文件 类 | 8 | 9\n  行政许可 | 5 | 6\n",
		},
		{
			name: "borderless: a two-piece line set tight above the first row is its wrapped label, not a header",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(
				text("（一）其", 50, 100), text("2.逾期", 130, 100),
				text("他处理", 50, 112), text("缴费", 130, 112), text("0", 250, 112), text("1", 300, 112),
				text("3.其他", 130, 142), text("2", 250, 142), text("3", 300, 142),
				text("4.另外", 130, 172), text("4", 250, 172), text("5", 300, 172),
			)}},
			want: "TABLE\n  （一）其 他处理 | 2.逾期 缴费 | 0 | 1\n  （一）其 他处理 | 3.其他 | 2 | 3\n  （一）其 他处理 | 4.另外 | 4 | 5\n",
		},
		{
			name: "a table cut by a page break continues; repeated header dropped; page numbers go",
			pages: []Page{
				{Width: 600, Height: 800, Rules: gridRules(xs, []float64{600, 630, 660}), Chars: concat(
					text("项目", 60, 608), text("甲", 230, 608), text("乙", 290, 608),
					text("规章", 60, 638), text("1", 230, 638), text("2", 290, 638),
					text("-1-", 280, 760))},
				{Width: 600, Height: 800, Rules: gridRules(xs, []float64{50, 80, 110}), Chars: concat(
					text("项目", 60, 58), text("甲", 230, 58), text("乙", 290, 58),
					text("行政许可", 60, 88), text("3", 230, 88), text("4", 290, 88),
					text("-2-", 280, 760))},
			},
			want: "TABLE\n  项目 | 甲 | 乙\n  规章 | 1 | 2\n  行政许可 | 3 | 4\n",
		},
		{
			name: "lines that reach the right margin join; headings and indented lines start paragraphs",
			pages: []Page{{Width: 600, Height: 800, Chars: concat(
				text("一、总体情况", 50, 100),
				text("  2024年，本机关主动公开政府信息共计三百余条，其中", 50, 120),
				text("规章两件，答复申请十件。", 50, 134),
				text("  （一）主动公开情况。全年在门户网站发布信息共计三百余", 50, 148),
				text("条。", 50, 162),
			)}},
			want: "一、总体情况\n2024年，本机关主动公开政府信息共计三百余条，其中规章两件，答复申请十件。\n（一）主动公开情况。全年在门户网站发布信息共计三百余条。\n",
		},
		{
			name:  "a page with images and no text is a scanned page",
			pages: []Page{{Width: 600, Height: 800, Images: 1}},
			want:  "[page 1]\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Layout(tc.pages)
			if got := dump(d); got != tc.want {
				t.Errorf("Layout:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// Spanned cells share one id; others do not.
func TestLayoutSpanIDs(t *testing.T) {
	xs := []float64{50, 200, 260, 320}
	ys := []float64{100, 130, 160}
	d := Layout([]Page{{Width: 600, Height: 800, Rules: gridRules(xs, ys, "h:1:0"), // 项目 spans two rows
		Chars: concat(text("项目", 60, 120), text("甲", 230, 108), text("乙", 290, 108), text("1", 230, 138), text("2", 290, 138))}})
	if len(d.Blocks) != 1 || d.Blocks[0].Table == nil {
		t.Fatalf("blocks = %s", dump(d))
	}
	rows := d.Blocks[0].Table.Rows
	if rows[0][0].ID != rows[1][0].ID || rows[0][1].ID == rows[1][1].ID || rows[0][0].Text != "项目" || rows[1][0].Text != "项目" {
		t.Errorf("rows = %+v", rows)
	}
}

// borderlessRows is a borderless table whose label columns start at x 50
// (groups), 110 (subgroups) and 170 (rows), rows 20 points apart from y
// (the first nine runs are its first three rows).
func borderlessRows(y float64) [][]Char {
	row := func(i int, label string, x float64, a, b string) [][]Char {
		yy := y + float64(20*i)
		return [][]Char{text(label, x, yy), text(a, 300, yy), text(b, 360, yy)}
	}
	var out [][]Char
	out = append(out, row(0, "一、新收申请数量", 50, "5", "17")...)
	out = append(out, row(1, "二、办理", 50, "3", "9")...)
	out[len(out)-3] = append(out[len(out)-3], text("（一）不予 1.秘密", 110, y+20)...)
	out = append(out, row(2, "结果", 50, "0", "10")...)
	out[len(out)-3] = append(out[len(out)-3], concat(text("公开", 110, y+40), text("2.法律", 170, y+40))...)
	out = append(out, row(3, "3.安全", 170, "2", "0")...)
	out = append(out, row(4, "（二）无法 1.不掌握", 110, "1", "1")...)
	out = append(out, row(5, "2.没有", 170, "0", "0")...)
	return out
}

const borderlessWant = "TABLE\n" +
	"  一、新收申请数量 | 一、新收申请数量 | 一、新收申请数量 | 5 | 17\n" +
	"  二、办理 结果 | （一）不予 公开 | 1.秘密 | 3 | 9\n" +
	"  二、办理 结果 | （一）不予 公开 | 2.法律 | 0 | 10\n" +
	"  二、办理 结果 | （一）不予 公开 | 3.安全 | 2 | 0\n" +
	"  二、办理 结果 | （二）无法 | 1.不掌握 | 1 | 1\n" +
	"  二、办理 结果 | （二）无法 | 2.没有 | 0 | 0\n"

// A borderless table's spanned cells share one id: a group label over its
// rows, a row label over the columns to its right.
func TestBorderlessSpanIDs(t *testing.T) {
	d := Layout([]Page{{Width: 600, Height: 800, Chars: concat(borderlessRows(100)...)}})
	if len(d.Blocks) != 1 || d.Blocks[0].Table == nil {
		t.Fatalf("blocks = %s", dump(d))
	}
	rows := d.Blocks[0].Table.Rows
	id := func(r, c int) int { return rows[r][c].ID }
	if id(0, 0) != id(0, 1) || id(0, 1) != id(0, 2) || id(0, 3) == id(0, 4) {
		t.Errorf("row 0: a label over three columns, two numbers: %+v", rows[0])
	}
	if id(1, 0) != id(5, 0) || id(1, 1) != id(3, 1) || id(3, 1) == id(4, 1) || id(4, 1) != id(5, 1) || id(1, 2) == id(2, 2) || id(1, 0) == id(0, 0) {
		t.Errorf("groups: column 0 over rows 1-5, column 1 over rows 1-3 and 4-5: %+v", rows)
	}
}

func concat(cs ...[]Char) []Char {
	var out []Char
	for _, c := range cs {
		out = append(out, c...)
	}
	return out
}

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

// checkWordsZh are the English words of the checks' Where and Detail
// fields (the API's wording) with the page's Chinese; the numbers and
// the template's labels stay as they are.
var checkWordsZh = strings.NewReplacer(
	"tables 三 and 四", "表三和表四",
	"table 三 missing in one of the years", "有一年缺少表三",
	"carry-over rows missing", "缺少结转行",
	"a report is missing", "缺少一年的报告",
	"二、上年结转 vs last year's 四、结转下年度", "本年“二、上年结转”对比上年度“四、结转下年度”",
	"not a non-negative integer: ", "不是非负整数：",
	"no table cells", "没有表格单元格",
	" cells blank", " 格空白",
	"(blank cells)", "（有空白格）",
	"blank cells", "有空白格",
	"table cell blank", "表格单元格空白",
	" cells", " 格",
	" of ", " / ",
	"column ", "列 ",
	"row ", "行 ",
	"group ", "组 ",
	"table ", "表",
	"text ", "正文 ",
	"total ", "合计 ",
	" or ", " 或 ",
	"absent", "缺失",
	"image", "为图片",
	"empty", "为空",
	"partial", "不完整",
)

// checkTextZh renders a check's Where or Detail in Chinese.
func checkTextZh(s string) string { return checkWordsZh.Replace(s) }

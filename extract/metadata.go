package extract

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// metaKeys maps the labels of metadata lines and tables to the key they are
// kept under in Report.Metadata.
var metaKeys = map[string]string{
	"信息来源": "来源", "来源": "来源", "來源": "来源", "資訊來源": "来源",
	"发布时间": "发布时间", "发布日期": "发布时间", "公开日期": "发布时间", "發佈時間": "发布时间", "發布時間": "发布时间",
	"發佈日期": "发布时间", "發布日期": "发布时间", "时间": "发布时间", "日期": "发布时间",
	"发文日期": "成文日期", "成文日期": "成文日期", "生成日期": "成文日期", "印发日期": "成文日期",
	"索引号": "索引号", "索引號": "索引号",
	"发布机构": "发布机构", "發佈機構": "发布机构", "發布機構": "发布机构", "发文机关": "发布机构",
	"浏览次数": "浏览次数", "瀏覽次數": "浏览次数", "点击数": "浏览次数", "點擊數": "浏览次数", "访问次数": "浏览次数",
	"阅读次数": "浏览次数", "累计次数": "浏览次数", "点击量": "浏览次数", "访问量": "浏览次数",
	"文号": "文号", "发布文号": "文号", "文號": "文号",
	"分类": "分类", "主题分类": "分类", "组配分类": "分类", "分類": "分类",
	"责任编辑": "责任编辑", "作者": "作者", "关键词": "关键词", "时效": "有效性", "有效性": "有效性",
	"名称": "名称", "信息名称": "名称",
}

// metaLabel finds "LABEL：" pairs for every label of metaKeys; the longest
// labels come first so that a longer label wins where two would match.
var metaLabel = metaLabelRE()

func metaLabelRE() *regexp.Regexp {
	labels := slices.Collect(maps.Keys(metaKeys))
	slices.SortFunc(labels, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	return regexp.MustCompile(`(` + strings.Join(labels, "|") + `)\s*[:：]`)
}

// parseMetaLine reads a metadata line such as "来源：平潭县人民政府 发布时间：
// 2024-03-08 15:34 浏览次数：". ok is false when the line is prose: it must
// start with a label, and short labels (时间, 日期, 名称) only count on a
// line that has another label too.
func parseMetaLine(line string) (fields map[string]string, ok bool) {
	s := strings.TrimSpace(strings.TrimLeft(line, "【[ 　"))
	// A label is at most four characters (12 bytes) and perhaps a space.
	if i := strings.IndexAny(s, ":："); i < 0 || i > 16 {
		return nil, false
	}
	locs := metaLabel.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, false
	}
	if len(locs) == 1 && runeLen(s) > 80 {
		return nil, false
	}
	fields = map[string]string{}
	for i, loc := range locs {
		label := s[loc[2]:loc[3]]
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := s[loc[1]:end]
		if i := strings.IndexAny(v, "【["); i >= 0 {
			v = v[:i] // a tool bar ("【字体：大 中 小】") follows on the same line
		}
		v = cutAtLabel(strings.Trim(collapseSpace(v), " 】]|"))
		if len(locs) == 1 && (label == "名称" || ((label == "时间" || label == "日期") && !isDateValue(v))) {
			// Alone, a short label is a field only when it holds a date.
			return nil, false
		}
		key := metaKeys[label]
		if _, seen := fields[key]; !seen {
			fields[key] = v
		}
	}
	return fields, true
}

// metaFromGrid reads a metadata table (索引号 | … | 发布机构 | …): a label
// cell followed by its value cell. ok is false unless two labels are found.
func metaFromGrid(g *grid) (fields map[string]string, ok bool) {
	fields = map[string]string{}
	for _, row := range g.rows {
		cells := distinct(row)
		for i := 0; i < len(cells); i++ {
			c := strings.TrimSpace(cells[i])
			if f, ok := parseMetaLine(c); ok && !strings.HasSuffix(strings.TrimRight(c, " "), "：") && !strings.HasSuffix(c, ":") {
				for k, v := range f {
					if v != "" {
						fields[k] = v
					}
				}
				continue
			}
			label := strings.Trim(labelKey(c), ":")
			if key, known := metaKeys[label]; known && i+1 < len(cells) {
				fields[key] = collapseSpace(cells[i+1])
				i++
			}
		}
	}
	return fields, len(fields) >= 2
}

// mergeMeta adds fields to dst without overwriting values already found,
// except that a date field that does not hold a date takes a later one
// that does.
func mergeMeta(dst, fields map[string]string) {
	for k, v := range fields {
		old, ok := dst[k]
		if !ok || old == "" || (dateKeys[k] && parseDate(old) == "" && parseDate(v) != "") {
			dst[k] = v
		}
	}
}

// dateKeys are the metadata keys that hold dates.
var dateKeys = map[string]bool{"发布时间": true, "成文日期": true}

// unknownLabelRE matches a field label that metaKeys does not know (字号：,
// 分享到：) at the start of a value or after a space.
var unknownLabelRE = regexp.MustCompile(`(?:^|\s)\p{Han}{1,6}\s*[:：]`)

// cutAtLabel ends a value where the next field's label begins, so that a
// label is never the value of the label before it ("浏览次数：字号：").
func cutAtLabel(v string) string {
	if loc := unknownLabelRE.FindStringIndex(v); loc != nil {
		v = strings.TrimSpace(v[:loc[0]])
	}
	return v
}

// isDateValue reports a value that is a date (and perhaps a time) and
// nothing else worth keeping.
func isDateValue(v string) bool {
	return parseDate(v) != "" && runeLen(v) <= 24
}

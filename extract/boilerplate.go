package extract

import "strings"

// Boilerplate is matched on labelKey(line) (NFKC, no white space), in both
// scripts because mirrors are cleaned before conversion. Sources: the page
// furniture listed in report-format.md §9.5 and the mirror junk of §9.6.
var (
	// junkAnywhere marks a short line as furniture wherever it appears.
	junkAnywhere = []string{
		"扫一扫", "掃一掃", "扫码", "分享到", "打印本页", "打印本頁", "列印本頁", "关闭窗口", "關閉窗口", "關閉視窗",
		"【打印】", "【关闭】", "【關閉】", "【列印】", "纠错", "糾錯", "字体:", "字體:", "字号:", "字號:",
		"【字体", "【字體", "[大中小]", "【大中小】", "大中小]", "视力保护色", "視力保護色", "无障碍", "無障礙",
		"长者模式", "長者模式", "关怀版", "關懷版", "当前位置", "當前位置", "您现在的位置", "您的位置",
		"网站地图", "網站地圖", "版权所有", "版權所有", "主办单位", "主辦單位", "承办单位", "承辦單位",
		"技术支持", "技術支持", "技術支援", "ICP备", "ICP備", "公网安备", "公網安備", "网站标识码", "網站標識碼",
		"相关链接", "相關鏈接", "相關連結", "相关稿件", "相關稿件", "相关解读", "相關解讀", "全真版", "文字版",
		"文件下载", "文件下載", "返回顶部", "返回頂部", "责任编辑", "責任編輯", "加入收藏", "设为首页", "設為首頁",
	}
	// junkShort marks very short lines only: these words occur in prose.
	junkShort = []string{"收藏", "微信", "微博", "QQ空间", "QQ空間", "上一篇", "下一篇", "打印", "关闭", "關閉", "分享", "默认", "默認"}
	// junkTail starts the furniture that mirrors append after the text;
	// everything from such a line on is dropped.
	junkTail = []string{"相关词条", "相關詞條", "热门词条", "熱門詞條", "联系我们", "聯絡我們", "聯繫我們"}
)

// Line lengths (in characters of the label key) below which the lists apply.
const (
	junkMaxLen      = 60
	junkShortMaxLen = 8
	junkTailMaxLen  = 20
)

// isJunkLine reports whether a body line is page furniture.
func isJunkLine(line string) bool {
	if len(line) > 8*junkMaxLen { // bytes: far longer than any furniture line
		return false
	}
	k := labelKey(line)
	if k == "" {
		return true
	}
	n := runeLen(k)
	if n <= junkMaxLen && containsAny(k, junkAnywhere...) {
		return true
	}
	if n <= junkShortMaxLen && containsAny(k, junkShort...) {
		return true
	}
	switch k {
	case "大", "中", "小", "A+", "A-", "A", "|", ">", "»":
		return true
	}
	return false
}

// isTailLine reports a line from which a mirror's appended junk begins.
func isTailLine(line string) bool {
	if len(line) > 8*junkTailMaxLen {
		return false
	}
	k := labelKey(line)
	if runeLen(k) > junkTailMaxLen {
		return false
	}
	for _, t := range junkTail {
		if strings.HasPrefix(k, t) {
			return true
		}
	}
	return false
}

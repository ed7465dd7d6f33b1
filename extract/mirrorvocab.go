package extract

import "strings"

// Mirrors that copy mainland reports into Traditional script sometimes
// change the vocabulary too — 行政規範性檔案, 網路, 最佳化, 政府資訊 — though
// too sparsely for the copy to read as Taiwan-style, so character
// conversion alone leaves 行政规范性档案 behind: a table label that matches
// no row and a text that a search for 规范性文件 misses. A mainland report
// (its template labels, its agencies) only ever meant the mainland words,
// so these phrases are turned back — in text and table cells — whatever
// style the copy has. The list holds phrases, not words that mainland text
// also uses: 档案馆 stays.
var mainlandPhrases = strings.NewReplacer(
	"规范性档案", "规范性文件",
	"附属档案", "附件",
	"政府资讯", "政府信息",
	"资讯公开", "信息公开",
	"政务资讯", "政务信息",
	"入口网站", "门户网站",
	"网路", "网络",
	"最佳化", "优化",
	"程式", "程序",
	"数位化", "数字化",
	"资料库", "数据库",
	"伺服器", "服务器",
	"软体", "软件",
	"硬体", "硬件",
	"列印", "打印",
	"线上", "在线",
	"视讯", "视频",
)

// mainlandSignals are words only a mainland report uses; one is enough.
var mainlandSignals = []string{"人民政府", "政府信息公开条例", "国办公开办函", "本年新收", "结转下年度", "第二十条", "办公厅", "管委会"}

// isMainlandReport reports a converted document that is a mainland
// government report: its text or its tables use mainland terms.
func isMainlandReport(doc *document) bool {
	for _, t := range doc.titles {
		if containsAny(t, mainlandSignals...) {
			return true
		}
	}
	for _, b := range doc.blocks {
		if b.text != "" && containsAny(b.text, mainlandSignals...) {
			return true
		}
		if b.table != nil && containsAny(b.table.allText(), mainlandSignals...) {
			return true
		}
	}
	return false
}

// toMainlandVocabulary turns the mirror phrases of a converted mainland
// report back, in place.
func toMainlandVocabulary(doc *document) {
	for i := range doc.titles {
		doc.titles[i] = mainlandPhrases.Replace(doc.titles[i])
	}
	for k, v := range doc.meta {
		doc.meta[k] = mainlandPhrases.Replace(v)
	}
	for i := range doc.blocks {
		b := &doc.blocks[i]
		b.text = mainlandPhrases.Replace(b.text)
		if b.table == nil {
			continue
		}
		for _, row := range b.table.rows {
			for j := range row {
				row[j].text = mainlandPhrases.Replace(row[j].text)
			}
		}
	}
}

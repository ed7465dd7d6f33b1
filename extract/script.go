package extract

import (
	"strings"

	"github.com/nianbao/nianbao/extract/zhconv"
	"golang.org/x/text/unicode/norm"
)

// scriptSample is how much body text decides the script, in bytes.
const scriptSample = 8000

// detectScript decides per document whether it is written in Traditional
// script, on the title and the start of the body, and if so whether with
// Taiwan vocabulary, by zhconv's vocabulary rule on the same start of the
// body: a Big5 "gate" copy of a mainland page is converted character by
// character and keeps mainland words (信息, 門戶網站); an encyclopedia
// mirror made with Taiwan vocabulary uses 資訊, 入口網站, 最佳化
// (report-format.md §9.6).
func detectScript(conv *zhconv.Converter, doc *document) (traditional, taiwan bool) {
	sample := bodyText(doc, scriptSample)
	var b strings.Builder
	for _, t := range doc.titles {
		b.WriteString(t)
	}
	b.WriteString(sample)
	if !conv.IsTraditional(b.String()) {
		return false, false
	}
	return true, conv.DetectVocabulary(sample).IsTaiwan()
}

// toSimplified converts every text of a Traditional document in place:
// titles, metadata, lines and grid cells. Taiwan vocabulary is reversed
// (檔案→文件, 最佳化→优化) only when taiwan is set — on mainland words it
// corrupts them (文件→文档, 查詢→查找). Table cells always get the plain
// character conversion: the template's labels are mainland text whatever
// copy they come from.
func toSimplified(conv *zhconv.Converter, doc *document, taiwan bool) {
	f := conv.Simplify
	if taiwan {
		f = conv.SimplifyTaiwan
	}
	for i := range doc.titles {
		doc.titles[i] = f(doc.titles[i])
	}
	for k, v := range doc.meta {
		doc.meta[k] = f(v)
	}
	for i := range doc.blocks {
		b := &doc.blocks[i]
		b.text = f(b.text)
		if b.table == nil {
			continue
		}
		for _, row := range b.table.rows {
			for j := range row {
				row[j].text = conv.Simplify(row[j].text)
			}
		}
	}
}

// simplifyKey is Simplify's form: t2s, NFKC and no white space.
func simplifyKey(conv *zhconv.Converter, s string) string {
	s = conv.Simplify(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

package extract

import (
	"strings"

	"github.com/nianbao/nianbao/extract/zhconv"
	"golang.org/x/text/unicode/norm"
)

// scriptSample is how much body text decides the script, in bytes.
const scriptSample = 8000

// detectScript decides per document whether it is written in Traditional
// script, on the title and the start of the body.
func detectScript(conv *zhconv.Converter, doc *document) bool {
	var b strings.Builder
	for _, t := range doc.titles {
		b.WriteString(t)
	}
	b.WriteString(bodyText(doc, scriptSample))
	return conv.IsTraditional(b.String())
}

// toSimplified converts every text of a Traditional document in place:
// titles, metadata, lines and grid cells. Taiwan vocabulary is reversed
// too (檔案→文件, 最佳化→优化), which only Traditional documents get: on
// Simplified text it would corrupt words.
func toSimplified(conv *zhconv.Converter, doc *document) {
	f := conv.SimplifyTaiwan
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
				row[j].text = f(row[j].text)
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

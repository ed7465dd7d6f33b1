package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
)

// benchJunk are furniture markers counted in cleaned output, both scripts.
var benchJunk = []string{"扫一扫", "分享到", "打印", "关闭窗口", "字体", "字号", "当前位置", "网站地图", "版权所有", "ICP备",
	"公网安备", "网站标识码", "主办单位", "浏览次数", "相关链接", "相关词条", "相關詞條", "热门词条", "熱門詞條", "联系我们",
	"聯絡我們", "无障碍", "长者模式"}

// benchPage is one page of a benchmark corpus with its reference cells.
type benchPage struct {
	name  string
	body  []byte
	cells []string // texts of the template/statistics table cells, in order
}

// loadBenchPages reads HTML pages; with real == true from the real corpus.
func loadBenchPages(b *testing.B, real bool) []benchPage {
	b.Helper()
	pattern := "testdata/*.html"
	if real {
		pattern = filepath.Join(realDir, "*.html")
	}
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		b.Skipf("no pages for %s", pattern)
	}
	var pages []benchPage
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{name: filepath.Base(f), body: body, cells: referenceCells(b, body)})
	}
	return pages
}

// referenceCells lists, independently of the extractor's grid code, the
// non-empty cell texts (white space removed) of the innermost tables that
// name a template or statistics table.
func referenceCells(b *testing.B, body []byte) []string {
	dec := decode(body, "text/html", "")
	gq, err := goquery.NewDocumentFromReader(strings.NewReader(dec.text))
	if err != nil {
		b.Fatal(err)
	}
	var cells []string
	gq.Find("table").Each(func(_ int, t *goquery.Selection) {
		if t.Find("table").Length() > 0 || !isKeywordTable(t.Nodes[0]) {
			return
		}
		t.Find("td, th").Each(func(_ int, c *goquery.Selection) {
			if k := squeeze(c.Text()); k != "" {
				cells = append(cells, k)
			}
		})
	})
	return cells
}

// squeeze removes all white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// quality counts furniture lines left in text and reference cells found in
// it in order. Both sides are compared in Simplified script (a Big5 page's
// cells are Traditional, nianbao's output is not).
func quality(x *Extractor, text string, cells []string) (junk, kept int) {
	for _, line := range strings.Split(text, "\n") {
		if containsAny(line, benchJunk...) {
			junk++
		}
	}
	flat := x.Simplify(text)
	pos := 0
	for _, c := range cells {
		c = x.Simplify(c)
		if i := strings.Index(flat[pos:], c); i >= 0 {
			kept++
			pos += i + len(c)
		}
	}
	return junk, kept
}

// BenchmarkCompare times nianbao's Extract+CleanText and go-trafilatura
// (v1.12.2, default options: tables included) on the same pages, and
// reports per corpus: ns per report, furniture lines left, and template
// table cells kept out of the reference count.
func BenchmarkCompare(b *testing.B) {
	x := MustExtractor(b)
	for _, corpus := range []struct {
		name string
		real bool
	}{{"fixtures", false}, {"real", true}} {
		b.Run(corpus.name+"/nianbao", func(b *testing.B) {
			pages := loadBenchPages(b, corpus.real)
			junk, kept, total := 0, 0, 0
			for _, p := range pages {
				text, err := x.CleanText(Input{Body: p.body})
				if err != nil {
					b.Fatal(err)
				}
				j, k := quality(x, text, p.cells)
				junk, kept, total = junk+j, kept+k, total+len(p.cells)
			}
			b.ResetTimer()
			for b.Loop() {
				for _, p := range pages {
					if _, err := x.Extract(Input{Body: p.body}); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportQuality(b, len(pages), junk, kept, total)
		})
		b.Run(corpus.name+"/trafilatura", func(b *testing.B) {
			pages := loadBenchPages(b, corpus.real)
			junk, kept, total := 0, 0, 0
			for _, p := range pages {
				res, err := trafilatura.Extract(bytes.NewReader(p.body), trafilatura.Options{})
				text := ""
				if err == nil {
					text = res.ContentText
				}
				j, k := quality(x, text, p.cells)
				junk, kept, total = junk+j, kept+k, total+len(p.cells)
			}
			b.ResetTimer()
			for b.Loop() {
				for _, p := range pages {
					_, _ = trafilatura.Extract(bytes.NewReader(p.body), trafilatura.Options{})
				}
			}
			reportQuality(b, len(pages), junk, kept, total)
		})
	}
}

func reportQuality(b *testing.B, pages, junk, kept, total int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/report")
	b.ReportMetric(float64(junk), "junk-lines")
	b.ReportMetric(float64(kept), "cells-kept")
	b.ReportMetric(float64(total), "cells-ref")
}

// BenchmarkExtractFixtures times Extract on every fixture, copied-text ones
// included (go-trafilatura reads HTML only, so it is not compared here).
func BenchmarkExtractFixtures(b *testing.B) {
	x := MustExtractor(b)
	var inputs []Input
	for _, f := range fixtures(b) {
		inputs = append(inputs, readInput(b, f))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := x.Extract(in); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(inputs)), "ns/report")
}

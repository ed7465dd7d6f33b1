package zhconv

import (
	"os"
	"strings"
	"testing"
)

// reportSize is the size of a large annual report's text.
const reportSize = 50 << 10

// report repeats paragraph to about reportSize bytes.
func report(paragraph string) string {
	return strings.Repeat(paragraph+"\n", reportSize/(len(paragraph)+1)+1)
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConvert(b *testing.B) {
	c := MustNew(b)
	simplified, traditional := report(simplifiedParagraph), report(traditionalParagraph)
	benches := []struct {
		name    string
		text    string
		convert func(string) string
	}{
		{"Simplify/simplified", simplified, c.Simplify},
		{"Simplify/traditional", traditional, c.Simplify},
		{"SimplifyTaiwan/traditional", traditional, c.SimplifyTaiwan},
		{"SimplifyDocument/simplified", simplified, func(s string) string { out, _ := c.SimplifyDocument(s); return out }},
		{"SimplifyDocument/traditional", traditional, func(s string) string { out, _ := c.SimplifyDocument(s); return out }},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.text)))
			for b.Loop() {
				bb.convert(bb.text)
			}
		})
	}
}

func BenchmarkIsTraditional(b *testing.B) {
	c := MustNew(b)
	text := report(simplifiedParagraph)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c.IsTraditional(text)
	}
}

// BenchmarkRealPage runs SimplifyDocument on a real report page (HTML, about
// 350 KB) and on the same page in Traditional characters with Taiwan
// vocabulary.
func BenchmarkRealPage(b *testing.B) {
	raw, err := os.ReadFile("../../../shared/corpus/real/pingtan__2021_report_t20220208_80613.html")
	if err != nil {
		b.Skip("real corpus not present")
	}
	c := MustNew(b)
	page := string(raw)
	taiwan := toTaiwanVocabulary(b, c)(toTraditionalChars(b)(page))
	for _, bb := range []struct{ name, text string }{{"simplified", page}, {"taiwan", taiwan}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.text)))
			for b.Loop() {
				c.SimplifyDocument(bb.text)
			}
		})
	}
}

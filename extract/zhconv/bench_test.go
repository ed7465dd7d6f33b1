package zhconv

import (
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

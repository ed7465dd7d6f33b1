package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchDocs are the documents the benchmarks read: a fixture and, when
// the shared corpus is there, a real 6-page report printed by WPS.
func benchDocs(b *testing.B) map[string][]byte {
	docs := map[string][]byte{"report.pdf": fixture(b, "report.pdf")}
	if body, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "real", "govnianbao__szfgs2024.pdf")); err == nil {
		docs["szfgs2024.pdf"] = body
	}
	return docs
}

// BenchmarkRead is the steady state: the module compiled, instances
// pooled. ms/page is the figure docs/benchmarks.md reports.
func BenchmarkRead(b *testing.B) {
	r := reader(b)
	for name, body := range benchDocs(b) {
		b.Run(name, func(b *testing.B) {
			pages := 0
			for b.Loop() {
				d, err := r.Read(context.Background(), body)
				if err != nil {
					b.Fatal(err)
				}
				pages += d.Pages
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(pages), "ms/page")
		})
	}
}

// BenchmarkFirstDocument is a process's first PDF: compiling the module
// (no on-disk cache), one instance, one document.
func BenchmarkFirstDocument(b *testing.B) {
	body := fixture(b, "report.pdf")
	for b.Loop() {
		r := New(Options{})
		if _, err := r.Read(context.Background(), body); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}

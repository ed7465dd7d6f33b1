package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestReadSmallMemory: 64 MiB of WebAssembly memory per instance (what
// serve gives its one instance) reads every fixture and the real reports
// in full, and a 20 MiB document (the crawler's default max_body): PDFium
// reads the body through callbacks, so its size does not count against
// the limit. (All of them read in 24 MiB too; the module starts at
// 18.2 MiB.)
func TestReadSmallMemory(t *testing.T) {
	dir, err := os.UserCacheDir()
	if err == nil {
		dir = filepath.Join(dir, "nianbao", "wazero")
	}
	r := New(Options{Instances: 1, MemoryLimit: 64 << 20, MaxPages: 200, CacheDir: dir})
	defer r.Close()
	big := fixture(t, "report.pdf")
	big = append(big, '%')
	big = append(append(big, bytes.Repeat([]byte{'x'}, 20<<20-len(big)-1)...), '\n')
	docs := []struct {
		name  string
		body  []byte
		pages int
	}{
		{"report.pdf", fixture(t, "report.pdf"), 2},
		{"split.pdf", fixture(t, "split.pdf"), 2},
		{"pages200.pdf", fixture(t, "pages200.pdf"), 200},
		{"report.pdf padded to 20 MiB", big, 2},
	}
	for name, pages := range map[string]int{"govnianbao__szfgs2024.pdf": 6, "kirogovcompare__hzq2023_working.pdf": 5, "kirogovcompare__hzq2024_working.pdf": 5} {
		if body, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "real", name)); err == nil {
			docs = append(docs, struct {
				name  string
				body  []byte
				pages int
			}{name, body, pages})
		}
	}
	for _, tc := range docs {
		t.Run(tc.name, func(t *testing.T) {
			d, err := r.Read(context.Background(), tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if d.Pages != tc.pages || len(d.Warnings) != 0 {
				t.Errorf("pages %d, warnings %q; want %d pages, no warning", d.Pages, d.Warnings, tc.pages)
			}
		})
	}
}

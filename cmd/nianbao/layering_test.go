package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestLayering keeps the dependencies between nianbao's packages pointing
// one way (docs/architecture.md): config, store and extract import no other
// nianbao package, the crawler uses config and store only, and only
// cmd/nianbao sees everything. Test files are free to import what they need.
func TestLayering(t *testing.T) {
	const module = "github.com/nianbao/nianbao/"
	allowed := map[string][]string{
		"config":            nil,
		"store":             nil,
		"store/warc":        {"store"},
		"extract":           {"extract/zhconv"},
		"extract/zhconv":    nil,
		"crawler":           {"config", "store"},
		"crawler/portalsim": nil,
	}
	for dir, ok := range allowed {
		files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("package %s: no Go files found (%v)", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
			if err != nil {
				t.Fatalf("parse %s: %v", file, err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				dep, internal := strings.CutPrefix(path, module)
				if internal && !slices.Contains(ok, dep) {
					t.Errorf("%s imports %s; package %s may import only %v", file, path, dir, ok)
				}
			}
		}
	}
}

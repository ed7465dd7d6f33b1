package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

func TestCLIExtract(t *testing.T) {
	dir := t.TempDir()
	utf8 := testarchive.Fixture(t)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Replace(string(utf8), `charset="utf-8"`, `charset="gbk"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	gbkPath := filepath.Join(dir, "gbk.html")
	if err := os.WriteFile(gbkPath, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{testarchive.FixturePath(), gbkPath} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, errs := runCLI(t, nil, "extract", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if r["is_report"] != true || r["year"] != 2021.0 || r["agency"] != "宿迁市人民政府" {
				t.Errorf("extract %s: is_report %v, year %v, agency %v", file, r["is_report"], r["year"], r["agency"])
			}
			if _, ok := r["source"]; ok {
				t.Errorf("a local file has no source: %v", r["source"])
			}
		})
	}
	code, out, _ := runCLI(t, nil, "extract", "--format", "text", testarchive.FixturePath(), gbkPath)
	if code != 0 || strings.Count(out, "==> ") != 2 || strings.Count(out, "一、总体情况") != 2 {
		t.Errorf("extract --format text of two files: exit %d, output %q", code, out)
	}
	if code, out, _ := runCLI(t, nil, "extract", "-c", "/nonexistent.yaml", "--db", "/nonexistent.db", testarchive.FixturePath()); code != 0 || !strings.Contains(out, `"is_report": true`) {
		t.Errorf("extract with -c and --db: exit %d; it reads neither", code)
	}
	if code, _, _ := runCLI(t, nil, "extract"); code != 2 {
		t.Errorf("extract without files: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, nil, "extract", filepath.Join(dir, "missing.html")); code != 1 {
		t.Errorf("extract of a missing file: exit %d, want 1", code)
	}
}

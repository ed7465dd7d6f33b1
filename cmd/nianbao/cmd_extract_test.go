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

// Documents: both formats read a PDF, a DOCX, an XLSX and an OFD and agree
// on the exit status; a document that cannot be read fails both.
func TestCLIExtractDocuments(t *testing.T) {
	docs := filepath.Join("..", "..", "extract", "testdata", "documents")
	for _, name := range []string{"report.pdf", "report.docx", "report.xlsx", "report.ofd"} {
		t.Run(name, func(t *testing.T) {
			// A .bin name: the content decides, not the suffix.
			file := filepath.Join(t.TempDir(), "attachment.bin")
			body, err := os.ReadFile(filepath.Join(docs, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, body, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, nil, "extract", file)
			if code != 0 {
				t.Fatalf("json: exit %d: %s", code, errs)
			}
			var r struct {
				IsReport bool   `json:"is_report"`
				Title    string `json:"title"`
				Format   string `json:"format"`
				Tables   struct {
					Reviews *struct {
						Review struct{ Total *float64 } `json:"review"`
					} `json:"reviews"`
				} `json:"tables"`
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if !r.IsReport || r.Title != "某某县人民政府2023年政府信息公开工作年度报告" || r.Format != strings.TrimPrefix(filepath.Ext(name), ".") ||
				r.Tables.Reviews == nil || r.Tables.Reviews.Review.Total == nil || *r.Tables.Reviews.Review.Total != 5 {
				t.Errorf("json: %s", out)
			}
			code, out, errs = runCLI(t, nil, "extract", "--format", "text", file)
			if code != 0 || !strings.HasPrefix(out, "某某县人民政府2023年政府信息公开工作年度报告\n") ||
				!strings.Contains(out, "3 | 1 | 0 | 1 | 5 | 2 | 0 | 1 | 0 | 3 | 1 | 0 | 0 | 0 | 1\n") {
				t.Errorf("text: exit %d %s\n%s", code, errs, out)
			}
		})
	}
	legacy := filepath.Join(t.TempDir(), "report.doc")
	if err := os.WriteFile(legacy, append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "text"} {
		code, _, errs := runCLI(t, nil, "extract", "--format", format, legacy)
		if code != 1 || !strings.Contains(errs, "legacy binary Office format") {
			t.Errorf("--format %s of a legacy .doc: exit %d, stderr %q; want 1 and the reason", format, code, errs)
		}
	}
}

// TestCLIExtractFormatsAgree: whatever the files, --format json and
// --format text exit alike and say the same on stderr; each prints what it
// could of the files that did extract.
func TestCLIExtractFormatsAgree(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	report := testarchive.FixturePath()
	empty := write("empty.html", nil)
	pdf := write("broken.pdf", []byte("%PDF-1.4 not really"))
	missing := filepath.Join(dir, "missing.html")
	tests := []struct {
		name  string
		files []string
		code  int
		text  []string // stdout of --format text contains
	}{
		{"a report", []string{report}, 0, []string{"一、总体情况"}},
		{"an empty file", []string{empty}, 1, nil},
		{"a damaged PDF", []string{pdf}, 1, nil},
		{"a missing file", []string{missing}, 1, nil},
		{"good, missing and damaged together", []string{report, missing, pdf}, 1, []string{"==> " + report + " <==", "一、总体情况"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jcode, jout, jerr := runCLI(t, nil, append([]string{"extract", "--format", "json"}, tt.files...)...)
			tcode, tout, terr := runCLI(t, nil, append([]string{"extract", "--format", "text"}, tt.files...)...)
			if jcode != tt.code || tcode != tt.code {
				t.Errorf("exit json %d, text %d; want %d for both", jcode, tcode, tt.code)
			}
			if jerr != terr {
				t.Errorf("stderr differs:\njson: %s\ntext: %s", jerr, terr)
			}
			testarchive.Contains(t, "text stdout", tout, tt.text...)
			if strings.Contains(tt.name, "together") && (!strings.HasPrefix(jout, "[") || strings.Count(jout, `"schema"`) != 2) {
				t.Errorf("json stdout: want an array of the two files that extracted (the report, the unread PDF's report):\n%.300s", jout)
			}
		})
	}
}

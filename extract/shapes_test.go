package extract

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTornShapesAgree: the T2021 numbers of testdata/pipe_rows.txt,
// written in the shapes PDF conversions, markdown copies and Word pages
// tear tables into — labels on lines of their own, labels wrapped before
// their cells, rows with no label at all, trailing empty markdown cells,
// table 四 as three tables or as one row of 15 numbers under a header left
// as text. Every cell of the three tables must equal the reference's
// (split_reviews.html is t2021_city.html with table 四 cut in three;
// vocab_mirror.html is big5_gate.html with a mirror's 行政規範性檔案, 網路,
// 最佳化 and 程式; traditional_cells.txt is cell_split_rows.txt in
// Traditional characters, labels such as 二、上年結轉… on lines of their own;
// traditional_pdf_text.txt is pdf_text.txt in Traditional characters, where
// 行政許可 10690 is a row only once it reads 行政许可).
func TestTornShapesAgree(t *testing.T) {
	x := MustExtractor(t)
	for f, reference := range map[string]string{
		"testdata/markdown_torn.txt":          "testdata/pipe_rows.txt",
		"testdata/markdown_split_reviews.txt": "testdata/pipe_rows.txt",
		"testdata/cell_split_rows.txt":        "testdata/pipe_rows.txt",
		"testdata/split_reviews.html":         "testdata/t2021_city.html",
		"testdata/vocab_mirror.html":          "testdata/big5_gate.html",
		"testdata/traditional_cells.txt":      "testdata/pipe_rows.txt",
		"testdata/pipe_split_reviews.txt":     "testdata/pipe_rows.txt",
		"testdata/traditional_pdf_text.txt":   "testdata/pdf_text.txt",
	} {
		t.Run(f, func(t *testing.T) {
			want, err := json.Marshal(MustExtract(t, x, reference, "").Tables)
			if err != nil {
				t.Fatal(err)
			}
			r := MustExtract(t, x, f, "")
			if r.TableStatus != (TableStatus{StatusOK, StatusOK, StatusOK}) {
				t.Errorf("table_status = %+v, want all ok", r.TableStatus)
			}
			got, err := json.Marshal(r.Tables)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("tables differ from %s\n got  %s\n want %s", reference, got, want)
			}
			for _, w := range r.Warnings {
				if strings.Contains(w, "unlabelled") && !strings.Contains(f, "torn") {
					t.Errorf("warning %q: every label of this copy is there to be read", w)
				}
			}
			for _, c := range r.Checks {
				if c.Status != CheckPass {
					t.Errorf("check %s %s = %s (%s), want pass", c.Rule, c.Where, c.Status, c.Detail)
				}
			}
		})
	}
}

// TestMirrorVocabularyReversed: a Traditional mirror of a mainland report
// that also changed words reads, and searches, as the mainland report: its
// text says 规范性文件, 网络, 优化, 程序 — and still 档案馆.
func TestMirrorVocabularyReversed(t *testing.T) {
	x := MustExtractor(t)
	text, err := x.CleanText(readInput(t, "testdata/vocab_mirror.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"优化门户网站栏目设置，加强网络平台的程序维护；市档案馆设立政府信息查阅点。全年制发行政规范性文件12件。", "行政规范性文件 | 12 | 3 | 96"} {
		if !strings.Contains(text, want) {
			t.Errorf("cleaned text lacks %q", want)
		}
	}
}

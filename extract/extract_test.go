package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
)

// MustExtractor builds one extractor per test binary use.
func MustExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	x, err := New()
	if err != nil {
		tb.Fatalf("New() error = %v", err)
	}
	return x
}

// fixtures lists testdata/<case>.html and <case>.txt.
func fixtures(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, pat := range []string{"testdata/*.html", "testdata/*.txt"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range m {
			if !strings.Contains(f, ".golden.") {
				out = append(out, f)
			}
		}
	}
	if len(out) < 12 {
		tb.Fatalf("found %d fixtures, want at least 12", len(out))
	}
	return out
}

func readInput(tb testing.TB, path string) Input {
	tb.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return Input{Body: body}
}

// TestGolden compares the extracted JSON and the cleaned text of every
// fixture with its golden files; -update rewrites them.
func TestGolden(t *testing.T) {
	x := MustExtractor(t)
	for _, f := range fixtures(t) {
		base := strings.TrimSuffix(f, filepath.Ext(f))
		t.Run(filepath.Base(base), func(t *testing.T) { checkGolden(t, x, f, filepath.Base(base)) })
	}
}

// checkGolden compares the extracted JSON and the cleaned text of the file
// at path with testdata/name.golden.json and testdata/name.golden.txt.
func checkGolden(t *testing.T, x *Extractor, path, name string) {
	t.Helper()
	in := readInput(t, path)
	r, err := x.Extract(in)
	if err != nil {
		t.Fatalf("Extract() error = %v", err)
	}
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	text, err := x.CleanText(in)
	if err != nil {
		t.Fatalf("CleanText() error = %v", err)
	}
	assert.Check(t, golden.String(string(got), name+".golden.json"))
	assert.Check(t, golden.String(text, name+".golden.txt"))
}

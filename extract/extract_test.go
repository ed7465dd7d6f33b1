package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json and *.golden.txt")

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
		t.Run(filepath.Base(base), func(t *testing.T) { checkGolden(t, x, f, base) })
	}
}

// checkGolden compares the extracted JSON and the cleaned text of the file
// at path with base.golden.json and base.golden.txt.
func checkGolden(t *testing.T, x *Extractor, path, base string) {
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
	compareGolden(t, base+".golden.json", got)
	compareGolden(t, base+".golden.txt", []byte(text))
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; rerun with -update and review the diff\n--- got ---\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the output around the first differing line.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range g {
		if i >= len(w) || g[i] != w[i] {
			wl := ""
			if i < len(w) {
				wl = w[i]
			}
			return "line " + strconv.Itoa(i+1) + ": got  " + g[i] + "\n        want " + wl
		}
	}
	return "(want is longer)"
}
